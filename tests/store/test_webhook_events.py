"""What each Stripe event does to an order: once per event id, and never
backwards whatever order the events arrive in. Events are signed like
Stripe's; the stand-in plays Stripe's API where the handler asks it."""

import logging

import pytest
from django.core import mail

from store.models import Order, ProductVariant, StripeEvent
from tests.store.factories import start_checkout, variants_of
from tests.store.stripe_events import charge, dispute, event

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_id(client, shirt, stripe_standin):
    """A shopper checked out 2 small T-shirts (stock 5 -> 3) and is on Stripe's page."""
    return start_checkout(client, variants_of(shirt)[0], 2)


def small_stock(shirt):
    return ProductVariant.objects.get(pk=variants_of(shirt)[0].pk).stock


def test_completed_session_marks_the_order_paid_with_address_and_email(deliver, session_id, stripe_standin):
    completed = event("checkout.session.completed", stripe_standin.complete(session_id, payment_intent="pi_test_1"))

    response = deliver(completed)

    assert response.status_code == 200 and response.content == b"processed"
    order = Order.objects.get()
    assert order.status == Order.Status.PAID and order.paid_at
    assert order.email == "shopper@example.com" and order.customer_name == "Robin Shopper"
    assert order.shipping_lines == ["Robin Shopper", "12 Willow Row", "Flat 3", "Leeds", "LS6 2AB", "GB"]
    assert order.stripe_payment_intent == "pi_test_1" and order.amount_total == 3000
    assert [(e.stripe_id, e.order_id) for e in StripeEvent.objects.all()] == [(completed["id"], order.pk)]
    assert len(mail.outbox) == 1


def test_replayed_event_changes_nothing(deliver, session_id, stripe_standin):
    completed = event("checkout.session.completed", stripe_standin.complete(session_id))
    deliver(completed)
    before = Order.objects.values().get()

    response = deliver(completed)

    assert response.status_code == 200 and response.content == b"duplicate"
    assert Order.objects.values().get() == before
    assert StripeEvent.objects.count() == 1
    assert len(mail.outbox) == 1


def test_same_session_reported_by_two_events_pays_once(deliver, session_id, stripe_standin):
    session = stripe_standin.complete(session_id)
    deliver(event("checkout.session.completed", session))
    deliver(event("checkout.session.async_payment_succeeded", session))

    assert Order.objects.get().status == Order.Status.PAID
    assert StripeEvent.objects.count() == 2
    assert len(mail.outbox) == 1


def test_refund_before_completed_leaves_the_order_refunded(deliver, session_id, stripe_standin, shirt):
    """The refund's charge names a PaymentIntent the order does not know yet:
    Stripe is asked which Checkout Session it belongs to."""
    session = stripe_standin.complete(session_id, payment_intent="pi_test_early")

    assert deliver(event("charge.refunded", charge("pi_test_early", amount=3000))).status_code == 200
    assert deliver(event("checkout.session.completed", session)).status_code == 200

    order = Order.objects.get()
    assert order.status == Order.Status.REFUNDED
    assert order.amount_refunded == 3000 and order.stripe_payment_intent == "pi_test_early"
    assert order.email == "shopper@example.com"  # details still copied
    assert len(mail.outbox) == 0  # no "thank you" for a refunded order
    list_calls = [r for r in stripe_standin.requests if r.method == "GET" and r.path == "/v1/checkout/sessions"]
    assert list_calls and list_calls[0].params["payment_intent"] == "pi_test_early"


def test_partial_refund_is_recorded_without_changing_status(deliver, session_id, stripe_standin):
    deliver(event("checkout.session.completed", stripe_standin.complete(session_id, payment_intent="pi_test_2")))

    deliver(event("charge.refunded", charge("pi_test_2", amount=3000, amount_refunded=1000, refunded=False)))

    order = Order.objects.get()
    assert order.status == Order.Status.PAID and order.amount_refunded == 1000


def test_full_refund_after_payment(deliver, session_id, stripe_standin):
    deliver(event("checkout.session.completed", stripe_standin.complete(session_id, payment_intent="pi_test_3")))
    deliver(event("charge.refunded", charge("pi_test_3", amount=3000)))
    assert Order.objects.get().status == Order.Status.REFUNDED


