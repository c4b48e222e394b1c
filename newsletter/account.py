"""The reader's subscription in "My account": panel, export, erasure.

Subscriptions are filed by address, not by account: a reader's are those
under an address they have verified (accounts.area.verified_emails)."""

from django.conf import settings

from . import tokens
from .models import Subscriber
from .subscriptions import erase, export_data


def subscriptions_of(user):
    from accounts.area import verified_emails

    emails = verified_emails(user)
    return list(Subscriber.objects.filter(email__in=emails).order_by("email")) if emails else []


def panel_context(user):
    base = settings.WAGTAILADMIN_BASE_URL
    return {
        "subscriptions": [
            {
                "subscriber": subscriber,
                "preferences_url": tokens.url(tokens.PREFERENCES, subscriber, base),
                "unsubscribe_url": tokens.url(tokens.UNSUBSCRIBE, subscriber, base),
            }
            for subscriber in subscriptions_of(user)
        ]
    }


def export(user):
    from accounts.area import verified_emails

    return [data for data in (export_data(email) for email in verified_emails(user)) if data is not None]


def erase_for_user(user, keep_comments):
    from accounts.area import verified_emails

    for email in verified_emails(user):
        erase(email)


def register():
    from accounts import area

    area.register_panel("subscription", "newsletter/account_panel.html", panel_context, title="My subscription", order=20)
    area.register_exporter("subscription", export)
    area.register_eraser("subscription", erase_for_user)
