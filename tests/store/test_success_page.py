"""Stripe's return page never trusts the redirect alone: "payment received"
only once the order is paid, "processing" before. It may ask Stripe (the
stand-in here, as Stripe's servers are unreachable) and then applies the
answer with the same fulfilment function as the webhook."""

import pytest
from django.core import mail

from store.cart import SESSION_KEY
from store.models import Order
from tests.store.factories import start_checkout, variants_of
from tests.store.stripe_events import event
from tests.utils import main_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_id(client, mug, stripe_standin):
    return start_checkout(client, variants_of(mug)[0], 2)


def success(client, session_id):
    return client.get(f"/shop/checkout/success/?session_id={session_id}")


def test_before_payment_is_confirmed_the_page_says_processing(client, session_id):
    response = success(client, session_id)

    html = main_content(response)
    assert response.status_code == 200
    assert "Your payment is processing" in html and "Payment received" not in html
    assert Order.objects.get().status == Order.Status.PENDING
    assert client.session.get(SESSION_KEY)  # cart kept until paid


def test_after_the_webhook_the_page_says_payment_received(client, deliver, session_id, stripe_standin):
    deliver(event("checkout.session.completed", stripe_standin.complete(session_id)))

    html = main_content(success(client, session_id))

    assert "Payment received" in html and "2 × Spoonie mug (Mug)" in html and "£19.98" in html
    assert "shopper@example.com" not in html and "Willow Row" not in html  # no personal data on this page
    assert not client.session.get(SESSION_KEY)  # cart emptied


def test_paid_before_the_webhook_arrives_the_page_confirms_with_stripe_once(client, deliver, session_id, stripe_standin, django_capture_on_commit_callbacks):
    session = stripe_standin.complete(session_id)

    with django_capture_on_commit_callbacks(execute=True):
        html = main_content(success(client, session_id))
    assert "Payment received" in html
    assert Order.objects.get().status == Order.Status.PAID
    retrieves = [r for r in stripe_standin.requests if r.method == "GET" and r.path == f"/v1/checkout/sessions/{session_id}"]
    assert len(retrieves) == 1

    assert deliver(event("checkout.session.completed", session)).status_code == 200  # the webhook, late
    assert Order.objects.get().status == Order.Status.PAID
    assert len(mail.outbox) == 1  # one confirmation, whoever got there first


def test_stripe_unreachable_on_the_success_page_shows_processing(client, session_id, stripe_standin):
    stripe_standin.complete(session_id)
    stripe_standin.fail_next(status=400, message="nope")

    assert "Your payment is processing" in main_content(success(client, session_id))


@pytest.mark.parametrize("value", ["", "cs_test_unknown", "../../etc/passwd", "cs_<script>", "x" * 5000])
def test_unknown_or_junk_session_ids_are_404(client, session_id, value):
    assert client.get("/shop/checkout/success/", {"session_id": value}).status_code == 404
