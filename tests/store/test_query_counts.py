"""The store and product pages cost the same queries with 5 or 200 products."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_image
from tests.store.factories import make_collection, make_external_store, make_product, variant

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def count_queries(client, url):
    client.get(url)  # warm: renditions are made on first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_products(store, count, image, collections):
    for n in range(count):
        make_product(
            store,
            variants=[variant("Small", price=1000 + n, stock=n % 3), variant("Large", price=1500, stock=None)],
            images=[(image, f"Photo {n}")],
            collections=collections,
            revisions=False,
        )


def test_store_page_queries_do_not_grow_with_products(client, store, stripe_standin):
    image = make_image()
    collections = [make_collection("Awareness month"), make_collection("Mugs")]
    make_external_store("TeePublic", logo=make_image("Logo"), logo_alt="TeePublic logo")
    make_external_store("Teespring")
    add_products(store, 5, image, collections)

    small_page = count_queries(client, store.url)
    small_filtered = count_queries(client, store.url + "?collection=mugs")
    add_products(store, 195, image, collections + [make_collection("Pins")])
    large_page = count_queries(client, store.url)
    large_filtered = count_queries(client, store.url + "?collection=mugs")
    last_page = count_queries(client, store.url + "?page=9")

    assert small_page == large_page == last_page, (small_page, large_page, last_page)
    assert small_filtered == large_filtered
    assert large_page <= MAX_QUERIES and large_filtered <= MAX_QUERIES, (large_page, large_filtered)


def test_product_page_queries_do_not_grow_with_variants_or_images(client, store, stripe_standin):
    image = make_image()
    few = make_product(store, "Few", variants=[variant("A")], images=[(image, "a")])
    many = make_product(store, "Many", variants=[variant(f"V{n}", stock=n) for n in range(12)], images=[(make_image(f"I{n}"), f"alt {n}") for n in range(6)], collections=[make_collection("X"), make_collection("Y")])

    assert count_queries(client, few.url) == count_queries(client, many.url) <= MAX_QUERIES


def test_product_page_queries_do_not_grow_with_products(client, store, stripe_standin):
    image = make_image()
    collections = [make_collection("Awareness month")]
    shirt = make_product(
        store, "Awareness T-shirt", variants=[variant(size, price=1800, stock=n) for n, size in enumerate(("S", "M", "L", "XL"))], images=[(image, "Shirt")], collections=collections
    )
    add_products(store, 4, image, collections)
    small = count_queries(client, shirt.url)
    add_products(store, 195, image, collections + [make_collection("Pins")])
    large = count_queries(client, shirt.url)

    assert small == large <= MAX_QUERIES, (small, large)
