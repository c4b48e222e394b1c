"""Bounces and complaints reported by the email provider.

django-anymail receives the provider's tracking webhook at
/anymail/<esp>/tracking/ (include("anymail.urls") in the root urls), checks
its signature or basic-auth secret (ANYMAIL["WEBHOOK_SECRET"] or the ESP's
signing key), and sends its normalised `tracking` signal, handled here."""

import logging

from anymail.signals import EventType, RejectReason

from . import subscriptions
from .models import Subscriber

logger = logging.getLogger(__name__)

SUPPRESSING = {
    EventType.BOUNCED: Subscriber.Status.BOUNCED,
    EventType.COMPLAINED: Subscriber.Status.COMPLAINED,
    EventType.UNSUBSCRIBED: Subscriber.Status.UNSUBSCRIBED,
}
# A "rejected" event suppresses only when the provider says the address is
# dead or already on its own suppression list.
REJECTIONS = {
    RejectReason.BOUNCED: Subscriber.Status.BOUNCED,
    RejectReason.INVALID: Subscriber.Status.BOUNCED,
    RejectReason.SPAM: Subscriber.Status.COMPLAINED,
    RejectReason.UNSUBSCRIBED: Subscriber.Status.UNSUBSCRIBED,
}


def status_for(event):
    if event.event_type == EventType.REJECTED:
        return REJECTIONS.get(event.reject_reason)
    return SUPPRESSING.get(event.event_type)


def on_tracking_event(sender, event, esp_name, **kwargs):
    """Receiver for anymail's tracking signal."""
    status = status_for(event)
    if status is None or not event.recipient:
        return
    reason = f"{esp_name}: {event.event_type}" + (f" ({event.reject_reason})" if event.reject_reason else "")
    if event.description:
        reason += f" — {event.description}"
    if subscriptions.suppress(event.recipient, status, reason):
        logger.info("Newsletter: suppressed an address after a %s event from %s", event.event_type, esp_name)
