"""Every account form, tried with what people and bots really send: empty
and missing fields, 10 kB values, malformed addresses, header injection,
odd unicode, markup, repeats, missing or stale CSRF tokens. The answer is a
form error or a 4xx page, never a 500, and nothing stored changes."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from accounts.forms import ProfileForm
from accounts.models import Profile
from tests.accounts.helpers import PASSWORD, post, sign_in
from tests.utils import main_content

User = get_user_model()
HUGE = "x" * 10_240

BAD_EMAILS = [
    "",
    "   ",
    "not-an-email",
    "a@",
    "@example.org",
    "two words@example.org",
    "robin@example.org\r\nBcc: victim@example.org",
    "robin@example.org\nSubject: hi",
    "robin@example.org%0d%0aBcc:victim@example.org",
    "ro\u200bbin@example.org",
    "\u202erobin@example.org",
    "😀@example.org",
    "<script>alert(1)</script>@example.org",
    "javascript:alert(1)",
    HUGE + "@example.org",
    "robin@" + HUGE + ".org",
]


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_signup_refuses_bad_addresses_with_a_form_error(client, db, email, smtp_sink):
    response = post(client, "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200
    html = main_content(response)
    assert 'id="id_email_errors"' in html and 'aria-invalid="true"' in html
    assert "<script>alert" not in html
    assert not User.objects.exists() and not smtp_sink.messages


def test_signup_with_missing_fields_is_a_form_error(client, db):
    response = post(client, "/accounts/signup/", {})
    assert response.status_code == 200
    assert main_content(response).count("This field is required.") == 3


def test_signup_accepts_international_domains(client, db, smtp_sink):
    response = post(client, "/accounts/signup/", {"email": "robin@exämple.org", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert User.objects.count() == 1


def test_signup_twice_makes_one_account(client, db, smtp_sink):
    for _ in range(2):
        post(client, "/accounts/signup/", {"email": "robin@example.org", "password1": PASSWORD, "password2": PASSWORD})
    assert User.objects.count() == 1 and EmailAddress.objects.count() == 1


def test_huge_password_is_no_trouble(client, db, smtp_sink):
    response = post(client, "/accounts/signup/", {"email": "robin@example.org", "password1": HUGE, "password2": HUGE})
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("login,password", [("", ""), (HUGE, HUGE), ("sam@example.org\r\nX: y", PASSWORD), ("<svg onload=alert(1)>", "x"), ("\u202esam@example.org", PASSWORD)])
def test_sign_in_with_bad_input_is_a_form_error(client, reader, login, password):
    response = sign_in(client, login, password)
    assert response.status_code == 200
    assert "<svg onload" not in main_content(response)


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_password_reset_refuses_bad_addresses_and_sends_nothing(client, db, email, smtp_sink):
    response = post(client, "/accounts/password/reset/", {"email": email})
    assert response.status_code == 200
    assert 'id="id_email_errors"' in main_content(response)
    assert not smtp_sink.messages


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_adding_a_bad_address_is_a_form_error(client, reader, email, smtp_sink):
    client.force_login(reader)
    response = post(client, "/accounts/email/", {"email": email, "action_add": ""})
    assert response.status_code == 200
    assert EmailAddress.objects.filter(user=reader).count() == 1 and not smtp_sink.messages


def test_acting_on_a_malformed_address_changes_nothing(client, reader):
    client.force_login(reader)
    for email in ("", HUGE, "x\r\ny", "sam@example.org\r\n"):
        for action in ("action_primary", "action_remove", "action_send"):
            assert post(client, "/accounts/email/", {"email": email, action: ""}).status_code in (200, 302, 429)  # 429: the per-account limit
    assert EmailAddress.objects.get(user=reader).email == "sam@example.org"


GOOD_PROFILE = {"display_name": "Sam", "bio": "", "avatar_colour": "1", "text_size": "large", "theme": "dark"}
BAD_PROFILES = [
    ({"display_name": "x" * 81}, "display_name", "under 80 characters"),
    ({"display_name": HUGE}, "display_name", "under 80 characters"),
    ({"display_name": "Sam\r\nBcc: victim@example.org"}, "display_name", "cannot contain line breaks"),
    ({"display_name": "\u200b\u200f\u202e"}, "display_name", "at least one letter or digit"),
    ({"display_name": "!!!"}, "display_name", "at least one letter or digit"),
    ({"bio": HUGE}, "bio", "under 500 characters"),
    ({"avatar_colour": "99"}, "avatar_colour", "Select a valid choice"),
    ({"avatar_colour": "-1"}, "avatar_colour", "Select a valid choice"),
    ({"avatar_colour": "abc"}, "avatar_colour", "Select a valid choice"),
    ({"avatar_colour": ""}, "avatar_colour", "This field is required"),
    ({"text_size": "huge"}, "text_size", "Select a valid choice"),
    ({"text_size": None}, "text_size", "This field is required"),
    ({"theme": "javascript:alert(1)"}, "theme", "Select a valid choice"),
]


@pytest.mark.parametrize("changes,field,message", BAD_PROFILES)
def test_bad_profile_input_is_a_form_error_and_changes_nothing(client, reader, changes, field, message):
    client.force_login(reader)
    post(client, "/account/profile/", GOOD_PROFILE)
    data = {key: value for key, value in {**GOOD_PROFILE, **changes}.items() if value is not None}
    response = post(client, "/account/profile/", data)
    assert response.status_code == 400
    html = main_content(response)
    assert f'id="id_{field}_errors"' in html and message in html
    profile = Profile.objects.get(user=reader)
    assert (profile.display_name, profile.avatar_colour, profile.text_size, profile.theme) == ("Sam", 1, "large", "dark")
    assert "javascript:alert" not in client.get("/account/").content.decode()


def test_profile_cleans_invisible_and_direction_characters(client, reader):
    client.force_login(reader)
    post(client, "/account/profile/", {**GOOD_PROFILE, "display_name": "  Sa\u200bm \u202eLee  🌿 ", "bio": "Cafe\u0301\r\nline two\u200f"})
    profile = Profile.objects.get(user=reader)
    assert profile.display_name == "Sam Lee 🌿"
    assert profile.bio == "Café\nline two"


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=120), bio=st.text(max_size=600))
def test_any_profile_text_is_either_refused_or_stored_clean(reader, name, bio):
    profile = Profile.for_user(reader)
    form = ProfileForm({**GOOD_PROFILE, "display_name": name, "bio": bio}, instance=profile)
    if form.is_valid():
        cleaned = form.cleaned_data["display_name"]
        assert len(cleaned) <= 80 and "\n" not in cleaned and "\r" not in cleaned and "\u202e" not in cleaned
        assert cleaned == cleaned.strip()
    else:
        assert form.errors


@pytest.mark.parametrize("password", ["", HUGE, "\x00", PASSWORD + "\r\n"])
def test_delete_with_a_bad_password_deletes_nothing(client, reader, password):
    client.force_login(reader)
    response = post(client, "/account/delete/", {"comments": "keep", "password": password})
    assert response.status_code == 400
    assert User.objects.filter(pk=reader.pk).exists()


@pytest.mark.parametrize("url,data", [
    ("/account/profile/", GOOD_PROFILE),
    ("/account/delete/", {"comments": "remove", "password": PASSWORD}),
    ("/accounts/email/", {"email": "new@example.org", "action_add": ""}),
    ("/accounts/password/change/", {"oldpassword": PASSWORD, "password1": "new-long-passphrase-9", "password2": "new-long-passphrase-9"}),
])
def test_missing_or_stale_csrf_token_is_refused(client, reader, url, data):
    client.force_login(reader)
    assert client.post(url, data).status_code == 403
    assert client.post(url, {**data, "csrfmiddlewaretoken": "stale" * 10}).status_code == 403
    reader.refresh_from_db()
    assert reader.check_password(PASSWORD) and User.objects.filter(pk=reader.pk).exists()
    assert not Profile.objects.filter(user=reader, display_name="Sam").exists()
    assert EmailAddress.objects.filter(user=reader).count() == 1


def test_signup_and_sign_in_without_csrf_token_are_refused(client, reader):
    assert client.post("/accounts/signup/", {"email": "x@example.org", "password1": PASSWORD, "password2": PASSWORD}).status_code == 403
    assert client.post("/accounts/login/", {"login": reader.email, "password": PASSWORD}).status_code == 403
    assert User.objects.count() == 1


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused(reader, method):
    client = Client()  # without CSRF checks, so the view itself answers
    client.force_login(reader)
    for url in ("/account/", "/account/profile/", "/account/export/", "/account/delete/", "/account/deleted/"):
        assert getattr(client, method)(url).status_code == 405


def test_unknown_account_pages_are_404_in_the_sites_design(client, reader):
    client.force_login(reader)
    response = client.get("/account/nothing-here/")
    assert response.status_code == 404


def test_signed_in_reader_cannot_be_tricked_into_another_sign_in(client, reader):
    client.force_login(reader)
    response = Client(enforce_csrf_checks=True).get("/accounts/login/?next=//evil.example/")
    assert response.status_code == 200
