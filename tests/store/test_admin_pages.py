"""Editors manage products as pages, with drafts and publishing like
articles: variants are an inline panel, stock and prices are numbers."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from store.models import ProductPage, ProductVariant

pytestmark = pytest.mark.django_db


def product_form(**overrides):
    data = {
        "title": "Ribbon pin",
        "slug": "ribbon-pin",
        "summary": "Enamel pin.",
        "description": rich_text("<p>Shiny.</p>"),
        "proceeds": "",
        "images": inline_formset([]),
        "variants": inline_formset([{"name": "Pin", "size": "", "colour": "Purple", "price": "450", "currency": "GBP", "stock": "25", "sku": "PIN-1"}]),
        "external_store": "",
        "external_url": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_creates_and_publishes_a_product_with_a_variant(admin_client, store, client):
    add_url = f"/admin/pages/add/store/productpage/{store.pk}/"
    assert admin_client.get(add_url).status_code == 200

    response = admin_client.post(add_url, {**product_form(), "action-publish": "publish"})

    assert response.status_code == 302, response.content.decode()[:2000]
    product = ProductPage.objects.get(slug="ribbon-pin")
    assert product.live
    assert list(ProductVariant.objects.filter(product=product).values_list("name", "price", "stock", "currency")) == [("Pin", 450, 25, "GBP")]
    assert "Pin: £4.50" in client.get(product.url).content.decode()  # no Stripe keys here: listed, not sold


def test_draft_product_is_not_on_sale(admin_client, store, client):
    admin_client.post(f"/admin/pages/add/store/productpage/{store.pk}/", product_form())

    product = ProductPage.objects.get(slug="ribbon-pin")
    assert not product.live
    assert "Ribbon pin" not in client.get(store.url).content.decode()
    assert not ProductVariant.objects.available().exists()


@pytest.mark.parametrize("price", ["-1", "12.50", "abc", ""])
def test_prices_must_be_whole_minor_units(admin_client, store, price):
    data = product_form(variants=inline_formset([{"name": "Pin", "size": "", "colour": "", "price": price, "currency": "GBP", "stock": "", "sku": ""}]))
    response = admin_client.post(f"/admin/pages/add/store/productpage/{store.pk}/", data)
    assert response.status_code == 200  # the form again, with an error
    assert not ProductPage.objects.filter(slug="ribbon-pin").exists()


def test_external_url_must_be_http(admin_client, store, teepublic):
    data = product_form(external_store=str(teepublic.pk), external_url="javascript:alert(1)")
    response = admin_client.post(f"/admin/pages/add/store/productpage/{store.pk}/", data)
    assert response.status_code == 200
    assert not ProductPage.objects.filter(slug="ribbon-pin").exists()


def test_editor_previews_a_product_before_publishing(admin_client, store):
    from tests.store.factories import make_product, variant

    product = make_product(store, "Pin", variants=[variant("Pin", price=400)])
    preview_url = f"/admin/pages/{product.pk}/edit/preview/"

    assert admin_client.post(preview_url, product_form(title="Pin (new look)", slug=product.slug)).json()["is_valid"]
    html = admin_client.get(preview_url).content.decode()

    assert "Pin (new look)" in html and "£4.50" in html


def test_orders_export_as_csv(admin_client):
    response = admin_client.get("/admin/store/orders/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
