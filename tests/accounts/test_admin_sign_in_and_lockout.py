"""Editors sign in to the Wagtail admin with the same accounts; repeated
failed sign-ins lock out (django-axes) with one generic page, on the admin
login and the readers' sign-in alike. The lockout is tested by posting the
real forms."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from tests.accounts.helpers import PASSWORD, is_signed_in, make_reader, post, sign_in, sign_up
from tests.utils import main_content

LIMIT = 5


@pytest.fixture
def editor(db):
    user = make_reader(email="editor@example.org", username="editor", is_staff=True)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


def admin_sign_in(client, username, password=PASSWORD):
    return post(client, "/admin/login/", {"username": username, "password": password})


@pytest.mark.parametrize("login_name", ["editor", "editor@example.org"])
def test_editor_signs_in_to_the_admin_with_username_or_address(client, editor, login_name):
    response = admin_sign_in(client, login_name)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_readers_cannot_open_an_admin_session(client, reader):
    response = admin_sign_in(client, reader.email)
    assert response.status_code == 200 and not is_signed_in(client)
    wrong = admin_sign_in(Client(enforce_csrf_checks=True), reader.email, "not-the-password")
    error = "Your username and password didn&#x27;t match."
    assert error in response.content.decode() and error in wrong.content.decode()  # the same answer


def test_unverified_account_cannot_sign_in_through_the_admin_either(client, db, smtp_sink):
    sign_up(client, "robin@example.org")
    response = admin_sign_in(client, "robin@example.org")
    assert response.status_code == 200 and not is_signed_in(client)


def test_admin_login_locks_out_after_repeated_failures(client, editor):
    statuses = [admin_sign_in(client, "editor", f"guess-{n}").status_code for n in range(LIMIT)]
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert statuses[-1] == 429
    response = admin_sign_in(client, "editor", PASSWORD)  # even the right password now
    assert response.status_code == 429 and not is_signed_in(client)
    html = main_content(response)
    assert "Sign-in is paused for a while" in html
    assert "editor" not in html.lower().replace("sign-in is paused", "")  # nothing about the account


def test_reader_sign_in_locks_out_after_repeated_failures(client, reader):
    statuses = [sign_in(client, reader.email, f"guess-{n}").status_code for n in range(LIMIT)]
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1) and statuses[-1] == 429
    response = sign_in(client, reader.email, PASSWORD)
    assert response.status_code == 429 and not is_signed_in(client)
    assert "Sign-in is paused for a while" in main_content(response)


def test_lockout_page_is_the_same_for_unknown_accounts(client, reader):
    for n in range(LIMIT):
        last_known = sign_in(client, reader.email, f"guess-{n}")
    stranger = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.20")
    for n in range(LIMIT):
        last_unknown = sign_in(stranger, "nobody@example.org", f"guess-{n}")
    assert last_known.status_code == last_unknown.status_code == 429
    assert main_content(last_known) == main_content(last_unknown)


def test_failures_from_one_address_do_not_lock_out_others(client, reader):
    for n in range(LIMIT):
        sign_in(client, "someone@example.org", f"guess-{n}")
    elsewhere = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.30")
    assert sign_in(elsewhere, reader.email)["Location"] == "/account/"


def test_a_successful_sign_in_resets_the_count(client, reader):
    for n in range(LIMIT - 1):
        sign_in(client, reader.email, f"guess-{n}")
    assert sign_in(client, reader.email)["Location"] == "/account/"
    post(client, "/accounts/logout/")
    for n in range(LIMIT - 1):
        assert sign_in(client, reader.email, f"again-{n}").status_code == 200
    assert get_user_model().objects.filter(pk=reader.pk, is_active=True).exists()


def test_guessing_one_accounts_password_from_many_addresses_locks_that_account(reader):
    for n in range(LIMIT):
        sign_in(Client(enforce_csrf_checks=True, REMOTE_ADDR=f"198.51.100.{n + 1}"), reader.email.upper(), f"guess-{n}")
    response = sign_in(Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.50"), reader.email)
    assert response.status_code == 429
    # Other readers are not affected.
    other = make_reader(email="alex@example.org")
    assert sign_in(Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.50"), other.email)["Location"] == "/account/"
