"""Journey 6, the reader with an account, with the checks of
tests/e2e (axe WCAG 2.2 A/AA in light and dark, HTML validity, keyboard,
reflow) on every page: sign up -> confirm (the link from the email, read
from a real SMTP server on loopback) -> sign in -> My account -> profile ->
a comment under the account -> "My comments" in My account -> export (a
download holding their address and comment) -> email addresses -> password
-> delete. Every control is reached with Tab and used with the keyboard.
Skipped, with the reason, when the browser tooling is missing (see
tests/e2e/README.md)."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.accounts.helpers import PASSWORD
from tests.e2e.helpers import link_in_mail, press_enter, type_into, wait_for_mail, wait_out_form_timer
from tests.factories import build_site, make_article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COMMENT = "Signing in means I can find everything I have written here in one place."


@pytest.fixture
def site(site_on_live_server, smtp_sink):
    """The site with one article open for comments; mail goes to the SMTP sink."""
    home, blog = build_site()
    article = make_article(blog, title="Keeping a symptom diary", intro="A page a day, and what it taught me.")
    site_on_live_server()
    return article


def test_account_journey(journey, site, smtp_sink):
    page = journey.page
    article = site

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

    (message,) = wait_for_mail(smtp_sink, "robin@example.org")
    link = link_in_mail(message, "/accounts/confirm-email/")
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

    # A comment under the account: no name or email asked, the display name shown.
    journey.goto(article.url)
    journey.check_page("article-signed-in")
    respond = page.locator("#respond")
    assert "Commenting as Robin Quill." in respond.inner_text()
    for field in ("Name", "Email"):
        assert respond.get_by_role("textbox", name=field, exact=True).count() == 0, f"a signed-in reader is asked for {field}"
    type_into(journey, respond.get_by_role("textbox", name="Comment", exact=True), COMMENT)
    wait_out_form_timer(page)
    journey.tab_to(respond.get_by_role("button", name="Post comment"), from_top=False)
    press_enter(page)
    assert urlsplit(page.url).path == article.url
    comment_id = re.search(r"#comment-(\d+)$", page.url).group(1)
    mine = page.locator(f"[id='comment-{comment_id}']")
    assert mine.evaluate("el => el.matches(':target')")  # (before check_page, which clears the URL's fragment)
    journey.check_page("article-own-comment")
    assert COMMENT in mine.inner_text()
    assert "Robin Quill" in mine.inner_text()
    assert "awaiting moderation" in mine.inner_text()

    # "My account" in the header; the comment is listed under "My comments".
    journey.tab_to(page.locator("header").get_by_role("link", name="My account"))
    press_enter(page)
    assert urlsplit(page.url).path == "/account/"
    journey.check_page("my-account-with-comment")
    panel = page.get_by_role("region", name="My comments")
    assert COMMENT in panel.inner_text()
    assert "Awaiting moderation" in panel.inner_text()
    assert panel.get_by_role("link", name=article.title).get_attribute("href") == article.url

    # Export: a download of one JSON file with their address and comment.
    journey.tab_to(page.get_by_role("link", name="Download my data"))
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.failure() is None
    assert re.fullmatch(r"my-data-\d{4}-\d\d-\d\d\.json", download.suggested_filename), download.suggested_filename
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == "robin@example.org"
    assert data["profile"]["display_name"] == "Robin Quill"
    (exported,) = data["comments"]
    assert (exported["text"], exported["name"], exported["article"]) == (COMMENT, "Robin Quill", article.title)
    assert urlsplit(page.url).path == "/account/", "downloading must not leave the page"

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
