"""The store's pages: StorePage (the grid, collections, external stores) and
ProductPage with its images and variants."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from blog import chrome

from ..money import CURRENCY_CHOICES, format_money
from .snippets import ExternalStore, ProductCollection, http_url

CARD_IMAGE_SPEC = "fill-480x480"
PRODUCT_IMAGE_SPEC = "max-960x960"
LOGO_SPEC = "max-240x120"
PRODUCTS_PER_PAGE = 24


class StorePage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    stores_heading = models.CharField("External stores heading", max_length=80, default="Our stores elsewhere")
    stores_intro = models.TextField("External stores text", blank=True, default="More designs from the community, printed on demand.")

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("stores_heading"), FieldPanel("stores_intro")], heading="External stores", help_text="The stores themselves are snippets: Snippets → External stores."),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["blog.HomePage"]
    subpage_types = ["store.ProductPage"]

    class Meta:
        verbose_name = "store"

    def products(self):
        """Live products under this store, in the order editors gave them."""
        return ProductPage.objects.child_of(self).live().order_by("path")

    def extras(self):
        """The store's collections and external stores as plain data, cached
        until content changes (any publish, or a change to these snippets:
        see StoreConfig.ready), so that they cost no queries on most views."""

        def build():
            stores = []
            for store in ExternalStore.objects.select_related("logo"):
                logo = store.logo.get_rendition(LOGO_SPEC) if store.logo else None
                stores.append(
                    {
                        "name": store.name,
                        "url": store.url,
                        "description": store.description,
                        "logo": {"url": logo.url, "width": logo.width, "height": logo.height, "alt": store.logo_alt} if logo else None,
                    }
                )
            collections = ProductCollection.objects.filter(products__in=self.products().values("pk")).distinct()
            return {
                "collections": [{"id": c.pk, "name": c.name, "slug": c.slug, "description": c.description} for c in collections],
                "external_stores": stores,
            }

        return chrome.cached(f"store:{self.pk}", 0, build)

    def get_context(self, request, *args, **kwargs):
        from blog.models import paginate

        from ..cart import count_in as cart_count_in

        context = super().get_context(request, *args, **kwargs)
        extras = self.extras()
        products = self.products()
        slug = request.GET.get("collection", "").strip()[:80]
        active = None
        if slug:
            active = next((c for c in extras["collections"] if c["slug"] == slug), None)
            if active is None:
                raise Http404("No such collection")
            products = products.filter(collections=active["id"])
        page_obj = paginate(request, products.select_related("external_store").prefetch_related(*ProductPage.card_prefetches()), PRODUCTS_PER_PAGE)
        context.update(
            products=page_obj.object_list,
            page_obj=page_obj,
            collections=extras["collections"],
            active_collection=active,
            cart_count=cart_count_in(request),
            external_stores=extras["external_stores"],
        )
        return context

    def route(self, request, path_components):
        """Products are the only children: fetch one with what its page shows
        in one query, instead of Wagtail's two plus one for its parent."""
        if not path_components:
            return super().route(request, path_components)
        product = ProductPage.objects.child_of(self).select_related("external_store").filter(slug=path_components[0]).first()
        if product is None:
            raise Http404
        product._cached_parent_obj = self
        return product.route(request, path_components[1:])


class ProductPageForm(WagtailAdminPageForm):
    """Stock is inventory, not content: a stock number an editor changes is
    written to the live variant as soon as the page is saved (draft or not),
    and publishing a revision never sets stock back (see with_content_json)."""

    def save(self, commit=True):
        page = super().save(commit=commit)
        formset = self.formsets.get("variants")
        if formset is not None:
            deleted = set(formset.deleted_forms)
            for form in formset.forms:
                if form in deleted or not form.instance.pk or "stock" not in form.changed_data:
                    continue
                ProductVariant.objects.filter(pk=form.instance.pk).update(stock=form.cleaned_data.get("stock"))
                chrome.invalidate()  # cached pages show stock too
        return page


