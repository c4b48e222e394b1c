"""What happens to an order after checkout, whoever reports it: Stripe's
webhook, the success page, the reconcile command or an editor.

Every function here is idempotent and takes the order's row lock, so the same
news arriving twice, or two reports racing, changes the order once. An order
only ever moves forward (see RANK): a late or replayed event can never undo a
later state, whatever order Stripe's events arrive in."""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from blog import chrome

from .models import Order, ProductVariant

logger = logging.getLogger(__name__)

S = Order.Status
# How far along each state is. A change is applied only to a state further on.
RANK = {S.PENDING: 0, S.FAILED: 1, S.CANCELLED: 1, S.PAID: 2, S.FULFILLED: 3, S.REFUNDED: 4, S.DISPUTED: 5}
PAID_STATUSES = ("paid", "no_payment_required")


class OutOfStock(Exception):
    def __init__(self, line):
        self.line = line
        left = line.variant.stock or 0
        name = f"{line.product.title} ({line.variant.name})"
        super().__init__(f"Sorry, only {left} of {name} left; please change the quantity." if left else f"Sorry, {name} has just sold out.")


def advance(order, status):
    """Move `order` to `status` if that is further on; True if it moved."""
    if RANK[status] > RANK[order.status]:
        order.status = status
        return True
    return False


# --- stock -------------------------------------------------------------------


def reserve_stock(cart_lines):
    """Take each line's quantity out of stock, or raise OutOfStock and take
    nothing (the caller's transaction rolls back). The update only matches
    while enough is left, so two checkouts racing for the last item cannot
    both succeed and stock never goes below zero."""
    for line in sorted(cart_lines, key=lambda line: line.variant.pk):  # one lock order: no deadlocks
        if line.variant.stock is None:
            continue
        taken = ProductVariant.objects.filter(pk=line.variant.pk, stock__gte=line.quantity).update(stock=F("stock") - line.quantity)
        if not taken:
            line.variant.refresh_from_db(fields=["stock"])
            raise OutOfStock(line)
        if ProductVariant.objects.filter(pk=line.variant.pk, stock=0).exists():  # that was the last of it
            _stock_shown_changed()


def release_stock(order):
    """Put an order's quantities back (an expired or failed checkout). Once."""
    if not order.stock_reserved:
        return
    for line in order.lines.exclude(variant=None).order_by("variant_id"):
        ProductVariant.objects.filter(pk=line.variant_id, stock__isnull=False).update(stock=F("stock") + line.quantity)
    order.stock_reserved = False
    _stock_shown_changed()


def _stock_shown_changed():
    """Product pages cached for anonymous readers show "sold out" and "only
    N left": after a sell-out or a release, let them be rendered afresh."""
    transaction.on_commit(chrome.invalidate)


def _retake_stock(order):
    """A payment for an order whose stock was already released (it expired,
    then was paid after all): take the stock again where it is there."""
    if order.stock_reserved:
        return
    for line in order.lines.exclude(variant=None).order_by("variant_id"):
        taken = ProductVariant.objects.filter(pk=line.variant_id, stock__gte=line.quantity).update(stock=F("stock") - line.quantity)
        if not taken and ProductVariant.objects.filter(pk=line.variant_id, stock__isnull=False).exists():
            logger.warning("Order %s was paid after its stock was released; not enough stock left for line %s", order.pk, line.pk)
    order.stock_reserved = True


# --- finding orders ----------------------------------------------------------


def locked_order(session):
    """The order behind a Checkout Session (dict), row-locked, or None."""
    orders = Order.objects.select_for_update()
    order = orders.filter(stripe_session_id=session.get("id")).first()
    if order is None:
        order_id = (session.get("metadata") or {}).get("order_id") or session.get("client_reference_id")
        if order_id and str(order_id).isdigit():
            order = orders.filter(pk=int(order_id), stripe_session_id__isnull=True).first()
    return order


