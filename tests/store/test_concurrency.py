"""Races, with real threads on PostgreSQL: the same webhook delivered twice
at once pays one order and sends one email; shoppers racing for the last
items never take stock below zero. (On SQLite writers queue behind one lock,
so these races cannot happen there: the tests are skipped, and CI runs them
in its PostgreSQL pass.)"""

import json
import threading
import time

import pytest
from django.db import connection
from django.test import Client

from store import fulfilment
from store.models import Order, ProductVariant, StripeEvent
from tests.store.factories import add_to_cart, check_out, make_product, start_checkout, variant, variants_of
from tests.store.stripe_events import WEBHOOK_URL, event, sign

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL with real concurrent transactions; SQLite serialises writers (CI runs the PostgreSQL pass)"),
]


@pytest.fixture(autouse=True)
def wagtail_root(transactional_db):
    """Transactional tests start from whatever the previous one left: an
    emptied database, or one restored from the migrations' data. Make sure
    Wagtail's root page and default locale are there, whichever it is (so
    these tests do not depend on the order the suite runs in)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    ContentType.objects.clear_cache()  # the rows it remembers may have been flushed
    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))


def in_threads(functions):
    """Run each function in its own thread, all released at once."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)
    errors = []

    def run(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # reported below, with the test's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def slow_down(monkeypatch, name, seconds=0.4):
    """Hold the first delivery inside its transaction for a moment, so the
    second really arrives while the first is still running."""
    real = getattr(fulfilment, name)

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(fulfilment, name, slow)


def post_raw(body, header):
    return Client().post(WEBHOOK_URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header).status_code


def test_the_same_event_delivered_twice_at_once_pays_one_order_and_sends_one_email(home, stripe_standin, smtp_sink, monkeypatch):
    from tests.store.factories import make_store

    mug = make_product(make_store(home), "Mug", variants=[variant("Mug", price=999)])
    session_id = start_checkout(Client(), variants_of(mug)[0], 1)
    body = json.dumps(event("checkout.session.completed", stripe_standin.complete(session_id)))
    header = sign(body)
    slow_down(monkeypatch, "apply_session")

    statuses = in_threads([lambda: post_raw(body, header), lambda: post_raw(body, header)])

    assert statuses == [200, 200]
    assert StripeEvent.objects.count() == 1
    assert Order.objects.get().status == Order.Status.PAID
    assert len(smtp_sink.to("shopper@example.com")) == 1


def test_two_different_events_for_one_session_at_once_pay_once(home, stripe_standin, smtp_sink, monkeypatch):
    from tests.store.factories import make_store

    mug = make_product(make_store(home), "Mug", variants=[variant("Mug", price=999)])
    session_id = start_checkout(Client(), variants_of(mug)[0], 1)
    session = stripe_standin.complete(session_id)
    bodies = [json.dumps(event(kind, session)) for kind in ("checkout.session.completed", "checkout.session.async_payment_succeeded")]
    slow_down(monkeypatch, "_copy_session_details", 0.2)

    statuses = in_threads([lambda b=b: post_raw(b, sign(b)) for b in bodies])

    assert statuses == [200, 200]
    assert StripeEvent.objects.count() == 2
    assert Order.objects.get().status == Order.Status.PAID
    assert len(smtp_sink.to("shopper@example.com")) == 1


def test_concurrent_checkouts_never_take_stock_below_zero(home, stripe_standin):
    from tests.store.factories import make_store

    pin = make_product(make_store(home), "Last pins", variants=[variant("Pin", price=500, stock=3)])
    (pin_variant,) = variants_of(pin)
    shoppers = [Client() for _ in range(6)]
    for shopper in shoppers:
        assert add_to_cart(shopper, pin_variant, 1).status_code == 302

    responses = in_threads([lambda s=shopper: check_out(s).status_code for shopper in shoppers])

    assert sorted(responses) == [302, 302, 302, 303, 303, 303]
    assert ProductVariant.objects.get(pk=pin_variant.pk).stock == 0
    assert Order.objects.filter(status=Order.Status.PENDING).count() == 3
    assert len(stripe_standin.sessions) == 3


def test_concurrent_checkouts_of_several_items_are_all_or_nothing(home, stripe_standin):
    from tests.store.factories import make_store

    store = make_store(home)
    a = variants_of(make_product(store, "A", variants=[variant("A", stock=2)]))[0]
    b = variants_of(make_product(store, "B", variants=[variant("B", stock=2)]))[0]
    shoppers = [Client() for _ in range(4)]
    for shopper in shoppers:
        add_to_cart(shopper, a, 1)
        add_to_cart(shopper, b, 1)
    # Two more shoppers want only B, in the other lock order's favour.
    for _ in range(2):
        shopper = Client()
        add_to_cart(shopper, b, 1)
        shoppers.append(shopper)

    in_threads([lambda s=shopper: check_out(s).status_code for shopper in shoppers])

    stock_a = ProductVariant.objects.get(pk=a.pk).stock
    stock_b = ProductVariant.objects.get(pk=b.pk).stock
    assert stock_a >= 0 and stock_b >= 0
    sold_a = sum(line.quantity for order in Order.objects.all() for line in order.lines.all() if line.variant_id == a.pk)
    sold_b = sum(line.quantity for order in Order.objects.all() for line in order.lines.all() if line.variant_id == b.pk)
    assert (stock_a + sold_a, stock_b + sold_b) == (2, 2)  # nothing lost, nothing oversold
