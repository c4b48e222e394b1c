"""Export, erase and expire what the inbox holds about people.

`export_messages(email)` and `erase_messages(email)` are the inbox's part of
the per-person privacy tools (the accounts area calls them beside the
comments' and newsletter's own); `apply_retention()` runs on the clock."""

import datetime
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Site

from .models import InboxSettings, Message

DEFAULT_RETENTION_DAYS = 365


def ip_retention_days():
    return getattr(settings, "INBOX_IP_RETENTION_DAYS", 30)


def _user_label(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def export_messages(email):
    """Everything the inbox holds about one email address, as a JSON-ready
    list: each message with its replies, internal notes and the emails sent."""
    messages = (
        Message.objects.for_email(email)
        .select_related("topic", "assigned_to")
        .prefetch_related("replies__author", "notes__author", "emails")
        .order_by("received_at", "pk")
    )
    return [
        {
            "received_at": message.received_at.isoformat(),
            "name": message.name,
            "email": message.email,
            "topic": message.topic.name if message.topic else "",
            "order_number": message.order_number,
            "subject": message.subject,
            "message": message.body,
            "extra_fields": message.extra_fields,
            "status": message.status,
            "consented_at": message.consented_at.isoformat() if message.consented_at else None,
            "ip_address": message.ip_address,
            "assigned_to": _user_label(message.assigned_to),
            "replies": [
                {"sent_at": reply.created_at.isoformat(), "from": _user_label(reply.author), "text": reply.body}
                for reply in message.replies.all()
            ],
            "internal_notes": [
                {"written_at": note.created_at.isoformat(), "by": _user_label(note.author), "text": note.body}
                for note in message.notes.all()
            ],
            "emails": [
                {"kind": outgoing.kind, "status": outgoing.status, "sent_at": outgoing.sent_at.isoformat() if outgoing.sent_at else None}
                for outgoing in message.emails.all()
            ],
        }
        for message in messages
    ]


def export_messages_json(email):
    return json.dumps({"contact_messages": export_messages(email)}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


@transaction.atomic
def erase_messages(email):
    """Delete every message from this address with its replies, notes and
    owed emails (an email not yet sent is never sent). Returns how many
    messages were deleted."""
    messages = Message.objects.for_email(email)
    count = messages.count()
    messages.delete()
    return count


def retention_days_for(site):
    if site is None:
        return DEFAULT_RETENTION_DAYS
    return InboxSettings.for_site(site).retention_days


@transaction.atomic
def apply_retention(now=None):
    """Delete messages older than their site's retention period (messages
    whose site is gone follow the default site) and forget IP addresses
    after INBOX_IP_RETENTION_DAYS. Returns {"deleted", "ips_cleared"}."""
    now = now or timezone.now()
    deleted = 0
    default_site = Site.objects.filter(is_default_site=True).first()
    for site in Site.objects.all():
        cutoff = now - datetime.timedelta(days=retention_days_for(site))
        scope = Message.objects.filter(Q(site=site) | Q(site__isnull=True) if site == default_site else Q(site=site))
        deleted += scope.received_before(cutoff).delete()[1].get(Message._meta.label, 0)
    if default_site is None:
        cutoff = now - datetime.timedelta(days=DEFAULT_RETENTION_DAYS)
        deleted += Message.objects.filter(site__isnull=True).received_before(cutoff).delete()[1].get(Message._meta.label, 0)
    ip_cutoff = now - datetime.timedelta(days=ip_retention_days())
    ips_cleared = Message.objects.received_before(ip_cutoff).exclude(ip_address=None).update(ip_address=None)
    return {"deleted": deleted, "ips_cleared": ips_cleared}