def _copy_session_details(order, session):
    details = session.get("customer_details") or {}
    shipping = (session.get("collected_information") or {}).get("shipping_details") or session.get("shipping_details") or {}
    if not order.stripe_session_id:
        order.stripe_session_id = session.get("id")
    order.email = (details.get("email") or session.get("customer_email") or order.email or "")[:254]
    order.customer_name = (details.get("name") or order.customer_name or "")[:200]
    if shipping:
        order.shipping_name = (shipping.get("name") or "")[:200]
        order.shipping_address = {key: value for key, value in (shipping.get("address") or {}).items() if value}
    if session.get("payment_intent") and not order.stripe_payment_intent:
        intent = session["payment_intent"]
        order.stripe_payment_intent = intent if isinstance(intent, str) else intent.get("id", "")
    if session.get("amount_total") is not None:
        order.amount_total = session["amount_total"]


# --- the transitions ---------------------------------------------------------


@transaction.atomic
def apply_session(session):
    """The one fulfilment function: bring the order in line with a Checkout
    Session (a plain dict, from a webhook or retrieved from Stripe).

    Copies the shopper's email and shipping address; if the session is paid,
    marks the order paid and enqueues the confirmation email, once. Safe to
    call any number of times, from anywhere. Returns the order or None."""
    order = locked_order(session)
    if order is None:
        logger.warning("No order for Checkout Session %s", session.get("id"))
        return None
    _copy_session_details(order, session)
    if session.get("payment_status") in PAID_STATUSES and advance(order, S.PAID):
        order.paid_at = timezone.now()
        _retake_stock(order)
        order.save()
        _enqueue_confirmation(order.pk)
    else:
        order.save()
    return order


@transaction.atomic
def fail_session(session):
    """An asynchronous payment (bank debit…) failed: the order failed and its
    stock goes back on sale."""
    order = locked_order(session)
    if order is None:
        return None
    _copy_session_details(order, session)
    if advance(order, S.FAILED):
        release_stock(order)
    order.save()
    return order


@transaction.atomic
def expire_session(session):
    """The shopper never paid and the session expired: cancel the order and
    put its stock back."""
    order = locked_order(session)
    if order is None:
        return None
    if advance(order, S.CANCELLED):
        release_stock(order)
    order.save()
    return order


@transaction.atomic
def abandon(order_id):
    """Checkout never reached Stripe (an API error): cancel, release stock."""
    order = Order.objects.select_for_update().get(pk=order_id)
    if advance(order, S.CANCELLED):
        release_stock(order)
        order.save()
    return order


@transaction.atomic
def refund(order_id, charge):
    """A charge was refunded, fully or in part (`charge` is Stripe's dict)."""
    order = Order.objects.select_for_update().get(pk=order_id)
    order.amount_refunded = max(order.amount_refunded, int(charge.get("amount_refunded") or 0))
    if not order.stripe_payment_intent and charge.get("payment_intent"):
        order.stripe_payment_intent = charge["payment_intent"]
    if charge.get("refunded"):
        advance(order, S.REFUNDED)
    order.save()
    return order


@transaction.atomic
def dispute(order_id, dispute_obj):
    order = Order.objects.select_for_update().get(pk=order_id)
    if not order.stripe_payment_intent and dispute_obj.get("payment_intent"):
        order.stripe_payment_intent = dispute_obj["payment_intent"]
    advance(order, S.DISPUTED)
    order.save()
    return order


@transaction.atomic
def mark_fulfilled(order_id):
    """An editor sent the parcel: paid -> fulfilled, and the shopper is told
    (once). Returns True if the order moved, False if it was not paid."""
    order = Order.objects.select_for_update().get(pk=order_id)
    if order.status != S.PAID:
        return False
    order.status = S.FULFILLED
    order.fulfilled_at = timezone.now()
    order.save()
    from .tasks import send_fulfilment_email

    transaction.on_commit(lambda: send_fulfilment_email.enqueue(order.pk))
    return True


def _enqueue_confirmation(order_id):
    from .tasks import send_order_confirmation

    transaction.on_commit(lambda: send_order_confirmation.enqueue(order_id))
