"""Starting a checkout: a pending order and a Stripe Checkout Session, both
built from prices and stock in the database, never from what a browser sent."""

import logging
import time
import uuid
from dataclasses import dataclass

import stripe
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from . import fulfilment, stripe_api
from .models import Order, OrderLine

logger = logging.getLogger(__name__)

# The shopper's latest checkout, so the success and cancel pages know it.
SESSION_ORDER_KEY = "store_checkout_order"
# How long stock stays reserved for a shopper on Stripe's page (Stripe
# accepts 30 minutes to 24 hours); the session then expires and the
# checkout.session.expired webhook puts the stock back.
SESSION_LIFETIME = 60 * 60
DEFAULT_SHIPPING_COUNTRIES = ["GB", "IE", "US", "CA", "AU", "NZ"]


class CheckoutError(Exception):
    """Checkout could not start; the message is for the shopper. Nothing was
    charged and no stock stays reserved."""


@dataclass
class Started:
    order: Order
    url: str


def start(cart, request):
    """Create a pending order (stock reserved) and its Checkout Session, and
    return where to send the shopper. Raises CheckoutError."""
    if not stripe_api.is_configured():
        raise CheckoutError("Checkout is not available yet.")
    lines = cart.lines()
    if not lines:
        raise CheckoutError("Your cart is empty.")
    # Pressing "Check out" again (or coming back with the browser's Back
    # button) starts afresh: the earlier session is expired so its stock is
    # not held twice.
    cancel(request)
    try:
        order = create_order(lines, cart.currency, request.user)
    except fulfilment.OutOfStock as error:
        raise CheckoutError(str(error)) from error
    try:
        session = stripe_api.client().v1.checkout.sessions.create(session_params(order, request), options={"idempotency_key": order.idempotency_key})
    except stripe.StripeError:
        logger.exception("Could not create a Checkout Session for order %s", order.pk)
        fulfilment.abandon(order.pk)
        raise CheckoutError("We could not reach our payment provider, and nothing was charged. Please try again in a moment.") from None
    Order.objects.filter(pk=order.pk, stripe_session_id__isnull=True).update(stripe_session_id=session.id)
    order.stripe_session_id = session.id
    request.session[SESSION_ORDER_KEY] = order.pk
    return Started(order, session.url)


@transaction.atomic
def create_order(cart_lines, currency, user=None):
    """A pending order with one line per cart line (prices copied from the
    database), its stock taken. Raises fulfilment.OutOfStock, taking nothing."""
    fulfilment.reserve_stock(cart_lines)
    order = Order.objects.create(
        currency=currency,
        subtotal=sum(line.line_total for line in cart_lines),
        user=user if user is not None and user.is_authenticated else None,
        email=(user.email if user is not None and user.is_authenticated else "") or "",
        idempotency_key=f"chronicle-order-{uuid.uuid4().hex}",
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            variant=line.variant,
            product_title=line.product.title[:255],
            variant_name=line.variant.name,
            sku=line.variant.sku,
            unit_price=line.variant.price,
            quantity=line.quantity,
        )
        for line in cart_lines
    )
    return order


def session_params(order, request):
    """The Checkout Session for `order`, from the order's own lines."""
    success_url = request.build_absolute_uri(reverse("store:checkout_success")) + "?session_id={CHECKOUT_SESSION_ID}"
    params = {
        "mode": "payment",
        "line_items": [
            {
                "quantity": line.quantity,
                "price_data": {
                    "currency": order.currency.lower(),
                    "unit_amount": line.unit_price,
                    "product_data": {"name": f"{line.product_title} — {line.variant_name}"[:250], "metadata": {"variant_id": str(line.variant_id or "")}},
                },
            }
            for line in order.lines.all()
        ],
        "client_reference_id": str(order.pk),
        "metadata": {"order_id": str(order.pk)},
        "payment_intent_data": {"metadata": {"order_id": str(order.pk)}},
        "shipping_address_collection": {"allowed_countries": list(getattr(settings, "STORE_SHIPPING_COUNTRIES", None) or DEFAULT_SHIPPING_COUNTRIES)},
        "success_url": success_url,
        "cancel_url": request.build_absolute_uri(reverse("store:checkout_cancel")),
        "expires_at": int(time.time()) + SESSION_LIFETIME,
    }
    if order.email:
        params["customer_email"] = order.email
    return params


def cancel(request):
    """The shopper came back from Stripe without paying: expire their session
    so its stock is free again at once (otherwise the expiry webhook does it
    when the session times out). Never raises."""
    order_id = request.session.pop(SESSION_ORDER_KEY, None)
    if not order_id or not stripe_api.is_configured():
        return
    order = Order.objects.filter(pk=order_id, status=Order.Status.PENDING).exclude(stripe_session_id=None).first()
    if order is None:
        return
    try:
        session = stripe_api.client().v1.checkout.sessions.expire(order.stripe_session_id)
    except stripe.StripeError:
        # Already complete or already expired: the webhook has the last word.
        logger.info("Could not expire Checkout Session %s", order.stripe_session_id)
        return
    fulfilment.expire_session(stripe_api.as_dict(session))


def confirm(session_id):
    """The success page's check: ask Stripe about the session and apply what
    it says with the same function the webhook uses. Returns the order (None
    if Stripe could not be asked)."""
    try:
        session = stripe_api.client().v1.checkout.sessions.retrieve(session_id)
    except (stripe.StripeError, stripe_api.NotConfigured):
        logger.warning("Could not retrieve Checkout Session %s", session_id, exc_info=True)
        return None
    return fulfilment.apply_session(stripe_api.as_dict(session))
