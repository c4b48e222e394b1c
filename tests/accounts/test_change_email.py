"""Changing the address: the new one is confirmed by email before it can
become the address the reader signs in with."""

from allauth.account.models import EmailAddress
from django.test import Client

from tests.accounts.helpers import make_reader, only_link_to, post, sign_in
from tests.utils import main_content


def _add(client, email):
    return post(client, "/accounts/email/", {"email": email, "action_add": ""})


def test_reader_changes_their_address_after_confirming_the_new_one(client, reader, smtp_sink):
    client.force_login(reader)
    response = _add(client, "sam.new@example.org")
    assert response.status_code == 302
    html = main_content(client.get("/accounts/email/"))
    assert "sam.new@example.org" in html and "Not confirmed yet" in html

    # Not confirmed: it cannot become the sign-in address yet.
    post(client, "/accounts/email/", {"email": "sam.new@example.org", "action_primary": ""})
    reader.refresh_from_db()
    assert reader.email == "sam@example.org"

    confirm_path = only_link_to(smtp_sink, "sam.new@example.org", "/accounts/confirm-email/")
    post(client, confirm_path)
    post(client, "/accounts/email/", {"email": "sam.new@example.org", "action_primary": ""})
    post(client, "/accounts/email/", {"email": "sam@example.org", "action_remove": ""})
    reader.refresh_from_db()
    assert reader.email == "sam.new@example.org"
    assert list(EmailAddress.objects.filter(user=reader).values_list("email", "verified", "primary")) == [("sam.new@example.org", True, True)]

    assert sign_in(Client(enforce_csrf_checks=True), "sam.new@example.org")["Location"] == "/account/"
    assert sign_in(Client(enforce_csrf_checks=True), "sam@example.org").status_code == 200  # the old one no longer works


def test_the_primary_address_cannot_be_removed(client, reader):
    client.force_login(reader)
    post(client, "/accounts/email/", {"email": reader.email, "action_remove": ""})
    assert EmailAddress.objects.filter(user=reader, email=reader.email).exists()


def test_another_accounts_address_cannot_be_taken(client, reader, smtp_sink):
    other = make_reader(email="alex@example.org")
    client.force_login(reader)
    _add(client, "ALEX@example.org")
    assert not EmailAddress.objects.filter(user=reader, email__iexact="alex@example.org", verified=True).exists()
    assert EmailAddress.objects.get(email__iexact="alex@example.org", verified=True).user == other


def test_a_reader_cannot_act_on_someone_elses_address(client, reader):
    make_reader(email="alex@example.org")
    client.force_login(reader)
    for action in ("action_primary", "action_remove", "action_send"):
        post(client, "/accounts/email/", {"email": "alex@example.org", action: ""})
    alex = EmailAddress.objects.get(email="alex@example.org")
    assert alex.primary and alex.verified and alex.user.email == "alex@example.org"
    reader.refresh_from_db()
    assert reader.email == "sam@example.org"
