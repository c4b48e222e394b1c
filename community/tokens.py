"""Signed links in comment emails (one salt per purpose; no rows needed)."""

from django.core import signing

STOP_REPLIES_SALT = "community.stop-replies"


def stop_replies_token(email):
    return signing.dumps(email.strip().lower(), salt=STOP_REPLIES_SALT)


def email_from_stop_replies_token(token):
    """The address, or None when the token is forged (they never expire:
    stopping email must always work)."""
    try:
        return signing.loads(token, salt=STOP_REPLIES_SALT)
    except signing.BadSignature:
        return None
