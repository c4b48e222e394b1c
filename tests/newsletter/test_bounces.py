"""Bounces and spam complaints reported by the email provider suppress the
address; the webhook's secret is checked first. Postmark's payloads stand in
for any provider (anymail normalises them all into one signal)."""

import base64
import json

import pytest
from anymail.signals import AnymailTrackingEvent, tracking

from newsletter.models import Subscriber

WEBHOOK = "/anymail/postmark/tracking/"


@pytest.fixture
def webhook(settings):
    settings.ROOT_URLCONF = "tests.newsletter.urls_with_anymail"
    settings.ANYMAIL = {"WEBHOOK_SECRET": "chronicle:hook-secret"}


def post(client, payload, secret="chronicle:hook-secret"):
    headers = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()} if secret else {}
    return client.post(WEBHOOK, data=json.dumps(payload), content_type="application/json", **headers)


def bounce(email, kind="HardBounce"):
    return {"RecordType": "Bounce", "Type": kind, "ID": 42, "Email": email, "BouncedAt": "2025-01-01T10:00:00Z", "Description": "The address does not exist."}


def test_a_hard_bounce_suppresses_the_address(client, webhook, make_subscriber, smtp_sink, publish):
    reader = make_subscriber(email="Dead@Example.org".lower())
    assert post(client, bounce("Dead@Example.org")).status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.BOUNCED and "Postmark" in reader.suppression_reason
    publish()
    assert smtp_sink.to(reader.email) == []


def test_a_spam_complaint_suppresses_the_address(client, webhook, make_subscriber):
    reader = make_subscriber()
    payload = {"RecordType": "SpamComplaint", "Type": "SpamComplaint", "ID": 7, "Email": reader.email, "BouncedAt": "2025-01-01T10:00:00Z"}
    assert post(client, payload).status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.COMPLAINED


@pytest.mark.parametrize("secret", [None, "chronicle:wrong", "x" * 5000])
def test_a_webhook_without_the_secret_changes_nothing(client, webhook, make_subscriber, secret):
    reader = make_subscriber()
    response = post(client, bounce(reader.email), secret=secret)
    assert response.status_code in (400, 403)
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_delays_and_unknown_addresses_change_nothing(client, webhook, make_subscriber):
    reader = make_subscriber()
    assert post(client, bounce(reader.email, kind="Transient")).status_code == 200
    assert post(client, bounce("stranger@example.org")).status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert not Subscriber.objects.filter(email="stranger@example.org").exists()


def test_a_suppressed_address_can_come_back_only_by_confirming_again(make_subscriber):
    from newsletter import subscriptions

    reader = make_subscriber()
    tracking.send(sender=object, event=AnymailTrackingEvent(event_type="bounced", recipient=reader.email), esp_name="Test")
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.BOUNCED
    subscriptions.confirm(reader)
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED and reader.suppressed_at is None


def test_a_mail_server_refusing_an_address_for_good_suppresses_it(make_subscriber, site_tree, settings):
    """Plain SMTP without an ESP: a 550 for a recipient is a hard bounce."""
    from newsletter import tasks
    from newsletter.models import Delivery, Edition

    from .workers import RefusingSMTPSink

    async def refuse_rcpt(server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such user"

    reader = make_subscriber()
    sink = RefusingSMTPSink(refusals=0).start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        sink._controller.handler.handle_RCPT = refuse_rcpt
        edition = Edition.objects.create(subject="Hello", url="http://localhost/x/", status=Edition.Status.SENDING)
        Delivery.objects.create(edition=edition, subscriber=reader)
        tasks.send_edition.enqueue(edition.pk)
    finally:
        sink.stop()
    delivery = Delivery.objects.get(edition=edition)
    assert delivery.status == Delivery.Status.FAILED and "550" in delivery.last_error
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.BOUNCED
