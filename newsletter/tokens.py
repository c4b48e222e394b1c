"""Signed links, one salt per purpose, so that a token made for one purpose
is worthless for another. Tokens carry the subscriber's id and a short hash
of the address (an id reused after an erasure never matches); confirm tokens
also carry the subscriber's nonce, so a newer request or an unsubscribe
voids older confirmation links.

Confirm links expire (NEWSLETTER_CONFIRM_MAX_AGE, 7 days); preferences links
after a year; unsubscribe links never (they sit in old emails)."""

import hashlib
from urllib.parse import urljoin

from django.core import signing
from django.urls import reverse

from . import conf

CONFIRM = "newsletter.confirm"
UNSUBSCRIBE = "newsletter.unsubscribe"
PREFERENCES = "newsletter.preferences"


class InvalidToken(Exception):
    """Forged, damaged, expired or no longer matching: the caller shows one
    generic page and changes nothing."""


def _address_hash(email):
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def signer_for(purpose):
    """What signs `purpose`'s tokens. Tokens that never expire carry no
    timestamp (and are the same link in every email)."""
    if _max_age(purpose) is None:
        return signing.Signer(salt=purpose)
    return signing.TimestampSigner(salt=purpose)


def make(purpose, subscriber, signer=None):
    """`subscriber`'s token for `purpose`. Code signing many at once (an
    edition's batch) passes signer_for(purpose), made once: building a
    signer costs about as much as signing."""
    payload = {"s": subscriber.pk, "e": _address_hash(subscriber.email)}
    if purpose == CONFIRM:
        payload["n"] = subscriber.nonce
    return (signer or signer_for(purpose)).sign_object(payload)


def _max_age(purpose):
    if purpose == CONFIRM:
        return conf.get("NEWSLETTER_CONFIRM_MAX_AGE")
    if purpose == PREFERENCES:
        return conf.get("NEWSLETTER_PREFERENCES_MAX_AGE")
    return None


def read(purpose, token, queryset=None):
    """The subscriber a token was made for, or InvalidToken. An unsubscribe
    token for an address we no longer hold returns None: the reader is, in
    effect, unsubscribed already."""
    from .models import Subscriber

    if not token or len(token) > 500:
        raise InvalidToken
    try:
        max_age = _max_age(purpose)
        if max_age is None:
            payload = signing.Signer(salt=purpose).unsign_object(token)
        else:
            payload = signing.loads(token, salt=purpose, max_age=max_age)
        subscriber_id = int(payload["s"])
        address_hash = str(payload["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvalidToken
    subscriber = (queryset if queryset is not None else Subscriber.objects.all()).filter(pk=subscriber_id).first()
    if subscriber is None or _address_hash(subscriber.email) != address_hash:
        if purpose == UNSUBSCRIBE:
            return None
        raise InvalidToken
    if purpose == CONFIRM and payload.get("n") != subscriber.nonce:
        raise InvalidToken
    return subscriber


def url(purpose, subscriber, base_url):
    """The absolute link for `purpose` (base_url: the site's root URL)."""
    name = {CONFIRM: "newsletter:confirm", UNSUBSCRIBE: "newsletter:unsubscribe", PREFERENCES: "newsletter:preferences"}[purpose]
    return absolute(base_url, reverse(name, args=[make(purpose, subscriber)]))


def absolute(base_url, path):
    return urljoin(base_url.rstrip("/") + "/", path.lstrip("/"))
