"""Signed links: expired, forged, damaged or re-purposed tokens get one
generic page and change nothing."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Subscriber


def test_a_confirm_link_expires_after_seven_days(client, make_subscriber, site_tree):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    token = tokens.make(tokens.CONFIRM, subscriber)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        response = client.get(f"/newsletter/confirm/{token}/")
    assert response.status_code == 400 and "This link doesn’t work" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_confirm_link_still_works_on_day_six(client, make_subscriber, site_tree):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    token = tokens.make(tokens.CONFIRM, subscriber)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6)):
        assert client.get(f"/newsletter/confirm/{token}/").status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


@pytest.mark.parametrize("path", ["confirm", "preferences", "unsubscribe"])
@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        "eyJzIjoxLCJlIjoiMDAwMCJ9:1tRZxs:forgedsignatureforgedsignatureforgedsig",
        "x" * 5000,
        "%E2%80%AEevil",
        "😀",
    ],
)
def test_forged_tokens_get_the_generic_page(client, make_subscriber, site_tree, path, token):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    response = client.post(f"/newsletter/{path}/{token}/") if path == "unsubscribe" else client.get(f"/newsletter/{path}/{token}/")
    assert response.status_code in (400, 404)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_token_for_one_purpose_is_worthless_for_another(client, make_subscriber, site_tree):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    unsubscribe_token = tokens.make(tokens.UNSUBSCRIBE, subscriber)
    assert client.get(f"/newsletter/confirm/{unsubscribe_token}/").status_code == 400
    confirm_token = tokens.make(tokens.CONFIRM, subscriber)
    assert client.post(f"/newsletter/unsubscribe/{confirm_token}/").status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_token_signed_with_another_key_is_refused(client, make_subscriber, site_tree):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    forged = signing.dumps({"s": subscriber.pk, "e": "whatever", "n": subscriber.nonce}, key="not-our-secret", salt=tokens.CONFIRM)
    assert client.get(f"/newsletter/confirm/{forged}/").status_code == 400


def test_unsubscribing_voids_an_outstanding_confirm_link(client, make_subscriber, site_tree):
    subscriber = make_subscriber(status=Subscriber.Status.PENDING)
    confirm_token = tokens.make(tokens.CONFIRM, subscriber)
    client.post(f"/newsletter/unsubscribe/{tokens.make(tokens.UNSUBSCRIBE, subscriber)}/")
    assert client.get(f"/newsletter/confirm/{confirm_token}/").status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_token_for_an_address_that_changed_hands_is_refused(client, make_subscriber, site_tree):
    subscriber = make_subscriber()
    token = tokens.make(tokens.PREFERENCES, subscriber)
    Subscriber.objects.filter(pk=subscriber.pk).update(email="someone-else@example.org")
    assert client.get(f"/newsletter/preferences/{token}/").status_code == 400
