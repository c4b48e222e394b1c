"""Export everything the site holds about a reader; erase it when they leave.

The account's own data (user row, addresses, profile, sign-in records) is
handled here; every other app contributes through accounts.area
(exporters and erasers). What deletion keeps is listed in README.md
("What deleting an account keeps").
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils import timezone
from django.utils.crypto import get_random_string

from . import area
from .models import Profile

log = logging.getLogger(__name__)


def _iso(value):
    return value.isoformat() if value else None


def identifiers(user):
    """The names the user is known by in records kept about sign-ins: their
    username and their verified addresses (plus the account's address when
    an administrator set it without allauth, as for accounts made with
    createsuperuser), lower-cased. An unverified address may belong to
    someone else, so records under it are neither exported nor erased."""
    from allauth.account.models import EmailAddress

    names = {user.get_username().lower(), *area.verified_emails(user)}
    if user.email and not EmailAddress.objects.filter(user=user, email__iexact=user.email).exists():
        names.add(user.email.lower())
    return sorted(name for name in names if name)


def export_account(user):
    from allauth.account.models import EmailAddress

    return {
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
    }


def export_profile(user):
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "display_name": profile.display_name,
        "bio": profile.bio,
        "avatar_colour": profile.get_avatar_colour_display(),
        "text_size": profile.text_size,
        "theme": profile.theme,
        "updated_at": _iso(profile.updated_at),
    }


def export_sign_ins(user):
    """Sign-ins and failed attempts recorded under the user's names (by
    django-axes, against brute force)."""
    from axes.models import AccessFailureLog, AccessLog

    names = identifiers(user)
    return {
        "sign_ins": [
            {"at": _iso(row.attempt_time), "signed_out_at": _iso(row.logout_time), "ip_address": row.ip_address, "browser": row.user_agent}
            for row in AccessLog.objects.filter(username__in=names).order_by("attempt_time")
        ],
        "failed_attempts": [
            {"at": _iso(row.attempt_time), "ip_address": row.ip_address, "browser": row.user_agent}
            for row in AccessFailureLog.objects.filter(username__in=names).order_by("attempt_time")
        ],
    }


def erase_sign_ins(user, keep_comments):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    names = identifiers(user)
    AccessLog.objects.filter(username__in=names).delete()
    AccessFailureLog.objects.filter(username__in=names).delete()
    # Attempts in progress also keep the posted login name in post_data.
    mentions = Q(username__in=names)
    for name in names:
        if "@" in name:
            mentions |= Q(post_data__icontains=name)
    AccessAttempt.objects.filter(mentions).delete()


def register():
    area.register_exporter("account", export_account)
    area.register_exporter("profile", export_profile)
    area.register_exporter("sign_in_records", export_sign_ins)
    area.register_eraser("sign_in_records", erase_sign_ins)


FIRST = ["account", "profile"]  # then every app's, in registration order


def export_data(user):
    """Everything the site holds about `user`, as one JSON-serialisable dict:
    the account, the profile and what every registered exporter returns."""
    data = {
        "format": "chronicle-account-export/1",
        "site": settings.WAGTAIL_SITE_NAME,
        "exported_at": timezone.now().isoformat(),
    }
    exporters = area.exporters()
    for name in sorted(exporters, key=lambda name: (name not in FIRST, FIRST.index(name) if name in FIRST else 0)):
        data[name] = exporters[name](user)
    return data


class CannotDelete(Exception):
    pass


def delete_account(user, keep_comments):
    """Erase the reader's personal data through every registered eraser, then
    delete the user, or, when something the site must keep still points at
    it (protected rows), anonymise it beyond recognition. All or nothing.
    Returns "deleted" or "anonymised"."""
    if user.is_staff or user.is_superuser:
        raise CannotDelete("Staff accounts are removed by an administrator.")
    with transaction.atomic():
        for name, eraser in area.erasers().items():
            eraser(user, keep_comments)
        try:
            with transaction.atomic():
                _delete_user(user)
            return "deleted"
        except (ProtectedError, RestrictedError):
            log.info("User %s is still referenced by protected rows: anonymising instead", user.pk)
            _anonymise(user)
            return "anonymised"


def _delete_user(user):
    get_user_model().objects.filter(pk=user.pk).delete()


def _anonymise(user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).delete()
    user.username = "deleted-" + get_random_string(12, "abcdefghijkmnpqrstuvwxyz23456789")
    user.email = user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