def test_dispute_marks_the_order_disputed_and_a_late_completed_does_not_undo_it(deliver, session_id, stripe_standin):
    session = stripe_standin.complete(session_id, payment_intent="pi_test_4")
    deliver(event("checkout.session.completed", session))
    deliver(event("charge.dispute.created", dispute("pi_test_4")))
    deliver(event("checkout.session.completed", session))  # a different delivery id, same news

    assert Order.objects.get().status == Order.Status.DISPUTED


def test_async_payment_pending_then_succeeded(deliver, session_id, stripe_standin):
    """Bank debits: the session completes unpaid; payment arrives later."""
    deliver(event("checkout.session.completed", stripe_standin.complete(session_id, payment_status="unpaid")))
    order = Order.objects.get()
    assert order.status == Order.Status.PENDING and order.email == "shopper@example.com"
    assert len(mail.outbox) == 0

    deliver(event("checkout.session.async_payment_succeeded", stripe_standin.set_payment_status(session_id, "paid")))

    assert Order.objects.get().status == Order.Status.PAID
    assert len(mail.outbox) == 1


def test_async_payment_failed_fails_the_order_and_frees_stock(deliver, session_id, stripe_standin, shirt):
    deliver(event("checkout.session.completed", stripe_standin.complete(session_id, payment_status="unpaid")))
    assert small_stock(shirt) == 3

    deliver(event("checkout.session.async_payment_failed", stripe_standin.session(session_id)))

    order = Order.objects.get()
    assert order.status == Order.Status.FAILED and not order.stock_reserved
    assert small_stock(shirt) == 5
    assert len(mail.outbox) == 0


def test_expired_session_cancels_the_order_and_releases_stock_once(deliver, session_id, stripe_standin, shirt):
    expired = stripe_standin.expire(session_id)
    assert small_stock(shirt) == 3

    deliver(event("checkout.session.expired", expired))
    deliver(event("checkout.session.expired", expired))  # another delivery id, same news

    assert Order.objects.get().status == Order.Status.CANCELLED
    assert small_stock(shirt) == 5


def test_completed_after_fulfilled_does_not_move_the_order_back(deliver, session_id, stripe_standin):
    from store import fulfilment

    session = stripe_standin.complete(session_id)
    deliver(event("checkout.session.completed", session))
    fulfilment.mark_fulfilled(Order.objects.get().pk)

    deliver(event("checkout.session.completed", session))
    deliver(event("checkout.session.expired", session))

    assert Order.objects.get().status == Order.Status.FULFILLED


def test_failed_then_expired_stays_failed_and_releases_stock_once(deliver, session_id, stripe_standin, shirt):
    session = stripe_standin.complete(session_id, payment_status="unpaid")
    deliver(event("checkout.session.async_payment_failed", session))
    deliver(event("checkout.session.expired", session))

    assert Order.objects.get().status == Order.Status.FAILED
    assert small_stock(shirt) == 5


def test_unknown_event_types_get_200_and_a_log_line(deliver, session_id, caplog):
    with caplog.at_level(logging.INFO, logger="store.webhooks"):
        response = deliver(event("customer.created", {"id": "cus_test_1", "object": "customer"}, event_id="evt_test_unknown"))

    assert response.status_code == 200 and response.content == b"ignored"
    assert "evt_test_unknown" in caplog.text and "customer.created" in caplog.text
    assert not StripeEvent.objects.exists()


def test_events_for_sessions_that_are_not_ours_are_recorded_and_answered_200(deliver, stripe_standin, db):
    foreign = {"id": "cs_test_someone_else", "object": "checkout.session", "payment_status": "paid", "metadata": {}}
    response = deliver(event("checkout.session.completed", foreign))
    assert response.status_code == 200
    assert StripeEvent.objects.get().order is None


def test_refund_for_a_payment_that_is_not_ours_is_answered_200(deliver, stripe_standin, db):
    response = deliver(event("charge.refunded", charge("pi_test_unknown")))
    assert response.status_code == 200
    assert "no matching order" in StripeEvent.objects.get().summary
