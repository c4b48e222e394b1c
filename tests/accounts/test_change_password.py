"""Changing the password while signed in needs the current one."""

from django.test import Client

from tests.accounts.helpers import PASSWORD, is_signed_in, post, sign_in
from tests.utils import main_content

NEW = "amber-orchard-window-19"


def _change(client, old, new1, new2=None, **extra):
    return post(client, "/accounts/password/change/", {"oldpassword": old, "password1": new1, "password2": new2 or new1}, **extra)


def test_reader_changes_their_password_and_stays_signed_in(client, reader):
    client.force_login(reader)
    response = _change(client, PASSWORD, NEW)
    assert response.status_code == 302
    assert is_signed_in(client)
    assert "Your password is changed." in main_content(client.get(response["Location"]))
    assert sign_in(Client(enforce_csrf_checks=True), reader.email, NEW)["Location"] == "/account/"


def test_wrong_current_password_changes_nothing(client, reader):
    client.force_login(reader)
    response = _change(client, "not-it", NEW)
    assert response.status_code == 200
    html = main_content(response)
    assert "Please type your current password." in html
    assert 'aria-describedby="id_oldpassword_errors' in html
    reader.refresh_from_db()
    assert reader.check_password(PASSWORD)


def test_new_password_like_the_address_is_refused(client, reader):
    client.force_login(reader)
    response = _change(client, PASSWORD, "sam@example.org")
    assert response.status_code == 200
    assert "too similar" in main_content(response)
    reader.refresh_from_db()
    assert reader.check_password(PASSWORD)


def test_with_notifications_on_the_reader_is_told_by_email(client, reader, smtp_sink, settings):
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True  # README recommends it
    client.force_login(reader)
    _change(client, PASSWORD, NEW, REMOTE_ADDR="192.0.2.5")
    (message,) = smtp_sink.to(reader.email)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["Subject"] == "Your password was changed"
    assert "Hello from Chronicle" in body and "192.0.2.5" in body
