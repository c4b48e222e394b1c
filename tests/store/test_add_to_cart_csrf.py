"""The add-to-cart form sits on product pages that are cached for anonymous
readers, so it carries no token: with JavaScript it fetches one; without,
the post changes nothing and the shopper confirms on a fresh page."""

import pytest
from django.test import Client

from store.cart import SESSION_KEY
from tests.store.factories import variants_of
from tests.utils import main_content

pytestmark = pytest.mark.django_db


def test_post_without_a_token_adds_nothing_and_asks_to_confirm_with_the_choice_kept(shirt, stripe_standin):
    browser = Client(enforce_csrf_checks=True)
    large = variants_of(shirt)[2]

    response = browser.post("/shop/cart/add/", {"product": shirt.pk, "variant": large.pk, "quantity": "3"})

    html = main_content(response)
    assert response.status_code == 200
    assert "Please confirm" in html
    assert "csrfmiddlewaretoken" in html
    assert f'value="{large.pk}" checked' in html and 'value="3"' in html
    assert SESSION_KEY not in browser.session


def test_confirming_with_the_token_adds_to_the_cart(shirt, stripe_standin):
    browser = Client(enforce_csrf_checks=True)
    large = variants_of(shirt)[2]
    browser.post("/shop/cart/add/", {"product": shirt.pk, "variant": large.pk, "quantity": "3"})
    token = browser.cookies["csrftoken"].value

    response = browser.post("/shop/cart/add/", {"product": shirt.pk, "variant": large.pk, "quantity": "3", "csrfmiddlewaretoken": token})

    assert response.status_code == 302 and response["Location"] == "/shop/cart/"
    assert browser.session[SESSION_KEY] == {str(large.pk): 3}


def test_token_fetched_by_script_is_accepted(shirt, stripe_standin):
    browser = Client(enforce_csrf_checks=True)
    token = browser.get("/csrf/").json()["token"]
    small = variants_of(shirt)[0]

    response = browser.post("/shop/cart/add/", {"product": shirt.pk, "variant": small.pk, "quantity": "1", "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert browser.session[SESSION_KEY] == {str(small.pk): 1}


def test_cart_changes_on_the_cart_page_need_a_token(shirt, stripe_standin):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post("/shop/cart/update/", {"variant": variants_of(shirt)[0].pk, "quantity": 1}).status_code == 403
    assert browser.post("/shop/cart/remove/", {"variant": variants_of(shirt)[0].pk}).status_code == 403
