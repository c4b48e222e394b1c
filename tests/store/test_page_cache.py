"""Store pages are cached whole for anonymous readers, and refreshed at once
when what they show changes: an external store or collection is edited, or
the last of something is sold."""

import pytest

from store.models import ExternalStore
from tests.store.factories import make_external_store, start_checkout, variants_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_store_page_is_served_from_the_cache(client, store):
    assert client.get(store.url)["X-Page-Cache"] == "miss"
    assert client.get(store.url)["X-Page-Cache"] == "hit"


def test_editing_an_external_store_refreshes_cached_pages(client, store):
    shop = make_external_store("TeePublic")
    client.get(store.url)

    ExternalStore.objects.filter(pk=shop.pk).update(name="TeePublic (new)")
    shop.refresh_from_db()
    shop.save()  # as the admin does

    response = client.get(store.url)
    assert response["X-Page-Cache"] == "miss"
    assert "TeePublic (new)" in response.content.decode()


def test_selling_the_last_one_refreshes_the_cached_product_page(client, store, stripe_standin, django_capture_on_commit_callbacks):
    from django.test import Client

    from tests.store.factories import make_product, variant

    pin = make_product(store, "Last pin", variants=[variant("Pin", stock=1)])
    reader = Client()
    assert "Add to cart" in reader.get(pin.url).content.decode()
    assert reader.get(pin.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        start_checkout(client, variants_of(pin)[0], 1)

    response = reader.get(pin.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Sold out." in response.content.decode()


def test_a_collection_of_the_store_is_cached_too(client, store):
    from tests.store.factories import make_collection, make_product

    awareness = make_collection("Awareness month", slug="awareness")
    make_product(store, "Awareness badge", collections=[awareness])
    make_product(store, "Plain mug")
    first = client.get(store.url, {"collection": "awareness"})
    second = client.get(store.url, {"collection": "awareness"})
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert "Awareness badge" in second.content.decode() and "Plain mug" not in second.content.decode()
    assert client.get(store.url, {"collection": "no-such-thing"}).status_code == 404
    assert "X-Page-Cache" not in client.get(store.url, {"collection": "no-such-thing"})
