"""The reader's subscription in "My account": shown, exported, erased."""

import json

from newsletter.models import Subscriber
from tests.accounts.helpers import make_reader


def subscriber(email, status=Subscriber.Status.CONFIRMED):
    return Subscriber.objects.create(email=email, status=status)


def test_panel_shows_only_the_readers_own_subscription(client, site_tree):
    reader = make_reader(email="sam@example.org")
    subscriber("sam@example.org")
    subscriber("someone.else@example.org")
    client.force_login(reader)
    html = client.get("/account/").content.decode()
    assert "My subscription" in html
    assert "sam@example.org" in html and "someone.else@example.org" not in html
    assert "/newsletter/unsubscribe/" in html


def test_an_unverified_address_shows_nothing(client, site_tree):
    reader = make_reader(email="sam@example.org", verified=False)
    subscriber("sam@example.org")
    client.force_login(reader)
    assert "You are not subscribed" in client.get("/account/").content.decode()


def test_export_includes_the_subscription(client, site_tree):
    reader = make_reader(email="sam@example.org")
    subscriber("sam@example.org")
    client.force_login(reader)
    data = json.loads(client.get("/account/export/").content)
    assert [entry["email"] for entry in data["subscription"]] == ["sam@example.org"]


def test_erasing_the_account_removes_the_subscription(site_tree):
    from accounts import area

    reader = make_reader(email="sam@example.org")
    subscriber("sam@example.org")
    subscriber("other@example.org")
    area.erasers()["subscription"](reader, True)
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["other@example.org"]
