"""Journey 6, the reader with an account, with the checks of
tests/e2e (axe WCAG 2.2 A/AA in light and dark, HTML validity, keyboard,
reflow) on every page: sign up -> confirm -> sign in -> My account ->
profile -> email addresses -> password -> export -> delete. Every control is
reached with Tab and used with the keyboard. Skipped, with the reason, when
the browser tooling is missing (see tests/e2e/README.md)."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from tests.accounts.helpers import PASSWORD
from tests.e2e.helpers import press_enter, type_into
from tests.factories import build_site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(site_on_live_server):
    build_site()
    site_on_live_server()


def test_account_journey(journey, site):
    page = journey.page

    journey.goto("/accounts/signup/")
    journey.check_page("signup")
    type_into(journey, page.locator("main").get_by_label("Email address", exact=True), "robin@example.org")
    type_into(journey, page.get_by_label("Password", exact=True), "short")
    type_into(journey, page.get_by_label("Password (again)"), "short")
    press_enter(page)
    journey.check_page("signup-with-errors")
    assert page.locator("#id_password1").get_attribute("aria-invalid") == "true"

    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    journey.tab_to(page.get_by_role("button", name="Create account"))
    press_enter(page)
    assert page.locator("h1").inner_text() == "Check your email"
    journey.check_page("verification-sent")

    (message,) = [m for m in mail.outbox if "robin@example.org" in m.to]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)
    journey.goto(urlsplit(link).path)
    journey.check_page("confirm-email")
    journey.tab_to(page.get_by_role("button", name="Confirm"))
    press_enter(page)

    journey.goto("/accounts/login/")
    journey.check_page("sign-in")
    type_into(journey, page.locator("main").get_by_label("Email address", exact=True), "robin@example.org")
    type_into(journey, page.get_by_label("Password", exact=True), PASSWORD)
    press_enter(page)
    assert urlsplit(page.url).path == "/account/"
    journey.check_page("my-account")

    journey.tab_to(page.get_by_role("link", name="Profile and reading", exact=True))
    press_enter(page)
    journey.check_page("profile")
    type_into(journey, page.get_by_label("Display name"), "Robin Quill")
    # A radio group is one Tab stop; arrow keys choose within it.
    journey.tab_to(page.get_by_label("Follow my device"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Dark").is_checked()
    journey.tab_to(page.get_by_role("button", name="Save profile"))
    press_enter(page)
    assert "Robin Quill" in page.locator("main").inner_text()
    journey.check_page("profile-saved")

    journey.goto("/accounts/email/")
    journey.check_page("email-addresses")
    journey.goto("/accounts/password/change/")
    journey.check_page("change-password")
    journey.goto("/accounts/logout/")
    journey.check_page("sign-out-confirm")

    journey.goto("/account/delete/")
    journey.check_page("delete-account")
    journey.tab_to(page.get_by_label("Keep my comments, signed “Deleted user”"))
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Remove my comments").is_checked()
    type_into(journey, page.get_by_label("Your password"), PASSWORD)
    press_enter(page)
    assert urlsplit(page.url).path == "/account/deleted/"
    journey.check_page("account-deleted")

    journey.finish()
