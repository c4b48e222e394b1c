"""Stripe webhooks: verify, look the handler up, record the event once, act.

The view (views.stripe_webhook) verifies the signature on the raw body and
calls `process`. Each handler runs in the same transaction as the row that
records the event id, so an event either has its whole effect and is
recorded, or has none and is not (Stripe then retries it)."""

import datetime
import logging
from dataclasses import dataclass
from typing import Callable

import stripe
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import fulfilment, stripe_api
from .models import Order, StripeEvent

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Handler:
    """`apply(obj, order_id)` does the work inside the event's transaction and
    returns the order it touched. `locate(obj)`, if given, runs first, outside
    any transaction (it may ask Stripe), and finds the order id."""

    apply: Callable
    locate: Callable | None = None


def _order_for_payment_intent(obj):
    """The order paid by a charge's or dispute's PaymentIntent. A refund can
    reach us before the checkout.session.completed that would have told us the
    PaymentIntent; then Stripe is asked which Checkout Session it belongs to."""
    intent = obj.get("payment_intent")
    if not intent:
        return None
    order_id = Order.objects.filter(stripe_payment_intent=intent).values_list("pk", flat=True).first()
    if order_id is not None or not stripe_api.is_configured():
        return order_id
    try:
        sessions = stripe_api.client().v1.checkout.sessions.list({"payment_intent": intent, "limit": 1})
    except stripe.StripeError:
        logger.warning("Could not look up the Checkout Session for %s", intent, exc_info=True)
        raise
    for session in sessions.data:
        session = stripe_api.as_dict(session)
        order = Order.objects.filter(stripe_session_id=session["id"]).values_list("pk", flat=True).first()
        metadata_id = (session.get("metadata") or {}).get("order_id")
        if order is None and metadata_id and str(metadata_id).isdigit():
            order = Order.objects.filter(pk=int(metadata_id)).values_list("pk", flat=True).first()
        return order
    return None


def _refunded(charge, order_id):
    return fulfilment.refund(order_id, charge) if order_id else None


def _disputed(dispute, order_id):
    return fulfilment.dispute(order_id, dispute) if order_id else None


HANDLERS = {
    "checkout.session.completed": Handler(lambda session, _: fulfilment.apply_session(session)),
    "checkout.session.async_payment_succeeded": Handler(lambda session, _: fulfilment.apply_session(session)),
    "checkout.session.async_payment_failed": Handler(lambda session, _: fulfilment.fail_session(session)),
    "checkout.session.expired": Handler(lambda session, _: fulfilment.expire_session(session)),
    "charge.refunded": Handler(_refunded, locate=_order_for_payment_intent),
    "charge.dispute.created": Handler(_disputed, locate=_order_for_payment_intent),
}


def _summary(event_type, obj, order):
    status = f" → order {order.reference} {order.get_status_display().lower()}" if order is not None else " (no matching order)"
    return f"{event_type} {obj.get('id', '')}{status}"[:255]


def process(event):
    """Act on a verified event (a plain dict). Returns "processed",
    "duplicate" or "ignored". Raises if the handler fails, after rolling
    back everything it did, the event record included."""
    event_id, event_type = event["id"], event["type"]
    handler = HANDLERS.get(event_type)
    if handler is None:
        logger.info("Stripe event %s of type %s ignored: no handler", event_id, event_type)
        return "ignored"
    if StripeEvent.objects.filter(stripe_id=event_id).exists():
        return "duplicate"
    obj = event.get("data", {}).get("object") or {}
    order_id = handler.locate(obj) if handler.locate else None
    created = event.get("created")
    with transaction.atomic():
        try:
            # Inside a savepoint: a concurrent delivery of the same event
            # waits on the unique index, then fails here and stops.
            with transaction.atomic():
                record = StripeEvent.objects.create(
                    stripe_id=event_id,
                    type=event_type,
                    livemode=bool(event.get("livemode")),
                    created=datetime.datetime.fromtimestamp(created, tz=datetime.UTC) if isinstance(created, int) else timezone.now(),
                )
        except IntegrityError:
            return "duplicate"
        order = handler.apply(obj, order_id)
        record.order = order
        record.summary = _summary(event_type, obj, order)
        record.save(update_fields=["order", "summary"])
    logger.info("Stripe event %s: %s", event_id, record.summary)
    return "processed"
