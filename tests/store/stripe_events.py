"""Webhook events shaped like Stripe's (tests/data/stripe/), signed with the
SDK's own scheme (stripe.WebhookSignature) and a test secret, and posted to
the store's endpoint the way Stripe posts them."""

import copy
import json
import secrets
import time

import stripe

from tests.store.stripe_standin import load

WEBHOOK_SECRET = "whsec_test_chronicle_only"
WEBHOOK_URL = "/shop/stripe/webhook/"


def event(event_type, obj, event_id=None, created=None):
    payload = load("event.json")
    payload.update(id=event_id or f"evt_test_{secrets.token_hex(12)}", type=event_type, created=created or int(time.time()), data={"object": copy.deepcopy(obj)})
    return payload


def charge(payment_intent, amount=2500, amount_refunded=None, refunded=True, currency="gbp"):
    obj = load("charge.json")
    obj.update(id=f"ch_test_{secrets.token_hex(8)}", payment_intent=payment_intent, amount=amount, amount_captured=amount, currency=currency, refunded=refunded, amount_refunded=amount if amount_refunded is None else amount_refunded)
    return obj


def dispute(payment_intent, amount=2500):
    obj = load("dispute.json")
    obj.update(id=f"dp_test_{secrets.token_hex(8)}", payment_intent=payment_intent, amount=amount)
    return obj


def sign(body, secret=WEBHOOK_SECRET, timestamp=None):
    return stripe.WebhookSignature.generate_signature_header(body, secret, timestamp=timestamp)


def post_event(client, payload, secret=WEBHOOK_SECRET, timestamp=None, signature=None, body=None):
    """POST an event like Stripe does: raw JSON body, Stripe-Signature header."""
    body = body if body is not None else json.dumps(payload)
    header = signature if signature is not None else sign(body, secret, timestamp)
    extra = {"HTTP_STRIPE_SIGNATURE": header} if header else {}
    return client.post(WEBHOOK_URL, data=body, content_type="application/json", **extra)
