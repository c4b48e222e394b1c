"""Export my data: one JSON file with everything the site holds about the
reader (account, profile, sign-ins, and what every app registers), and
nothing about anyone else."""

import json

from allauth.account.models import EmailAddress
from django.test import Client

from accounts import area
from accounts.models import Profile
from community.inbox.models import Message
from community.models import Comment
from tests.accounts.helpers import make_reader, post, sign_in


def _export(client):
    response = client.get("/account/export/")
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_export_is_a_json_download(client, reader):
    client.force_login(reader)
    response, data = _export(client)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert data["account"]["email"] == "sam@example.org"
    assert list(data)[:5] == ["format", "site", "exported_at", "account", "profile"]


def test_export_holds_every_kind_of_data_and_nothing_of_other_people(reader, article):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, reader.email)  # a real sign-in leaves a sign-in record
    post(client, "/account/profile/", {"display_name": "Sam Lee", "bio": "Runner", "avatar_colour": "3", "text_size": "larger", "theme": "dark"})
    EmailAddress.objects.create(user=reader, email="sam.old@example.org", verified=True)
    EmailAddress.objects.create(user=reader, email="not.mine@example.org", verified=False)
    alex = make_reader(email="alex@example.org")
    Comment.objects.create(page=article, user=reader, name="Sam Lee", email="sam@example.org", text="Signed-in words", ip_address="192.0.2.1")
    Comment.objects.create(page=article, name="Sam", email="Sam.Old@example.org", text="Guest words under my old address")
    Comment.objects.create(page=article, name="Not me", email="not.mine@example.org", text="Words under an address I never confirmed")
    Comment.objects.create(page=article, user=alex, name="Alex", email="alex@example.org", text="Alex's words", ip_address="192.0.2.99")
    Comment.objects.create(page=article, name="Guest", email="guest@example.org", text="A guest's words")
    Message.objects.create(name="Sam", email="SAM@example.org", subject="Hello", body="A message from me")
    Message.objects.create(name="Not me", email="not.mine@example.org", subject="Hi", body="Someone else's message")
    Message.objects.create(name="Alex", email="alex@example.org", subject="Hey", body="Alex's message")
    Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.77").post("/accounts/login/", {"login": "alex@example.org", "password": "x"})

    _, data = _export(client)
    text = json.dumps(data)
    assert data["account"]["username"] == reader.username
    assert {row["email"] for row in data["account"]["email_addresses"]} == {"sam@example.org", "sam.old@example.org", "not.mine@example.org"}
    assert data["profile"] == {**data["profile"], "display_name": "Sam Lee", "bio": "Runner", "avatar_colour": "Green", "text_size": "larger", "theme": "dark"}
    assert sorted(row["text"] for row in data["comments"]) == ["Guest words under my old address", "Signed-in words"]
    signed_in = next(row for row in data["comments"] if row["text"] == "Signed-in words")
    assert (signed_in["ip_address"], signed_in["article"]) == ("192.0.2.1", "Muscle knots")
    assert [row["message"] for row in data["contact_messages"]] == ["A message from me"]
    assert len(data["sign_in_records"]["sign_ins"]) == 1 and data["sign_in_records"]["sign_ins"][0]["ip_address"] == "127.0.0.1"
    for other in ("alex@example.org", "Alex", "192.0.2.99", "192.0.2.77", "guest@example.org", "A guest's words", "Words under an address I never confirmed", "Someone else's message"):
        assert other not in text


def test_every_registered_exporter_is_in_the_file(client, reader):
    area.register_exporter("test_orders", lambda user: [{"order": 1, "email": user.email}])
    try:
        client.force_login(reader)
        _, data = _export(client)
        assert data["test_orders"] == [{"order": 1, "email": "sam@example.org"}]
    finally:
        area.unregister("test_orders")


def test_export_ignores_ids_in_the_address(client, reader):
    alex = make_reader(email="alex@example.org")
    client.force_login(reader)
    data = json.loads(client.get(f"/account/export/?user={alex.pk}&id={alex.pk}").content)
    assert data["account"]["email"] == "sam@example.org" and "alex@example.org" not in json.dumps(data)


def test_reader_without_a_profile_exports_none_for_it(client, reader):
    client.force_login(reader)
    _, data = _export(client)
    assert data["profile"] is None
    assert not Profile.objects.filter(user=reader).exists()  # exporting changes nothing


def test_export_only_answers_get(client, reader):
    client.force_login(reader)
    assert post(client, "/account/export/").status_code == 405
