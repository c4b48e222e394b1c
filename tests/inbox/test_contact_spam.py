"""Spam defences on the contact form: honeypot, signed timing token, rate
limits per IP and per email address (429 saying when to try again)."""

import time

import time_machine
from django.test import Client

from community.inbox.models import Message
from tests.utils import main_content

from .conftest import VISITOR, token


def test_honeypot_filled_in_is_refused_and_nothing_is_stored(submit, smtp_sink, staff_address):
    response = submit(homepage="http://spam.example")
    assert response.status_code == 200
    assert "could not be sent" in main_content(response)
    assert not Message.objects.exists() and not smtp_sink.messages


def test_instant_submission_is_refused(submit):
    response = submit(form_token=token(age=0))
    assert "quicker than we expected" in main_content(response)
    assert not Message.objects.exists()


def test_missing_forged_or_foreign_token_is_refused(submit):
    from community.antispam import SpamProtectedForm

    class CommentLike(SpamProtectedForm):
        antispam_salt = "community.comment"

    for forged in ["", "garbage", CommentLike(now=time.time() - 10).make_token()]:
        response = submit(form_token=forged)
        assert "has expired or was not loaded from this site" in main_content(response)
    assert not Message.objects.exists()


def test_stale_token_expires_and_the_form_offers_a_fresh_one(submit):
    stale = token(age=10)
    with time_machine.travel(time.time() + 2 * 24 * 3600):
        response = submit(form_token=stale)
    html = main_content(response)
    assert "has expired" in html
    # The form shown again carries a new token, and keeps what was typed.
    assert f'value="{stale}"' not in html and "Question about flares" in html


def test_flood_from_one_address_gets_429_saying_when_to_try_again(submit, settings):
    settings.INBOX_RATE_LIMITS = {"ip": (3, 3600)}
    for number in range(3):
        assert submit(subject=f"Subject {number}").status_code == 303
    response = submit(subject="One too many")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Please try again in about" in main_content(response)
    assert Message.objects.count() == 3
    # Someone else is not affected.
    assert submit(subject="From elsewhere", remote_addr="198.51.100.7").status_code == 303


def test_spoofed_forwarded_for_does_not_escape_the_limit(submit, settings, contact_page):
    settings.INBOX_RATE_LIMITS = {"ip": (2, 3600)}
    settings.CHRONICLE_TRUSTED_PROXY_HOPS = 0
    statuses = []
    for number in range(3):
        client = Client(enforce_csrf_checks=True, HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
        statuses.append(submit(client=client, subject=f"Spoof {number}").status_code)
    assert statuses == [303, 303, 429]


def test_one_email_address_cannot_be_flooded_from_many_connections(submit, settings, smtp_sink):
    settings.INBOX_RATE_LIMITS = {"email": (2, 24 * 3600)}
    statuses = [submit(subject=f"Subject {n}", remote_addr=f"198.51.100.{n}").status_code for n in range(3)]
    assert statuses == [303, 303, 429]
    assert Message.objects.count() == 2
    assert len(smtp_sink.to(VISITOR)) == 2  # no acknowledgement bombing


def test_acknowledgement_repeats_nothing_the_visitor_typed(submit, smtp_sink):
    """The form cannot be used to mail someone a message of an attacker's choosing."""
    submit(name="Buy pills now", subject="Cheap pills at pills example", message="Cheap pills: visit our shop")
    (ack,) = smtp_sink.to(VISITOR)
    text = ack["Subject"] + ack.get_content()
    assert "pills" not in text.lower()
