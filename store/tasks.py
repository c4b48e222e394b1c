"""Emails to shoppers, sent by the task worker. Each task takes an order id,
sends its email at most once (the order records when it went), and retries
later when the mail server is down."""

import datetime
import logging
import smtplib

from django.utils import timezone
from django_tasks import task

from . import emails
from .models import Order

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6


def _send_once(task_obj, order_id, kind, field, attempt):
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        return "no such order"
    if getattr(order, field) is not None:
        return "already sent"
    if not order.email:
        logger.warning("Order %s has no email address; %s email not sent", order_id, kind)
        return "no address"
    try:
        emails.send(order, kind)
    except (OSError, smtplib.SMTPException):
        backend = task_obj.get_backend()
        if attempt >= MAX_ATTEMPTS or not backend.supports_defer:
            logger.exception("Order %s: %s email failed (attempt %s)", order_id, kind, attempt)
            raise
        delay = datetime.timedelta(minutes=2**attempt)
        logger.warning("Order %s: %s email failed (attempt %s); retrying in %s", order_id, kind, attempt, delay)
        task_obj.using(run_after=timezone.now() + delay).enqueue(order_id, attempt + 1)
        return "retry scheduled"
    Order.objects.filter(pk=order_id, **{f"{field}__isnull": True}).update(**{field: timezone.now()})
    return "sent"


@task()
def send_order_confirmation(order_id, attempt=1):
    """"Thank you, we have your payment" — once per order."""
    return _send_once(send_order_confirmation, order_id, "confirmation", "confirmation_sent_at", attempt)


@task()
def send_fulfilment_email(order_id, attempt=1):
    """"Your order is on its way" — once per order."""
    return _send_once(send_fulfilment_email, order_id, "fulfilment", "fulfilment_sent_at", attempt)


@task()
def reconcile_with_stripe(days=2):
    """Catch what lost webhooks would have told us (run by the clock): apply
    each difference that has a safe fix, log the rest for a person."""
    from . import reconcile, stripe_api

    if not stripe_api.is_configured():
        return "not configured"
    found = reconcile.differences(days)
    fixed = 0
    for difference in found:
        if difference.fix is not None:
            difference.fix()
            fixed += 1
        logger.warning("Stripe reconcile [%s]: %s%s", difference.kind, difference.message, " Fixed." if difference.fix else "")
    return {"differences": len(found), "fixed": fixed}
