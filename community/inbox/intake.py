"""A visitor's message arriving: rate limits, then save first, then queue the
emails. Nothing here sends mail; if the mail server is down the message is
already in the inbox and the emails wait for it."""

import datetime
import hashlib
import ipaddress

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from community import antispam

from . import sending
from .models import Message, OutgoingEmail

DUPLICATE_WINDOW = datetime.timedelta(hours=1)
DEFAULT_RATE_LIMITS = {
    # (attempts, window in seconds)
    "ip": (10, 60 * 60),  # every post from one address, valid or not
    "email": (5, 24 * 60 * 60),  # messages from (and acknowledgements to) one address
}


def _limits(kind):
    return {**DEFAULT_RATE_LIMITS, **getattr(settings, "INBOX_RATE_LIMITS", {})}[kind]


def limit_ip(ip):
    limit, window = _limits("ip")
    return antispam.hit("inbox-ip", ip, limit, window)


def limit_email(address):
    limit, window = _limits("email")
    return antispam.hit("inbox-email", address.strip().lower(), limit, window)


def fingerprint(address, subject, body):
    text = "\n".join([address.strip().lower(), subject.strip(), body.strip()])
    return hashlib.sha256(text.encode()).hexdigest()


def receive(form, *, page, ip_address=None):
    """Store a valid contact form as a Message and queue its two emails.

    Returns (message, created). The same message (same sender, subject and
    text) sent again within an hour is not stored or acknowledged twice: the
    earlier message is returned with created=False."""
    data = form.cleaned_data
    print_ = fingerprint(data["email"], data["subject"], data["message"])
    now = timezone.now()
    with transaction.atomic():
        earlier = Message.objects.filter(fingerprint=print_, received_at__gte=now - DUPLICATE_WINDOW).order_by("pk").first()
        if earlier is not None:
            return earlier, False
        message = Message.objects.create(
            site=page.get_site() if page is not None else None,
            page=page,
            topic=data.get("topic"),
            name=data["name"],
            email=data["email"],
            subject=data["subject"],
            body=data["message"],
            order_number=data.get("order_number", ""),
            extra_fields=form.extra_answers() if hasattr(form, "extra_answers") else [],
            received_at=now,
            consented_at=now if data.get("consent") else None,
            ip_address=ip_address if _is_ip(ip_address) else None,
            fingerprint=print_,
        )
        owed = OutgoingEmail.objects.bulk_create(
            [
                OutgoingEmail(message=message, kind=OutgoingEmail.Kind.ACKNOWLEDGEMENT, created_at=now),
                OutgoingEmail(message=message, kind=OutgoingEmail.Kind.STAFF_NOTIFICATION, created_at=now),
            ]
        )
        sending.queue_after_commit(owed)
    return message, True


def _is_ip(value):
    try:
        ipaddress.ip_address(value or "")
    except ValueError:
        return False
    return True
