"""Sign up with an email address and a password; confirm the address before
the account can be used. Mail goes through a real SMTP server on loopback."""

import datetime

import time_machine
from django.contrib.auth import get_user_model
from django.test import Client

from tests.accounts.helpers import PASSWORD, is_signed_in, only_link_to, post, sign_in, sign_up
from tests.utils import main_content

User = get_user_model()


def test_signup_page_has_labelled_fields_with_autocomplete(client, db):
    html = main_content(client.get("/accounts/signup/"))
    assert "<h1>Create an account</h1>" in html
    assert '<label for="id_email">' in html and 'autocomplete="email"' in html
    assert '<label for="id_password1">' in html and '<label for="id_password2">' in html
    assert html.count('autocomplete="new-password"') == 2
    assert "placeholder=" not in html  # labels, not placeholders


def test_reader_signs_up_confirms_their_address_and_signs_in(client, db, smtp_sink):
    response = sign_up(client, "robin@example.org")
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert "Check your email" in main_content(client.get("/accounts/confirm-email/"))
    assert not is_signed_in(client)
    user = User.objects.get(email="robin@example.org")
    assert not user.username.startswith("robin")  # the username never reveals the address

    message = smtp_sink.to("robin@example.org")[0]
    assert message["Subject"] == "Confirm your email address to finish signing up"
    confirm_path = only_link_to(smtp_sink, "robin@example.org", "/accounts/confirm-email/")

    page = main_content(client.get(confirm_path))
    assert "robin@example.org" in page and "Confirm</button>" in page
    response = post(client, confirm_path)
    assert response.status_code == 302
    assert "Thank you: robin@example.org is confirmed." in main_content(client.get(response["Location"]))

    response = sign_in(client, "robin@example.org")
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert is_signed_in(client)
    page = main_content(client.get("/account/"))
    assert "<h1>My account</h1>" in page and "Signed in as robin@example.org" in page


def test_unconfirmed_account_cannot_sign_in(client, db, smtp_sink):
    sign_up(client, "robin@example.org")
    browser = Client(enforce_csrf_checks=True)
    response = sign_in(browser, "robin@example.org")
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert not is_signed_in(browser)
    assert browser.get("/account/").status_code == 302  # sent to sign in


def test_signing_in_unconfirmed_later_sends_a_fresh_link(client, db, smtp_sink):
    sign_up(client, "robin@example.org")
    with time_machine.travel(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)):
        sign_in(Client(enforce_csrf_checks=True), "robin@example.org")
    assert len(smtp_sink.to("robin@example.org")) == 2


def test_signup_with_a_known_address_answers_the_same_and_mails_the_owner(client, reader, smtp_sink):
    response = sign_up(client, reader.email)
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email__iexact=reader.email).count() == 1
    (message,) = smtp_sink.to(reader.email)
    assert message["Subject"] == "You already have an account on Chronicle"
    assert "/accounts/password/reset/" in message.get_body(preferencelist=("plain",)).get_content()


def test_broken_confirmation_link_gets_a_page_not_an_error(client, db):
    response = client.get("/accounts/confirm-email/not-a-real-key/")
    assert response.status_code == 200
    assert "This confirmation link has expired or is not valid." in main_content(response)
    response = post(client, "/accounts/confirm-email/not-a-real-key/")
    assert response.status_code in (200, 302, 404)
    assert not User.objects.exists()


def test_mail_server_down_keeps_the_account_and_says_so(client, db, smtp_sink):
    smtp_sink.stop()
    response = sign_up(client, "robin@example.org")
    assert response.status_code == 302
    assert User.objects.filter(email="robin@example.org").exists()
    assert "We could not send the email just now" in main_content(client.get(response["Location"]))

    smtp_sink.start()
    with time_machine.travel(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)):
        sign_in(Client(enforce_csrf_checks=True), "robin@example.org")
    assert only_link_to(smtp_sink, "robin@example.org", "/accounts/confirm-email/")


def test_passwords_must_match_and_be_strong(client, db):
    response = sign_up(client, "robin@example.org", password="password", password2="password")
    assert response.status_code == 200
    html = main_content(response)
    assert 'aria-invalid="true"' in html and "too common" in html
    response = sign_up(client, "robin@example.org", password=PASSWORD, password2=PASSWORD + "x")
    assert "You must type the same password each time." in main_content(response)
    assert not User.objects.exists()


def test_a_readers_message_never_reaches_another_through_the_page_cache(client, db, smtp_sink, settings):
    settings.PAGE_CACHE_SECONDS = 600
    response = sign_up(client, "robin@example.org")
    assert "robin@example.org" in main_content(client.get(response["Location"]))
    for _ in range(2):
        other = Client().get("/accounts/confirm-email/")
        assert "Check your email" in main_content(other) and "robin@example.org" not in other.content.decode()
