"""The store's demo content loads on top of the site demo, twice safely."""

import io

import pytest
from django.core.management import call_command

from store.models import ExternalStore, ProductPage, StorePage
from tests.utils import main_content

pytestmark = pytest.mark.django_db


def test_store_demo_loads_once_and_renders(client, home, no_stripe_keys):
    call_command("load_store_demo", stdout=io.StringIO())
    call_command("load_store_demo", stdout=io.StringIO())

    store = StorePage.objects.get()
    assert store.get_parent().pk == home.pk
    assert ProductPage.objects.child_of(store).count() == 3
    assert ExternalStore.objects.count() == 2
    html = main_content(client.get(store.url))
    assert "Awareness T-shirt" in html and "Zebra stripes hoodie" in html and "TeePublic" in html
    tee = ProductPage.objects.get(slug="awareness-t-shirt")
    assert "Extra large: £20.00" in main_content(client.get(tee.url))
    assert "Buy at TeePublic" in main_content(client.get(ProductPage.objects.get(slug="zebra-stripes-hoodie").url))


def test_without_a_home_page_it_says_what_to_run_first(db):
    out = io.StringIO()
    call_command("load_store_demo", stdout=out)
    assert "run load_demo first" in out.getvalue() or StorePage.objects.count() == 0
