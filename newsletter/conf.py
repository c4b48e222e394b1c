"""The newsletter's knobs. Each is a Django setting with a safe default, so
nothing needs configuring to start; see README.md ("Newsletter")."""

from django.conf import settings

DEFAULTS = {
    # Messages sent over one SMTP connection by one batch task.
    "NEWSLETTER_BATCH_SIZE": 1000,
    # Attempts per delivery before it is recorded as failed, and the backoff
    # between attempts (doubling from BASE, capped at MAX), in seconds.
    "NEWSLETTER_MAX_ATTEMPTS": 8,
    "NEWSLETTER_RETRY_BASE_SECONDS": 60,
    "NEWSLETTER_RETRY_MAX_SECONDS": 3600,
    # A delivery still marked "sending" after this long was being handed to
    # the mail server when its worker died: it is ambiguous (see sending.py).
    "NEWSLETTER_AMBIGUOUS_AFTER_SECONDS": 600,
    # How long a confirmation link stays valid, and a preferences link.
    "NEWSLETTER_CONFIRM_MAX_AGE": 7 * 24 * 60 * 60,
    "NEWSLETTER_PREFERENCES_MAX_AGE": 365 * 24 * 60 * 60,
    # Subscribe form limits: attempts per client IP, and emails per address.
    "NEWSLETTER_SUBSCRIBE_LIMIT_PER_IP": 10,
    "NEWSLETTER_EMAILS_PER_ADDRESS": 3,
    "NEWSLETTER_RATE_WINDOW_SECONDS": 60 * 60,
    # The weekly digest goes out on this weekday (0 = Monday) from this hour
    # (in TIME_ZONE) on; the periodic task may run any time after that.
    "NEWSLETTER_DIGEST_WEEKDAY": 0,
    "NEWSLETTER_DIGEST_HOUR": 7,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
