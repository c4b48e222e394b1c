"""Forgotten passwords: a one-time link by email. The page answers the same
whether or not the address has an account (no enumeration)."""

import re

from django.test import Client

from tests.accounts.helpers import PASSWORD, is_signed_in, only_link_to, post, sign_in
from tests.utils import main_content

NEW_PASSWORD = "quiet-harbour-meadow-77"


def _without_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _reset(client, email):
    return post(client, "/accounts/password/reset/", {"email": email})


def _choose_new_password(client, key_path, password=NEW_PASSWORD):
    response = client.get(key_path)
    # allauth moves the key into the session and redirects to a key-less URL.
    form_path = response["Location"] if response.status_code == 302 else key_path
    return form_path, post(client, form_path, {"password1": password, "password2": password})


def test_reader_resets_their_password_by_email(client, reader, smtp_sink):
    response = _reset(client, reader.email)
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/done/"
    (message,) = smtp_sink.to(reader.email)
    assert message["Subject"] == "Choose a new password"
    key_path = only_link_to(smtp_sink, reader.email, "/accounts/password/reset/key/")

    _, response = _choose_new_password(client, key_path)
    assert response.status_code == 302
    assert "Your password is changed" in main_content(Client().get(response["Location"]))

    old = Client(enforce_csrf_checks=True)
    assert sign_in(old, reader.email, PASSWORD).status_code == 200 and not is_signed_in(old)
    assert sign_in(Client(enforce_csrf_checks=True), reader.email, NEW_PASSWORD)["Location"] == "/account/"


def test_unknown_address_gets_the_same_answer(client, reader, smtp_sink):
    known = _reset(client, reader.email)
    unknown = _reset(Client(enforce_csrf_checks=True), "nobody@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    done_known = _without_tokens(main_content(client.get(known["Location"])))
    done_unknown = _without_tokens(main_content(Client().get(unknown["Location"])))
    assert done_known == done_unknown
    assert "If that address belongs to an account" in done_known
    # The unknown address is told there is no account; the requester learns nothing.
    (notice,) = smtp_sink.to("nobody@example.org")
    assert "there is no account with it" in notice.get_body(preferencelist=("plain",)).get_content()


def test_a_reset_link_works_once(client, reader, smtp_sink):
    _reset(client, reader.email)
    key_path = only_link_to(smtp_sink, reader.email, "/accounts/password/reset/key/")
    _choose_new_password(client, key_path)
    browser = Client(enforce_csrf_checks=True)
    response = browser.get(key_path, follow=True)
    assert "This link is not valid" in main_content(response)


def test_forged_reset_link_gets_a_page_not_an_error(client, reader):
    response = client.get("/accounts/password/reset/key/2-forged-token/", follow=True)
    assert response.status_code == 200
    assert "This link is not valid" in main_content(response)
    response = post(client, "/accounts/password/reset/key/2-forged-token/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code in (200, 302)
    reader.refresh_from_db()
    assert reader.check_password(PASSWORD)


def test_weak_new_password_is_refused_with_the_reason(client, reader, smtp_sink):
    _reset(client, reader.email)
    key_path = only_link_to(smtp_sink, reader.email, "/accounts/password/reset/key/")
    _, response = _choose_new_password(client, key_path, password="12345678")
    assert response.status_code == 200
    html = main_content(response)
    assert "This password is too common." in html and 'aria-invalid="true"' in html
    reader.refresh_from_db()
    assert reader.check_password(PASSWORD)
