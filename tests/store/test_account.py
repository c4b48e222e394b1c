"""A signed-in shopper's orders: linked at checkout, shown in "My account",
exported, claimed from guest checkouts and erased when they leave."""

import re

import pytest
from django.template.loader import render_to_string

from store.account import claim_orders, erase_orders, export_orders, orders_context
from store.models import Order
from tests.store.factories import start_checkout, variants_of
from tests.store.stripe_events import event

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="reader", email="reader@example.org", password="pw")


def test_checkout_while_signed_in_links_the_order_and_prefills_the_email(client, reader, mug, stripe_standin):
    client.force_login(reader)
    start_checkout(client, variants_of(mug)[0], 1)

    order = Order.objects.get()
    assert order.user == reader
    assert stripe_standin.created_sessions()[0].params["customer_email"] == "reader@example.org"


def test_my_orders_shows_only_my_orders(client, deliver, reader, mug, stripe_standin, django_user_model):
    client.force_login(reader)
    deliver(event("checkout.session.completed", stripe_standin.complete(start_checkout(client, variants_of(mug)[0], 2))))
    from django.test import Client

    start_checkout(Client(), variants_of(mug)[0], 1)  # somebody else, as a guest

    context = orders_context(reader)
    assert [order.user_id for order in context["orders"]] == [reader.pk]
    html = render_to_string("store/account_orders_panel.html", {**context, "user": reader})
    assert "2 × Spoonie mug (Mug)" in html and "£19.98" in html and "Paid" in html
    # A valid HTML datetime: no microseconds (Django's "c" format has them).
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}">', html)
    assert orders_context(django_user_model.objects.create_user(username="other", password="pw"))["orders"] == []


def test_export_lists_orders_with_address(client, deliver, reader, mug, stripe_standin):
    client.force_login(reader)
    deliver(event("checkout.session.completed", stripe_standin.complete(start_checkout(client, variants_of(mug)[0], 1))))

    (exported,) = export_orders(reader)

    assert exported["status"] == "paid" and exported["total_minor_units"] == 999
    assert exported["shipping_address"]["line1"] == "12 Willow Row"
    assert exported["lines"] == [{"product": "Spoonie mug", "variant": "Mug", "quantity": 1, "unit_price_minor_units": 999}]


def test_erase_keeps_the_sale_and_clears_the_person(client, deliver, reader, mug, stripe_standin):
    client.force_login(reader)
    deliver(event("checkout.session.completed", stripe_standin.complete(start_checkout(client, variants_of(mug)[0], 1))))

    erase_orders(reader, keep_comments=False)

    order = Order.objects.get()
    assert (order.user, order.email, order.customer_name, order.shipping_name, order.shipping_address) == (None, "", "", "", {})
    assert order.status == Order.Status.PAID and order.amount_total == 999 and order.lines.count() == 1


def test_guest_orders_are_claimed_by_the_verified_address(client, deliver, reader, mug, stripe_standin):
    deliver(event("checkout.session.completed", stripe_standin.complete(start_checkout(client, variants_of(mug)[0], 1))))

    assert claim_orders(reader, "SHOPPER@example.com") == 1
    assert claim_orders(reader, "SHOPPER@example.com") == 0
    assert Order.objects.get().user == reader
