"""The one place that talks to Stripe's API.

Everything else asks for `client()` and uses `client.v1.*`. In tests
STRIPE_API_BASE points the real SDK at a local stand-in (tests/store)."""

import stripe
from django.conf import settings

# Seconds to wait for Stripe before giving up on one attempt. The SDK retries
# network errors and 5xx twice, with the same idempotency key.
TIMEOUT = 20


class NotConfigured(Exception):
    """No STRIPE_SECRET_KEY: the store still shows, checkout is off."""


def is_configured():
    return bool(settings.STRIPE_SECRET_KEY)


def client():
    if not is_configured():
        raise NotConfigured("STRIPE_SECRET_KEY is not set")
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base,
        max_network_retries=2,
        http_client=stripe.RequestsClient(timeout=TIMEOUT),
    )


def as_dict(obj):
    """A StripeObject (or a plain dict) as plain nested dicts and lists."""
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    return obj
