"""Every account page renders with no missing context and meets the basics
the browser checks (tests/e2e) look for: one h1, a title, every control
labelled, every aria-describedby pointing at something on the page,
autocomplete on the fields browsers fill in."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.template.loader import render_to_string

from tests.accounts.helpers import PASSWORD, make_reader, post
from tests.utils import main_content

MISSING = "MISSING-TEMPLATE-VARIABLE"


@pytest.fixture(autouse=True)
def loud_templates(settings):
    """Any variable a template asks for and does not get shows up as MISSING."""
    options = dict(settings.TEMPLATES[0]["OPTIONS"], string_if_invalid=MISSING)
    settings.TEMPLATES = [dict(settings.TEMPLATES[0], OPTIONS=options)]


class PageParts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.label_for, self.controls, self.described, self.h1 = set(), set(), [], [], 0
        self.in_fieldset_legend = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        if tag == "h1":
            self.h1 += 1
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.controls.append(attrs)
        if attrs.get("aria-describedby"):
            self.described.extend(attrs["aria-describedby"].split())


def check_page(response, name):
    assert response.status_code < 500, name
    html = response.content.decode()
    assert MISSING not in html.split("<main", 1)[1], f"{name}: a template variable is missing"
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.strip() and not title.startswith(" ·"), f"{name}: empty title"
    parts = PageParts()
    parts.feed(main_content(response))
    assert parts.h1 == 1, f"{name}: {parts.h1} h1"
    for control in parts.controls:
        assert control.get("id") in parts.label_for, f"{name}: {control} has no label"
        if control.get("type") in ("email", "password"):
            assert control.get("autocomplete"), f"{name}: {control} has no autocomplete"
    for target in parts.described:
        assert target in parts.ids, f"{name}: aria-describedby points at missing #{target}"


ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-key/",
    "/accounts/password/reset/key/1-not-a-key/",
    "/accounts/logout/",
    "/accounts/inactive/",
    "/account/deleted/",
]


@pytest.mark.parametrize("url", ANONYMOUS_PAGES)
def test_guest_pages_render_completely(url, db, site_tree):
    check_page(Client().get(url, follow=True), url)


SIGNED_IN_PAGES = ["/account/", "/account/profile/", "/account/delete/", "/accounts/email/", "/accounts/password/change/", "/accounts/logout/", "/accounts/reauthenticate/"]


@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_reader_pages_render_completely(url, reader, site_tree):
    client = Client()
    client.force_login(reader)
    check_page(client.get(url, follow=True), url)


def test_staff_delete_page_renders_completely(db, site_tree):
    client = Client()
    client.force_login(make_reader(email="editor@example.org", is_staff=True))
    check_page(client.get("/account/delete/"), "staff delete")


def test_set_password_page_renders_completely(db, site_tree):
    user = make_reader(email="social@example.org")
    user.set_unusable_password()
    user.save()
    client = Client()
    client.force_login(user)
    check_page(client.get("/accounts/password/set/", follow=True), "set password")


@pytest.mark.parametrize("url,data", [
    ("/accounts/signup/", {"email": "bad", "password1": "x", "password2": "y"}),
    ("/accounts/login/", {"login": "", "password": ""}),
    ("/accounts/password/reset/", {"email": "bad"}),
])
def test_guest_forms_with_errors_render_completely(client, db, site_tree, url, data):
    check_page(post(client, url, data), f"{url} with errors")


@pytest.mark.parametrize("url,data", [
    ("/account/profile/", {"display_name": "x" * 100, "avatar_colour": "9", "text_size": "", "theme": "?"}),
    ("/account/delete/", {"password": "nope"}),
    ("/accounts/email/", {"email": "bad", "action_add": ""}),
    ("/accounts/password/change/", {"oldpassword": "x", "password1": "y", "password2": "z"}),
])
def test_reader_forms_with_errors_render_completely(client, reader, site_tree, url, data):
    client.force_login(reader)
    check_page(post(client, url, data), f"{url} with errors")


def test_lockout_page_renders_completely(rf, db, site_tree):
    request = rf.get("/accounts/login/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = render_to_string("accounts/locked_out.html", {"failure_limit": 5, "username": ""}, request=request)
    assert MISSING not in html.split("<main", 1)[1] and "Sign-in is paused" in html


def test_pages_work_for_a_reader_whose_account_was_just_removed(client, reader, site_tree):
    client.force_login(reader)
    get_user_model().objects.filter(pk=reader.pk).delete()
    assert client.get("/account/").status_code == 302  # signed out, not an error
    assert post(client, "/accounts/login/", {"login": reader.email, "password": PASSWORD}).status_code == 200