class ProductPage(Page):
    summary = models.CharField(max_length=250, help_text="One line for the store grid, search results and the meta description.")
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    proceeds = models.TextField("What proceeds support", blank=True, help_text="Optional, e.g. “All profits go to the fibromyalgia support line.”")
    collections = ParentalManyToManyField(ProductCollection, blank=True, related_name="products")
    external_store = models.ForeignKey(ExternalStore, null=True, blank=True, on_delete=models.SET_NULL, related_name="products")
    external_url = models.URLField("Product address at the external store", max_length=500, blank=True, validators=[http_url])

    base_form_class = ProductPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        InlinePanel("images", label="Images", heading="Images"),
        FieldPanel("description"),
        FieldPanel("proceeds"),
        InlinePanel(
            "variants",
            label="Variant",
            heading="Sold here (Stripe Checkout)",
            help_text="Each size or colour with its own price. Stock is live inventory: a change takes effect when you save, and publishing never sets it back. Leave stock empty if you do not count it.",
        ),
        MultiFieldPanel([FieldPanel("external_store"), FieldPanel("external_url")], heading="Sold elsewhere", help_text="Shows a “Buy at <store>” link."),
        FieldPanel("collections"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("description")]

    parent_page_types = ["store.StorePage"]
    subpage_types = []

    class Meta:
        verbose_name = "product"

    def clean(self):
        super().clean()
        if self.external_url and not self.external_store_id:
            raise ValidationError({"external_store": "Choose the store that sells this product."})
        if self.external_store_id and not self.external_url:
            raise ValidationError({"external_url": "Give the product's address at that store."})

    def with_content_json(self, content):
        """A revision carries the stock of the moment it was saved; publishing
        or previewing it must not rewind stock sold since. Keep the live stock
        of every variant that already exists."""
        obj = super().with_content_json(content)
        if self.pk:
            live = dict(ProductVariant.objects.filter(product_id=self.pk).values_list("pk", "stock"))
            for variant in obj.variants.all():
                if variant.pk in live:
                    variant.stock = live[variant.pk]
        return obj

    @staticmethod
    def image_prefetch(spec):
        """A product's images with their image row and the rendition `spec`."""
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=spec)
        return Prefetch("images", queryset=ProductImage.objects.order_by("sort_order").select_related("image").prefetch_related(Prefetch("image__renditions", queryset=renditions)))

    @staticmethod
    def card_prefetches():
        """What a product card shows, in a fixed number of queries."""
        return (ProductPage.image_prefetch(CARD_IMAGE_SPEC), Prefetch("variants", queryset=ProductVariant.objects.order_by("sort_order", "pk")))

    # --- what the pages show (from prefetched variants and images) ----------

    @cached_property
    def variant_list(self):
        return list(self.variants.all())

    @property
    def first_image(self):
        images = list(self.images.all())
        return images[0] if images else None

    @property
    def sold_here(self):
        return bool(self.variant_list)

    @property
    def sold_out(self):
        """True when every variant counts stock and none is left."""
        return self.sold_here and all(not variant.in_stock for variant in self.variant_list)

    @property
    def price_label(self):
        """ "£12.50", or "From £10.00" when variants differ in price."""
        prices = sorted({(variant.price, variant.currency) for variant in self.variant_list})
        if not prices:
            return ""
        text = format_money(*prices[0])
        return f"From {text}" if len(prices) > 1 else text

    def get_context(self, request, *args, **kwargs):
        from .. import stripe_api
        from ..cart import MAX_QUANTITY
        from ..cart import count_in as cart_count_in

        prefetch_related_objects([self], self.image_prefetch(PRODUCT_IMAGE_SPEC), Prefetch("variants", queryset=ProductVariant.objects.order_by("sort_order", "pk")), "collections")
        context = super().get_context(request, *args, **kwargs)
        context["store_page"] = self.get_parent()
        context["cart_count"] = cart_count_in(request)
        context.setdefault("checkout_available", stripe_api.is_configured())
        context.setdefault("max_quantity", MAX_QUANTITY)
        # Anonymous readers get this page from the shared cache, so it must not
        # carry a per-reader token: the form fetches one (data-csrf-fetch) or the
        # shopper confirms. A shopper with a session always gets a fresh page,
        # so the token can go straight into the form.
        context.setdefault("csrf_inline", settings.SESSION_COOKIE_NAME in request.COOKIES)
        return context


class ProductImage(Orderable):
    product = ParentalKey(ProductPage, related_name="images", on_delete=models.CASCADE)
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(max_length=250, help_text="What the picture shows, e.g. “Teal T-shirt with a purple ribbon”.")

    panels = [FieldPanel("image"), FieldPanel("alt_text")]


class ProductVariantQuerySet(models.QuerySet):
    def available(self):
        """Variants shoppers may buy: their product is published."""
        return self.filter(product__live=True).select_related("product")


class ProductVariant(Orderable):
    product = ParentalKey(ProductPage, related_name="variants", on_delete=models.CASCADE)
    name = models.CharField(max_length=80, help_text="What shoppers choose, e.g. “Medium” or “Teal, large”.")
    size = models.CharField(max_length=40, blank=True)
    colour = models.CharField(max_length=40, blank=True)
    price = models.PositiveIntegerField(help_text="In minor units: 1250 means £12.50.")
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, default="GBP")
    stock = models.PositiveIntegerField(null=True, blank=True, help_text="How many are left; empty if you do not count stock.")
    sku = models.CharField("SKU", max_length=64, blank=True)

    objects = ProductVariantQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("size"), FieldPanel("colour")]),
        FieldRowPanel([FieldPanel("price"), FieldPanel("currency")]),
        FieldRowPanel([FieldPanel("stock"), FieldPanel("sku")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "variant"

    def __str__(self):
        return self.name

    @property
    def tracked(self):
        return self.stock is not None

    @property
    def in_stock(self):
        return self.stock is None or self.stock > 0

    @property
    def price_display(self):
        return format_money(self.price, self.currency)


