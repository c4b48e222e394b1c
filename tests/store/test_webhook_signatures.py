"""Only Stripe can talk to the webhook: the signature is checked on the raw
body (Stripe's scheme, signed here with the SDK and a test secret); missing,
bad or stale signatures get 400 and nothing is stored."""

import datetime
import json

import pytest
import time_machine

from store.models import Order, StripeEvent
from tests.store.factories import start_checkout, variants_of
from tests.store.stripe_events import WEBHOOK_URL, event, post_event, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(client, mug, stripe_standin):
    session_id = start_checkout(client, variants_of(mug)[0])
    return event("checkout.session.completed", stripe_standin.complete(session_id))


def assert_nothing_stored():
    assert not StripeEvent.objects.exists()
    assert Order.objects.get().status == Order.Status.PENDING


def test_correctly_signed_event_is_accepted(client, completed):
    response = post_event(client, completed)
    assert response.status_code == 200
    assert Order.objects.get().status == Order.Status.PAID


def test_unsigned_event_is_rejected(client, completed):
    response = post_event(client, completed, signature="")
    assert response.status_code == 400
    assert_nothing_stored()


def test_event_signed_with_another_secret_is_rejected(client, completed):
    response = post_event(client, completed, secret="whsec_somebody_else")
    assert response.status_code == 400
    assert_nothing_stored()


def test_tampered_body_is_rejected(client, completed):
    body = json.dumps(completed)
    header = sign(body)
    tampered = body.replace('"payment_status": "paid"', '"payment_status": "paid" ')
    response = post_event(client, None, body=tampered, signature=header)
    assert response.status_code == 400
    assert_nothing_stored()


@pytest.mark.parametrize("header", ["garbage", "t=notanumber,v1=abc", "v1=abcdef", "t=1700000000", "t=1700000000,v0=abc"])
def test_malformed_signature_headers_are_rejected(client, completed, header):
    assert post_event(client, completed, signature=header).status_code == 400
    assert_nothing_stored()


def test_stale_signature_is_rejected_as_a_replay(client, completed):
    body = json.dumps(completed)
    signed_at = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(signed_at, tick=False):
        header = sign(body)
    with time_machine.travel(signed_at + datetime.timedelta(seconds=301), tick=False):
        response = post_event(client, None, body=body, signature=header)
    assert response.status_code == 400
    assert_nothing_stored()
    with time_machine.travel(signed_at + datetime.timedelta(seconds=299), tick=False):
        assert post_event(client, None, body=body, signature=header).status_code == 200


@pytest.mark.parametrize("body", ["", "not json", "[]", '{"object": "event"}', '{"id": 1, "type": 2, "object": "event"}', "\udcff"])
def test_signed_junk_is_rejected(client, completed, body):
    body = body.encode("utf-8", "surrogateescape") if body == "\udcff" else body
    text = body.decode("latin-1") if isinstance(body, bytes) else body
    response = client.post(WEBHOOK_URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(text))
    assert response.status_code == 400
    assert_nothing_stored()


def test_webhook_needs_no_csrf_token_but_only_accepts_post(completed):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.get(WEBHOOK_URL).status_code == 405
    assert post_event(strict, completed).status_code == 200


def test_without_a_webhook_secret_nothing_is_accepted(client, completed, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = post_event(client, completed)
    assert response.status_code == 400
    assert_nothing_stored()
