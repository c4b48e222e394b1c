"""The rules of a subscription: double opt-in, preferences, unsubscribe and
suppression. Views and webhooks validate their input, then call these.

Suppression: an address that unsubscribed, bounced or complained keeps its
row (status and date) and is never mailed again. Asking to subscribe again
sends a new confirmation; only confirming it lifts the suppression."""

import hashlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import conf
from .models import Subscriber, new_nonce, normalize_email

CONSENT_TEXT = "Email me each new post. I can change what I get or unsubscribe at any time, from a link in every email."

PAUSES = {"2w": timedelta(weeks=2), "4w": timedelta(weeks=4)}


def _enqueue_notice(subscriber_id, kind, site_id):
    from . import tasks

    transaction.on_commit(lambda: tasks.send_notice.enqueue(subscriber_id, kind, site_id))


def _within_address_limit(email):
    """At most a few emails per address per hour, whoever asks: the form
    must not become a way to flood someone's inbox."""
    from community.antispam import hit

    key = hashlib.sha256(email.encode()).hexdigest()[:32]
    return hit("newsletter-address", key, conf.get("NEWSLETTER_EMAILS_PER_ADDRESS"), conf.get("NEWSLETTER_RATE_WINDOW_SECONDS")).allowed


def subscribe(email, source=Subscriber.Source.PAGE, site_id=None):
    """Someone asked for `email` to get new posts. Whatever the address's
    history, the caller shows the same page; what differs is the email it
    receives: a confirmation link (new, pending or suppressed addresses) or
    an "already subscribed" note with a preferences link (confirmed).
    `email` must already be validated."""
    email = normalize_email(email)
    with transaction.atomic():
        subscriber, created = Subscriber.objects.get_or_create(email=email, defaults={"source": source})
        if not _within_address_limit(email):
            return
        if subscriber.status == Subscriber.Status.CONFIRMED:
            _enqueue_notice(subscriber.pk, "already", site_id)
            return
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=timezone.now())
        _enqueue_notice(subscriber.pk, "confirm", site_id)


def confirm(subscriber, site_id=None):
    """The reader opened their confirmation link. Returns True when this
    confirmed them, False when they were confirmed already (a second click
    changes nothing)."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return False
        now = timezone.now()
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.consented_at = now
        subscriber.consent_text = CONSENT_TEXT
        subscriber.suppressed_at = None
        subscriber.suppression_reason = ""
        subscriber.paused_until = None
        subscriber.save()
        _enqueue_notice(subscriber.pk, "welcome", site_id)
    return True


def _suppress(queryset, status, reason):
    return queryset.exclude(status__in=Subscriber.SUPPRESSED).update(
        status=status, suppressed_at=timezone.now(), suppression_reason=reason[:300], nonce=new_nonce()
    )


def unsubscribe(subscriber, reason="Unsubscribed by the reader."):
    """Stop all mail to this subscriber (idempotent). Their row stays as a
    suppression record. Returns whether anything changed."""
    if subscriber is None:
        return False
    return bool(_suppress(Subscriber.objects.filter(pk=subscriber.pk), Subscriber.Status.UNSUBSCRIBED, reason))


def suppress(email, status, reason):
    """A bounce, a spam complaint or an ESP-side unsubscribe for `email`:
    never mail it again. Unknown addresses are ignored. Returns whether
    anything changed."""
    return bool(_suppress(Subscriber.objects.filter(email=normalize_email(email)), status, reason))


def update_preferences(subscriber, frequency, categories=(), series=(), pause=""):
    """Save what a confirmed reader wants. `pause`: "" (unchanged), "2w",
    "4w" or "resume"."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        now = timezone.now()
        if frequency == Subscriber.Frequency.WEEKLY and subscriber.frequency != frequency:
            # Their digest starts with what is published from now on: until
            # now they got each post on its own.
            subscriber.last_digest_at = now
        subscriber.frequency = frequency
        if pause in PAUSES:
            subscriber.paused_until = now + PAUSES[pause]
        elif pause == "resume":
            subscriber.paused_until = None
        subscriber.save(update_fields=["frequency", "paused_until", "last_digest_at"])
        subscriber.categories.set(categories)
        subscriber.series.set(series)
    return subscriber


def export_data(email):
    """Everything kept about `email`, as plain data (a reader's "download my
    data"), or None when we hold nothing."""
    subscriber = Subscriber.objects.filter(email=normalize_email(email)).prefetch_related("categories", "series").first()
    if subscriber is None:
        return None
    deliveries = subscriber.deliveries.select_related("edition").order_by("pk")
    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "frequency": subscriber.frequency,
        "categories": [category.name for category in subscriber.categories.all()],
        "series": [series.title for series in subscriber.series.all()],
        "paused_until": subscriber.paused_until,
        "source": subscriber.source,
        "subscribed_at": subscriber.created_at,
        "consent_text": subscriber.consent_text,
        "consented_at": subscriber.consented_at,
        "confirmed_at": subscriber.confirmed_at,
        "suppressed_at": subscriber.suppressed_at,
        "suppression_reason": subscriber.suppression_reason,
        "emails": [{"subject": delivery.edition.subject, "status": delivery.status, "sent_at": delivery.sent_at} for delivery in deliveries],
    }


def erase(email):
    """Forget `email` entirely, at its owner's request: the subscriber, their
    choices and every delivery record. (This also forgets that they
    unsubscribed: a later import or sign-up is treated as new.)"""
    deleted, _ = Subscriber.objects.filter(email=normalize_email(email)).delete()
    return bool(deleted)
