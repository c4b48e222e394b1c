"""allauth's rate limits, counted in the shared cache: a flood of sign-ups or
sign-ins from one address gets 429, in the site's design."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.accounts.helpers import make_reader, post
from tests.utils import main_content

pytestmark = pytest.mark.urls("tests.accounts.urls")


def test_signup_flood_gets_429(client, db):
    statuses = [post(client, "/accounts/signup/", {"email": f"bot{n}@example.org", "password1": "x", "password2": "y"}).status_code for n in range(21)]
    assert statuses[:20] == [200] * 20
    assert statuses[20] == 429
    response = post(client, "/accounts/signup/", {"email": "late@example.org", "password1": "x", "password2": "y"})
    assert response.status_code == 429 and response["Retry-After"]
    html = main_content(response)
    assert "Please wait a moment" in html and "attempts" in html
    assert not get_user_model().objects.exists()


def test_sign_in_flood_gets_429(client, db):
    # Empty passwords: the form is refused before any password is checked,
    # so this is allauth's request limit, not the failed-password lockout.
    statuses = [post(client, "/accounts/login/", {"login": f"bot{n}@example.org", "password": ""}).status_code for n in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    assert "Please wait a moment" in main_content(post(client, "/accounts/login/", {"login": "x@example.org", "password": ""}))


def test_limits_count_per_client_address(client, db):
    for n in range(21):
        post(client, "/accounts/signup/", {"email": f"bot{n}@example.org", "password1": "x", "password2": "y"}, REMOTE_ADDR="203.0.113.9")
    elsewhere = post(Client(enforce_csrf_checks=True), "/accounts/signup/", {"email": "ok@example.org", "password1": "x", "password2": "y"}, REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 200


def test_forged_forwarded_for_does_not_escape_the_limit(client, db):
    for n in range(21):
        post(client, "/accounts/signup/", {"email": f"bot{n}@example.org", "password1": "x", "password2": "y"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = post(client, "/accounts/signup/", {"email": "x@example.org", "password1": "x", "password2": "y"}, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429


def test_password_change_attempts_are_limited_per_account(client, db):
    reader = make_reader()
    client.force_login(reader)
    statuses = [post(client, "/accounts/password/change/", {"oldpassword": "guess", "password1": "a", "password2": "a"}).status_code for _ in range(6)]
    assert statuses[-1] == 429
