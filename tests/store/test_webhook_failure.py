"""A handler that fails rolls everything back — the event record included —
logs the event, and answers 500 with no detail, so Stripe retries and the
retry does the whole job."""

import logging

import pytest
from django.core import mail

from store import fulfilment, webhooks
from store.models import Order, ProductVariant, StripeEvent
from tests.store.factories import start_checkout, variants_of
from tests.store.stripe_events import event

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_id(client, shirt, stripe_standin):
    return start_checkout(client, variants_of(shirt)[0], 2)


def test_error_after_the_order_was_updated_rolls_back_and_answers_500(deliver, session_id, stripe_standin, monkeypatch, caplog):
    completed = event("checkout.session.completed", stripe_standin.complete(session_id), event_id="evt_test_boom")

    def explode(*args):
        raise RuntimeError("secret internals: db password is hunter2")

    monkeypatch.setattr(webhooks, "_summary", explode)  # fails after the order was saved as paid
    with caplog.at_level(logging.ERROR, logger="store.views"):
        response = deliver(completed)

    assert response.status_code == 500
    assert b"hunter2" not in response.content and b"RuntimeError" not in response.content
    assert "evt_test_boom" in caplog.text and "checkout.session.completed" in caplog.text
    order = Order.objects.get()
    assert order.status == Order.Status.PENDING and order.email == "" and order.paid_at is None
    assert not StripeEvent.objects.exists()
    assert len(mail.outbox) == 0

    monkeypatch.undo()
    assert deliver(completed).status_code == 200  # Stripe's retry
    assert Order.objects.get().status == Order.Status.PAID
    assert StripeEvent.objects.get().stripe_id == "evt_test_boom"
    assert len(mail.outbox) == 1


def test_error_halfway_through_releasing_stock_puts_nothing_back(deliver, session_id, stripe_standin, shirt, monkeypatch):
    small = variants_of(shirt)[0]
    real_release = fulfilment.release_stock

    def release_then_fail(order):
        real_release(order)
        raise RuntimeError("crash after the stock update")

    monkeypatch.setattr(fulfilment, "release_stock", release_then_fail)
    response = deliver(event("checkout.session.expired", stripe_standin.expire(session_id)))

    assert response.status_code == 500
    assert ProductVariant.objects.get(pk=small.pk).stock == 3
    assert Order.objects.get().status == Order.Status.PENDING
    assert not StripeEvent.objects.exists()
