"""What shoppers see: the store's grid, collections and external stores, and
a product page with its options, price and where to buy it."""

import pytest

from store.models import ProductVariant
from tests.factories import make_image
from tests.store.factories import make_collection, make_external_store, make_product, variant, variants_of
from tests.utils import main_content

pytestmark = pytest.mark.django_db


def test_store_grid_shows_image_name_price_and_sold_out(client, store, stripe_standin):
    photo = make_image("Mug photo")
    make_product(store, "Spoonie mug", variants=[variant("Mug", price=999)], images=[(photo, "White mug with a spoon")])
    make_product(store, "Awareness T-shirt", variants=[variant("Small", price=1500, stock=0), variant("Large", price=1750, stock=0)])
    make_product(store, "Ribbon pin", variants=[variant("Pin", price=450, stock=0), variant("Pin, pack of 3", price=1200, stock=4)])

    html = main_content(client.get(store.url))

    assert "Spoonie mug" in html and "£9.99" in html
    assert 'alt="White mug with a spoon"' in html
    assert "From £15.00" in html
    shirt_card = html[html.index("Awareness T-shirt") :][:600]
    assert "Sold out" in shirt_card
    pin_card = html[html.index("Ribbon pin") :][:600]
    assert "Sold out" not in pin_card  # one option is still in stock


def test_collections_filter_the_grid_and_unknown_ones_are_404(client, store):
    awareness = make_collection("Awareness month")
    make_product(store, "Purple ribbon pin", variants=[variant()], collections=[awareness])
    make_product(store, "Plain mug", variants=[variant()])

    everything = main_content(client.get(store.url))
    filtered = main_content(client.get(store.url + "?collection=awareness-month"))

    assert "Purple ribbon pin" in everything and "Plain mug" in everything
    assert "Purple ribbon pin" in filtered and "Plain mug" not in filtered
    assert 'aria-current="page">Awareness month' in filtered
    assert client.get(store.url + "?collection=nope").status_code == 404


def test_external_stores_section_links_out_with_logo_alt(client, store):
    make_external_store("TeePublic", "https://www.teepublic.com/stores/chronicle", logo=make_image("TP logo"), logo_alt="TeePublic logo")
    make_external_store("Teespring", "https://teespring.com/stores/chronicle")

    html = main_content(client.get(store.url))

    assert "Our stores elsewhere" in html
    assert '<a href="https://www.teepublic.com/stores/chronicle" rel="noopener">TeePublic</a>' in html
    assert 'alt="TeePublic logo"' in html
    assert '<a href="https://teespring.com/stores/chronicle" rel="noopener">Teespring</a>' in html


def test_product_page_offers_each_variant_with_its_price_in_a_fieldset(client, shirt, stripe_standin):
    html = main_content(client.get(shirt.url))
    small, medium, large = variants_of(shirt)

    assert "<legend>Choose an option</legend>" in html
    for option, price in ((small, "£15.00"), (medium, "£15.00"), (large, "£17.50")):
        assert f'id="variant-{option.pk}" value="{option.pk}"' in html
        assert f'<label for="variant-{option.pk}">{option.name} — {price}' in html
    assert "(only 2 left)" in html
    assert '<label for="quantity">Quantity</label>' in html
    assert "Add to cart" in html


def test_sold_out_variant_cannot_be_chosen(client, store, stripe_standin):
    product = make_product(store, "Pin", variants=[variant("Gold", stock=0), variant("Silver", stock=3)])
    gold, silver = variants_of(product)

    html = main_content(client.get(product.url))

    assert f'id="variant-{gold.pk}" value="{gold.pk}" disabled' in html
    assert "(sold out)" in html


def test_externally_sold_product_links_to_its_store(client, hoodie, stripe_standin):
    html = main_content(client.get(hoodie.url))

    assert '<a class="button" href="https://www.teepublic.com/hoodie/123-zebra" rel="noopener">Buy at TeePublic</a>' in html
    assert "Add to cart" not in html


def test_product_sold_both_here_and_elsewhere_shows_both(client, store, teepublic, stripe_standin):
    product = make_product(store, "Tote bag", variants=[variant("Tote", price=1200)], external_store=teepublic, external_url="https://www.teepublic.com/tote/9")

    html = main_content(client.get(product.url))

    assert "Add to cart" in html
    assert "Also sold at TeePublic" in html and "Buy at TeePublic" in html


def test_unpublished_products_are_not_listed(client, store):
    make_product(store, "Secret prototype", variants=[variant()], publish=False)
    assert "Secret prototype" not in main_content(client.get(store.url))


def test_store_pages_are_cacheable_for_anonymous_readers(client, shirt, stripe_standin):
    """No cookie, no per-reader token: the page cache may share them. The
    add-to-cart form fetches its token by script (or asks to confirm)."""
    for url in (shirt.get_parent().url, shirt.url):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
        assert "private" not in response.get("Cache-Control", "")
    html = client.get(shirt.url).content.decode()
    assert "data-csrf-fetch" in html
    assert "csrfmiddlewaretoken" not in html


def test_shopper_with_a_cart_gets_a_fresh_page_with_token_and_cart_count(client, shirt, stripe_standin):
    small = variants_of(shirt)[0]
    client.post("/shop/cart/add/", {"product": shirt.pk, "variant": small.pk, "quantity": 2})

    html = client.get(shirt.url).content.decode()

    assert "csrfmiddlewaretoken" in html
    assert "Your cart (2 items)" in html


def test_store_page_only_lives_under_the_home_page_and_products_under_a_store():
    from blog.models import BlogIndexPage, HomePage
    from store.models import ProductPage, StorePage

    assert StorePage.can_create_at(HomePage())
    assert not StorePage.can_create_at(BlogIndexPage())
    assert ProductPage.can_create_at(StorePage())
    assert not ProductPage.can_create_at(HomePage())


def test_external_link_must_be_http_and_name_its_store(store, teepublic):
    from django.core.exceptions import ValidationError

    product = make_product(store, "Cap", external_store=teepublic, external_url="https://example.com/cap")
    product.external_url = "javascript:alert(1)"
    with pytest.raises(ValidationError):
        product.full_clean()
    product.external_url = "https://example.com/cap"
    product.external_store = None
    with pytest.raises(ValidationError):
        product.full_clean()


def test_variants_keep_prices_in_minor_units(shirt):
    assert sorted(ProductVariant.objects.filter(product=shirt).values_list("price", flat=True)) == [1500, 1500, 1750]


@pytest.mark.parametrize("query", ["?page=-1", "?page=0", "?page=abc", "?page=999999", "?page=" + "9" * 500, "?collection=%3Cscript%3E", "?collection=" + "x" * 10_000])
def test_odd_query_strings_never_fail(client, store, query):
    make_product(store, "Mug", variants=[variant()])
    response = client.get(store.url + query)
    assert response.status_code in (200, 404)
    assert b"<script>" not in response.content


def test_unknown_product_under_the_store_is_404(client, store):
    assert client.get(store.url + "no-such-product/").status_code == 404
