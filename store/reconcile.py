"""Compare recent Checkout Sessions at Stripe with our orders.

Webhooks can be lost (a misconfigured endpoint, an outage longer than
Stripe's three days of retries); this finds what they would have told us.
Each difference can be fixed with the same idempotent functions the webhook
uses, so running a fix twice, or alongside a late webhook, is harmless."""

import datetime
import time
from dataclasses import dataclass
from typing import Callable

from django.utils import timezone

from . import fulfilment, stripe_api
from .models import Order

PAID = fulfilment.PAID_STATUSES
EMAIL_GRACE = datetime.timedelta(minutes=15)
NEVER_SENT_GRACE = datetime.timedelta(hours=1)


@dataclass
class Difference:
    kind: str
    message: str
    fix: Callable | None = None


def _order_for(session, orders_by_session):
    order = orders_by_session.get(session["id"])
    if order is None:
        order_id = (session.get("metadata") or {}).get("order_id")
        if order_id and str(order_id).isdigit():
            order = Order.objects.filter(pk=int(order_id)).first()
    return order


def differences(days=3):
    """Every way recent sessions and orders disagree, oldest first."""
    since = timezone.now() - datetime.timedelta(days=days)
    sessions = [
        stripe_api.as_dict(session)
        for session in stripe_api.client().v1.checkout.sessions.list({"created": {"gte": int(time.time()) - days * 86400}, "limit": 100}).auto_paging_iter()
    ]
    orders = list(Order.objects.filter(created_at__gte=since).order_by("created_at"))
    by_session = {order.stripe_session_id: order for order in orders if order.stripe_session_id}
    found = []
    seen = set()
    for session in sorted(sessions, key=lambda s: s.get("created", 0)):
        order = _order_for(session, by_session)
        sid = session["id"]
        if order is None:
            found.append(Difference("no-order", f"Checkout Session {sid} ({session.get('payment_status')}, {session.get('amount_total')} {session.get('currency')}) has no order here."))
            continue
        seen.add(order.pk)
        status, paid = order.status, session.get("payment_status") in PAID
        if paid and fulfilment.RANK[status] < fulfilment.RANK[Order.Status.PAID]:
            found.append(Difference("unpaid-order", f"Order {order.reference} is {status} but Stripe says session {sid} is paid.", lambda s=session: fulfilment.apply_session(s)))
        elif session.get("status") == "expired" and status == Order.Status.PENDING:
            found.append(Difference("expired-session", f"Order {order.reference} is pending but session {sid} has expired.", lambda s=session: fulfilment.expire_session(s)))
        elif not paid and status in (Order.Status.PAID, Order.Status.FULFILLED):
            found.append(Difference("paid-without-payment", f"Order {order.reference} is {status} but Stripe says session {sid} is {session.get('payment_status')}. Check it in the Stripe Dashboard."))
        if session.get("amount_total") is not None and session["amount_total"] != order.subtotal and not session.get("total_details", {}).get("amount_discount"):
            found.append(Difference("amount", f"Order {order.reference} totals {order.subtotal} but session {sid} charges {session['amount_total']} ({order.currency})."))
    now = timezone.now()
    for order in orders:
        if order.stripe_session_id and order.pk not in seen:
            found.append(Difference("missing-session", f"Order {order.reference}'s session {order.stripe_session_id} was not found at Stripe (another account or mode?)."))
        if not order.stripe_session_id and order.status == Order.Status.PENDING and now - order.created_at > NEVER_SENT_GRACE:
            found.append(Difference("never-reached-stripe", f"Order {order.reference} never reached Stripe; its stock is still reserved.", lambda pk=order.pk: fulfilment.abandon(pk)))
    stuck = Order.objects.filter(status__in=[Order.Status.PAID, Order.Status.FULFILLED], paid_at__gte=since, paid_at__lt=now - EMAIL_GRACE, confirmation_sent_at=None).exclude(email="")
    for order in stuck:
        found.append(Difference("no-confirmation", f"Order {order.reference} is paid but its confirmation email was not sent.", lambda pk=order.pk: _resend(pk)))
    return found


def _resend(order_id):
    from .tasks import send_order_confirmation

    send_order_confirmation.enqueue(order_id)
