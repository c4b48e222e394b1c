"""The smallest store worlds the tests need: a StorePage, products with
variants and images, external stores and collections; and the shopper's
steps (add to cart, check out) as plain functions."""

import itertools

from django.utils.text import slugify

from store.models import ExternalStore, ProductCollection, ProductImage, ProductPage, ProductVariant, StorePage
from tests.factories import make_image

_numbers = itertools.count(1)


def make_store(home, title="Store", slug="store"):
    page = home.add_child(instance=StorePage(title=title, slug=slug, show_in_menus=True))
    page.save_revision().publish()
    return page


def variant(name="One size", price=1500, currency="GBP", stock=None, sku="", size="", colour=""):
    return {"name": name, "price": price, "currency": currency, "stock": stock, "sku": sku, "size": size, "colour": colour}


def make_product(store, title=None, variants=(), images=(), external_store=None, external_url="", collections=(), publish=True, revisions=True, summary=None):
    """A ProductPage under `store`. `variants` are dicts from variant();
    `images` are (image, alt text) pairs. revisions=False makes a live page
    without a revision (fast, for tests that need hundreds)."""
    number = next(_numbers)
    title = title or f"Product {number}"
    page = ProductPage(
        title=title,
        slug=f"{slugify(title)[:40]}-{number}",
        summary=summary if summary is not None else f"About {title}.",
        external_store=external_store,
        external_url=external_url,
        live=publish and not revisions,
        has_unpublished_changes=False,
    )
    page.variants = [ProductVariant(**data) for data in variants]
    page.images = [ProductImage(image=image, alt_text=alt) for image, alt in images]
    page.collections = list(collections)
    store.add_child(instance=page)
    if publish and revisions:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def make_external_store(name="TeePublic", url="https://www.teepublic.com/stores/chronicle", logo=None, logo_alt=""):
    return ExternalStore.objects.create(name=name, url=url, logo=logo, logo_alt=logo_alt)


def make_collection(name="Awareness month", slug=None):
    return ProductCollection.objects.create(name=name, slug=slug or slugify(name))


def variants_of(product):
    return list(ProductVariant.objects.filter(product=product).order_by("sort_order", "pk"))


def add_to_cart(client, variant_obj, quantity=1, **extra):
    data = {"product": variant_obj.product_id, "variant": variant_obj.pk, "quantity": quantity, **extra}
    return client.post("/shop/cart/add/", data)


def check_out(client):
    """Press "Check out": returns the response (a 303 to Stripe on success)."""
    return client.post("/shop/checkout/")


def session_id_of(response):
    """The Checkout Session id in the redirect to Stripe's hosted page."""
    assert response.status_code == 303, response.status_code
    return response["Location"].rsplit("/", 1)[-1]


def make_image_pair(title="Shirt photo", alt="Teal T-shirt with a purple ribbon"):
    return (make_image(title), alt)


def start_checkout(client, variant_obj, quantity=1):
    """Add to cart and press "Check out": returns the Checkout Session id."""
    add_to_cart(client, variant_obj, quantity)
    return session_id_of(check_out(client))
