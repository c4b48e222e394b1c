"""Demo content for the store: a Store page under the home page with three
products (one in sizes with counted stock, one untracked, one sold only at
an external store), a collection, and two external stores.

Idempotent like blog.demo: everything is looked up by slug or name first and
only created when missing; what an editor changed is left alone."""

from django.db import transaction
from wagtail.models import Site

from blog.demo import LoggingLoader, _publish, get_or_create_image
from blog.models import HomePage

from .models import ExternalStore, ProductCollection, ProductImage, ProductPage, ProductVariant, StorePage

STORE_INTRO = "<p>Wear the cause. Everything here is designed by members of the community, and every sale helps keep this site free of ads.</p>"

EXTERNAL_STORES = [
    {"name": "TeePublic", "url": "https://www.teepublic.com/", "colors": ("#1f5f63", "#8fd3cf"), "description": "Shirts, hoodies and stickers, printed on demand."},
    {"name": "Teespring", "url": "https://teespring.com/", "colors": ("#6b3fa0", "#c9b3e6"), "description": "Community designs for awareness month."},
]

PRODUCTS = [
    {
        "slug": "awareness-t-shirt",
        "title": "Awareness T-shirt",
        "summary": "Soft cotton tee with the purple awareness ribbon.",
        "description": "<p>A relaxed, soft cotton T-shirt for awareness month and every other month. Printed in the UK with water-based inks.</p>",
        "proceeds": "All profit goes to the community's peer support line.",
        "colors": ("#6b3fa0", "#f3e9ff"),
        "alt": "Purple T-shirt with a white awareness ribbon on the chest",
        "variants": [
            {"name": "Small", "size": "S", "price": 1800, "stock": 8, "sku": "TEE-S"},
            {"name": "Medium", "size": "M", "price": 1800, "stock": 12, "sku": "TEE-M"},
            {"name": "Large", "size": "L", "price": 1800, "stock": 3, "sku": "TEE-L"},
            {"name": "Extra large", "size": "XL", "price": 2000, "stock": 0, "sku": "TEE-XL"},
        ],
        "collection": True,
    },
    {
        "slug": "spoonie-mug",
        "title": "Spoonie mug",
        "summary": "A big mug for the days you count your spoons.",
        "description": "<p>Ceramic, 350 ml, dishwasher safe. Made to order, so it never runs out.</p>",
        "proceeds": "",
        "colors": ("#1f5f63", "#eaf3f3"),
        "alt": "White mug printed with a row of teal spoons",
        "variants": [{"name": "Mug", "price": 1200, "stock": None, "sku": "MUG-1"}],
        "collection": False,
    },
    {
        "slug": "zebra-stripes-hoodie",
        "title": "Zebra stripes hoodie",
        "summary": "The rare-disease zebra, on a warm hoodie. Sold through TeePublic.",
        "description": "<p>Printed and shipped by TeePublic in many colours and sizes.</p>",
        "proceeds": "",
        "colors": ("#222222", "#dddddd"),
        "alt": "Black hoodie with a zebra-stripe ribbon",
        "variants": [],
        "external": ("TeePublic", "https://www.teepublic.com/"),
        "collection": True,
    },
]


class StoreDemoLoader(LoggingLoader):
    @transaction.atomic
    def load(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None or not isinstance(site.root_page.specific, HomePage):
            if self.stdout:
                self.stdout.write("  No home page yet: run load_demo first.")
            return self.created
        home = site.root_page.specific
        stores = {data["name"]: self.external_store(data) for data in EXTERNAL_STORES}
        collection, created = ProductCollection.objects.get_or_create(slug="awareness-month", defaults={"name": "Awareness month", "description": "Wear purple in May: designs for Fibromyalgia Awareness Month."})
        if created:
            self.log("collection “Awareness month”")
        store = StorePage.objects.child_of(home).filter(slug="store").first()
        if store is None:
            store = home.add_child(instance=StorePage(title="Store", slug="store", intro=STORE_INTRO, show_in_menus=True))
            _publish(store)
            self.log("store page")
        for data in PRODUCTS:
            self.product(store, data, stores, collection)
        self.link_from_site_settings(site, store)
        return self.created

    def link_from_site_settings(self, site, store):
        """Point the home page's store teaser at the store, once the site
        settings have a store_page field (see the store's README notes)."""
        from chronicle.models import SiteSettings

        settings_obj = SiteSettings.for_site(site)
        if hasattr(settings_obj, "store_page_id") and settings_obj.store_page_id is None:
            settings_obj.store_page = store
            settings_obj.save()
            self.log("site settings: store page")

    def external_store(self, data):
        store = ExternalStore.objects.filter(name=data["name"]).first()
        if store:
            return store
        logo, _ = get_or_create_image(f"Demo: {data['name']} logo", data["colors"])
        store = ExternalStore.objects.create(name=data["name"], url=data["url"], logo=logo, logo_alt=f"{data['name']} logo", description=data["description"])
        self.log(f"external store “{store.name}”")
        return store

    def product(self, store, data, stores, collection):
        if ProductPage.objects.child_of(store).filter(slug=data["slug"]).exists():
            return
        image, _ = get_or_create_image(f"Demo: {data['title']}", data["colors"])
        external_name, external_url = data.get("external", (None, ""))
        page = ProductPage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            description=data["description"],
            proceeds=data["proceeds"],
            external_store=stores.get(external_name),
            external_url=external_url,
        )
        page.images = [ProductImage(image=image, alt_text=data["alt"])]
        page.variants = [ProductVariant(currency="GBP", **variant) for variant in data["variants"]]
        page.collections = [collection] if data["collection"] else []
        store.add_child(instance=page)
        _publish(page)
        self.log(f"product “{page.title}”")
