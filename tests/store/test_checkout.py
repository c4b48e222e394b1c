"""Checkout: one pending order and one Stripe Checkout Session, both built
from database prices and stock, with the order's idempotency key sent to
Stripe. The stand-in (tests/store/stripe_standin.py) replaces Stripe's
servers, which are unreachable from here; the real SDK talks to it."""

import pytest

from store.models import Order, ProductVariant
from tests.store.factories import add_to_cart, check_out, session_id_of, variants_of

pytestmark = pytest.mark.django_db


def test_checkout_creates_one_pending_order_and_one_session_with_the_idempotency_key(client, shirt, mug, stripe_standin):
    small, medium, large = variants_of(shirt)
    (mug_variant,) = variants_of(mug)
    add_to_cart(client, small, 2)
    add_to_cart(client, mug_variant, 1)

    response = check_out(client)

    session_id = session_id_of(response)
    assert response["Location"] == f"https://checkout.stripe.com/c/pay/{session_id}"
    order = Order.objects.get()
    assert order.status == Order.Status.PENDING
    assert order.stripe_session_id == session_id
    assert order.subtotal == 2 * 1500 + 999 and order.currency == "GBP"
    assert [(line.product_title, line.variant_name, line.sku, line.unit_price, line.quantity) for line in order.lines.all()] == [
        ("Awareness T-shirt", "Small", "TS-S", 1500, 2),
        ("Spoonie mug", "Mug", "MUG", 999, 1),
    ]
    (request,) = stripe_standin.created_sessions()
    assert request.idempotency_key == order.idempotency_key
    params = request.params
    assert params["mode"] == "payment"
    assert [(item["price_data"]["unit_amount"], item["quantity"], item["price_data"]["currency"]) for item in params["line_items"]] == [("1500", "2", "gbp"), ("999", "1", "gbp")]
    assert params["metadata"] == {"order_id": str(order.pk)} and params["client_reference_id"] == str(order.pk)
    assert params["shipping_address_collection"]["allowed_countries"]
    assert params["success_url"].endswith("/shop/checkout/success/?session_id={CHECKOUT_SESSION_ID}")
    assert params["cancel_url"].endswith("/shop/checkout/cancel/")
    assert stripe_standin.session(session_id)["amount_total"] == 3999


def test_checkout_reserves_stock(client, shirt, stripe_standin):
    small, medium, large = variants_of(shirt)
    add_to_cart(client, small, 3)
    add_to_cart(client, large, 4)  # untracked

    check_out(client)

    assert ProductVariant.objects.get(pk=small.pk).stock == 2
    assert ProductVariant.objects.get(pk=large.pk).stock is None
    assert Order.objects.get().stock_reserved


def test_prices_come_from_the_database_at_checkout(client, mug, stripe_standin):
    (mug_variant,) = variants_of(mug)
    add_to_cart(client, mug_variant, 2)
    ProductVariant.objects.filter(pk=mug_variant.pk).update(price=1111)

    client.post("/shop/checkout/", {"price": "1", "amount": "1", "line_items[0][price_data][unit_amount]": "1"})

    (request,) = stripe_standin.created_sessions()
    assert request.params["line_items"][0]["price_data"]["unit_amount"] == "1111"
    assert Order.objects.get().subtotal == 2222


def test_sold_out_since_adding_to_cart_stops_checkout_and_keeps_the_cart(client, shirt, stripe_standin):
    medium = variants_of(shirt)[1]
    add_to_cart(client, medium, 2)
    ProductVariant.objects.filter(pk=medium.pk).update(stock=1)

    response = check_out(client)

    assert response.status_code == 302 and response["Location"] == "/shop/cart/"
    assert "only 1 of Awareness T-shirt (Medium) left" in client.get("/shop/cart/").content.decode()
    assert not Order.objects.exists() and not stripe_standin.created_sessions()
    assert ProductVariant.objects.get(pk=medium.pk).stock == 1


def test_stripe_error_cancels_the_order_and_releases_stock(client, shirt, stripe_standin):
    small = variants_of(shirt)[0]
    add_to_cart(client, small, 2)
    stripe_standin.fail_next(status=400, message="Amount too small")

    response = check_out(client)

    assert response["Location"] == "/shop/cart/"
    page = client.get("/shop/cart/").content.decode()
    assert "We could not reach our payment provider, and nothing was charged." in page
    assert "Amount too small" not in page
    order = Order.objects.get()
    assert order.status == Order.Status.CANCELLED and not order.stock_reserved
    assert ProductVariant.objects.get(pk=small.pk).stock == 5


def test_a_retried_request_reuses_the_idempotency_key_and_makes_one_session(client, mug, stripe_standin):
    """Stripe's SDK retries a 500 with the same key; Stripe answers a repeated
    key with the first result, so a flaky network never makes two sessions."""
    (mug_variant,) = variants_of(mug)
    add_to_cart(client, mug_variant, 1)
    stripe_standin.fail_next(status=500, error_type="api_error", message="Temporary")

    response = check_out(client)

    assert response.status_code == 303
    requests = stripe_standin.created_sessions()
    assert len(requests) == 2
    assert requests[0].idempotency_key == requests[1].idempotency_key == Order.objects.get().idempotency_key
    assert len(stripe_standin.sessions) == 1


def test_empty_cart_cannot_check_out(client, mug, stripe_standin):
    response = check_out(client)

    assert response["Location"] == "/shop/cart/"
    assert "Your cart is empty." in client.get("/shop/cart/").content.decode()
    assert not Order.objects.exists() and not stripe_standin.created_sessions()


def test_checkout_needs_post_and_a_csrf_token(mug, stripe_standin):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.get("/shop/checkout/").status_code == 405
    assert strict.post("/shop/checkout/").status_code == 403


def test_cart_page_lets_its_form_redirect_to_stripe(client, mug, stripe_standin):
    """The Content-Security-Policy's form-action must allow Stripe's hosted
    page, or browsers block the redirect after "Check out"."""
    response = client.get("/shop/cart/")
    policy = response["Content-Security-Policy"]
    form_action = next(part for part in policy.split(";") if part.strip().startswith("form-action"))
    assert "https://checkout.stripe.com" in form_action and "'self'" in form_action


def test_cancel_returns_to_the_cart_expires_the_session_and_frees_stock(client, shirt, stripe_standin):
    small = variants_of(shirt)[0]
    add_to_cart(client, small, 2)
    session_id = session_id_of(check_out(client))

    response = client.get("/shop/checkout/cancel/")

    assert response["Location"] == "/shop/cart/"
    page = client.get("/shop/cart/").content.decode()
    assert "Checkout cancelled: nothing was charged" in page and "Awareness T-shirt" in page
    assert stripe_standin.session(session_id)["status"] == "expired"
    assert Order.objects.get().status == Order.Status.CANCELLED
    assert ProductVariant.objects.get(pk=small.pk).stock == 5


def test_checking_out_again_expires_the_earlier_session_so_stock_is_held_once(client, shirt, stripe_standin):
    small = variants_of(shirt)[0]
    add_to_cart(client, small, 2)
    first = session_id_of(check_out(client))

    second = session_id_of(check_out(client))

    assert first != second
    assert stripe_standin.session(first)["status"] == "expired"
    assert ProductVariant.objects.get(pk=small.pk).stock == 3
    assert sorted(Order.objects.values_list("status", flat=True)) == ["cancelled", "pending"]
