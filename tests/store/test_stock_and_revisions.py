"""Stock is inventory, not content: publishing a revision never sets it back
to the number the revision was saved with, and an editor's change to stock
takes effect as soon as the page is saved."""

import pytest
from wagtail.test.utils.form_data import querydict_from_html

from store.models import ProductPage, ProductVariant
from tests.store.factories import make_product, variant, variants_of

pytestmark = pytest.mark.django_db


def test_publishing_an_old_revision_does_not_rewind_stock(store):
    product = make_product(store, "Pin", variants=[variant("Pin", stock=5)])
    old_revision = product.get_latest_revision()
    (pin,) = variants_of(product)
    ProductVariant.objects.filter(pk=pin.pk).update(stock=2)  # three sold since

    old_revision.publish()

    assert ProductVariant.objects.get(pk=pin.pk).stock == 2


def test_scheduled_or_draft_revision_keeps_todays_stock_when_previewed(store):
    product = make_product(store, "Pin", variants=[variant("Pin", stock=5)])
    (pin,) = variants_of(product)
    ProductVariant.objects.filter(pk=pin.pk).update(stock=1)

    as_editor_sees_it = ProductPage.objects.get(pk=product.pk).get_latest_revision_as_object()

    assert [v.stock for v in as_editor_sees_it.variants.all()] == [1]


def test_editor_changes_stock_and_it_applies_at_once(admin_client, store):
    product = make_product(store, "Pin", variants=[variant("Pin", stock=5, price=400)])
    (pin,) = variants_of(product)
    edit_url = f"/admin/pages/{product.pk}/edit/"
    data = querydict_from_html(admin_client.get(edit_url).content.decode(), form_id="page-edit-form")
    assert data["variants-0-stock"] == "5"
    data["variants-0-stock"] = "40"
    data["variants-0-price"] = "450"

    response = admin_client.post(edit_url, data)  # "Save draft"

    assert response.status_code == 302
    live = ProductVariant.objects.get(pk=pin.pk)
    assert live.stock == 40  # inventory: at once
    assert live.price == 400  # content: only when published
    ProductPage.objects.get(pk=product.pk).get_latest_revision().publish()
    live.refresh_from_db()
    assert (live.stock, live.price) == (40, 450)
