"""Journey 7, the editor: log in to the Wagtail admin, write an article in the
page editor (title, intro, StreamField heading and paragraph), save a draft,
preview it, schedule it, see it stay hidden until its go-live time and appear
after the scheduled-publishing task runs; then publish a second draft at once.

The editor works with the keyboard: each control is reached with Tab first
(admin findings are reported, not failed: Wagtail's UI is not ours), then
used. Public pages are looked at by a separate, anonymous visitor."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from blog.models import ArticlePage
from blog.tasks import publish_scheduled_pages
from tests.e2e.helpers import let_autosave_settle, log_in_to_admin, press_enter, urlpath
from tests.factories import build_site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long, unguessable passphrase"


@pytest.fixture
def editor(site_on_live_server):
    """The site with an empty blog, and a staff member in Wagtail's
    "Moderators" group (made by Wagtail's migrations: may edit and publish)."""
    home, blog = build_site()
    site_on_live_server()
    # The username is the email address too: the login works whether the
    # admin asks for a username or an email.
    email = "robin@example.com"
    user = get_user_model().objects.create_user(email, email, PASSWORD, first_name="Robin", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user, blog


def fresh(page):
    """The page as the database has it now (status_string caches what it read)."""
    return type(page).objects.get(pk=page.pk)


def add_block(journey, kind):
    """Append a StreamField block: "Insert a block" (the last one adds at
    the end), then type its name in the block chooser and take it.

    Form controls are reached with Tab from the one before, as an editor
    filling the form in order would (the walk from the top of the page is
    for the first control of each page)."""
    page = journey.page
    journey.tab_to(page.locator("[data-contentpath='body'] button.c-sf-add-button").last, from_top=False)
    page.keyboard.press("Enter")
    chooser = page.get_by_role("combobox", name=re.compile("Search options", re.I))
    chooser.wait_for()
    try:  # a keyboard user lands in the chooser's search box
        page.wait_for_function("() => document.activeElement && document.activeElement.getAttribute('role') === 'combobox'", timeout=5_000)
    except PlaywrightTimeoutError:
        journey.note(f"keyboard: the block chooser did not take focus on {page.url}")
        chooser.focus()
    page.keyboard.type(kind)
    page.get_by_role("option", name=kind, exact=True).wait_for()
    page.keyboard.press("Enter")
    # The chooser closes once the block is added (it fades out): wait for
    # that, as a person would, so the next "Insert a block" finds only its
    # own chooser open.
    try:
        chooser.wait_for(state="hidden", timeout=5_000)
    except PlaywrightTimeoutError:
        journey.note(f"keyboard: the block chooser stayed open after adding a {kind} block on {page.url}")
        page.keyboard.press("Escape")
        chooser.wait_for(state="hidden")


def write_article(journey, blog, title, intro, heading=None, paragraph=""):
    """From the blog's page listing, "Add child page" opens the article editor."""
    page = journey.page
    journey.goto(f"/admin/pages/{blog.id}/")
    journey.check_page("admin-blog-listing")
    journey.tab_to(page.get_by_role("link", name=re.compile(r"^\s*Add child page\s*$", re.I)).first)
    press_enter(page)
    assert re.search(r"/admin/pages/add/blog/articlepage/\d+/$", page.url), page.url
    journey.check_page("admin-new-article")

    journey.tab_to(page.locator("#id_title"))
    page.keyboard.type(title)
    journey.tab_to(page.locator("#id_intro"), from_top=False)
    page.keyboard.type(intro)
    blocks = 0
    if heading:
        add_block(journey, "Heading")
        text = page.locator(f"#body-{blocks}-value-text")
        journey.tab_to(text, from_top=False)
        page.keyboard.type(heading)
        blocks += 1
    add_block(journey, "Paragraph")
    # The rich-text editor takes focus when its block is added; type into it.
    editor = page.locator("[data-contentpath='body'] [contenteditable='true']").last
    editor.wait_for()
    page.wait_for_function("el => el.contains(document.activeElement)", arg=editor.element_handle())
    page.keyboard.type(paragraph)
    # Draftail copies its content into the form field a moment after typing.
    page.wait_for_function(
        "([name, text]) => (document.querySelector(`input[name='${name}']`) || {value: ''}).value.includes(text)",
        arg=[f"body-{blocks}-value", paragraph[:20]],
    )
    let_autosave_settle(page)


def open_more_actions(journey):
    page = journey.page
    let_autosave_settle(page)
    journey.tab_to(page.locator("footer").get_by_role("button", name="More actions"))
    page.keyboard.press("Enter")


def test_editor_journey(journey, editor):
    user, blog = editor
    page = journey.page
    reader = journey.new_visitor()

    log_in_to_admin(journey, user.username, PASSWORD)

    # --- write a draft --------------------------------------------------------
    title, intro = "Gentle stretches for stiff mornings", "Five minutes of slow movement before you get up."
    heading, paragraph = "Before you start", "Warm up slowly, breathe out as you stretch and stop if anything hurts."
    write_article(journey, blog, title, intro, heading=heading, paragraph=paragraph)
    journey.tab_to(page.locator("footer").get_by_role("button", name="Save draft"), from_top=False)
    press_enter(page)
    assert re.search(r"/admin/pages/\d+/edit/$", page.url), page.url
    journey.check_page("admin-draft-saved")
    article = ArticlePage.objects.get(title=title)
    assert not article.live and article.has_unpublished_changes
    draft = article.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["heading", "paragraph"]
    assert draft.intro == intro

    # --- preview: the side panel, then in a tab of its own ---------------------
    journey.tab_to(page.get_by_role("button", name="Toggle preview"))
    page.keyboard.press("Enter")
    panel = page.frame_locator("#w-preview-iframe")
    panel.locator("h1").filter(has_text=title).wait_for()
    assert heading in panel.locator("main").inner_text()
    assert paragraph in panel.locator("main").inner_text()
    new_tab_link = page.get_by_role("link", name="Preview in new tab")
    journey.tab_to(new_tab_link)
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    preview = opened.value
    preview.wait_for_load_state()
    assert urlpath(preview.url) == f"/admin/pages/{article.id}/edit/preview/"
    assert preview.locator("h1").inner_text() == title
    assert paragraph in preview.locator("main").inner_text()
    journey.check_page("admin-preview", page=preview)
    preview.close()

    # --- schedule it --------------------------------------------------------------
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)  # the admin shows and reads times in this zone
    go_live = (timezone.now() + datetime.timedelta(days=2)).astimezone(zone).replace(second=0, microsecond=0)
    journey.tab_to(page.get_by_role("button", name="Toggle status"))
    page.keyboard.press("Enter")
    journey.tab_to(page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=re.compile("Set publishing schedule"))
    dialog.wait_for()
    journey.tab_to(dialog.locator("#id_go_live_at"), from_top=False)
    page.keyboard.type(go_live.strftime("%Y-%m-%d %H:%M"))
    let_autosave_settle(page)
    # Tab on, past the date picker, to "Save schedule" (the picker covers it for a mouse).
    journey.tab_to(dialog.get_by_role("button", name="Save schedule"), from_top=False, max_tabs=10)
    press_enter(page)
    journey.check_page("admin-schedule-saved")
    assert not fresh(article).live
    open_more_actions(journey)
    schedule = page.locator("footer").get_by_role("button", name="Schedule to publish")
    journey.tab_to(schedule, from_top=False, max_tabs=10)
    press_enter(page)
    assert urlpath(page.url) == f"/admin/pages/{blog.id}/", page.url
    journey.check_page("admin-after-scheduling")
    article = fresh(article)
    assert article.status_string == "scheduled"
    assert not article.live
    assert article.go_live_at == go_live

    # --- not public before its time ------------------------------------------------
    public_path = urlpath(article.get_url())
    with journey.expect_status(404, public_path):
        response = journey.goto(public_path, page=reader)
        assert response.status == 404
        journey.check_page("scheduled-article-before-go-live", page=reader, expect_status=404)

    # --- time passes ----------------------------------------------------------------
    # The worker runs publish_scheduled_pages on a timer in production. Here
    # the clock moves past the go-live time (time-machine: nothing in the
    # database is faked) and the task runs once, as the worker would. No
    # browser work happens meanwhile: the live server shares the clock.
    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=True):
        publish_scheduled_pages.call()
    article = fresh(article)
    assert article.live and article.status_string == "live"

    response = journey.goto(public_path, page=reader)
    assert response.status == 200
    assert reader.locator("h1").inner_text() == title
    assert heading in reader.locator("main").inner_text()
    assert paragraph in reader.locator("main").inner_text()
    journey.check_page("scheduled-article-live", page=reader)

    # --- a second draft, published at once ------------------------------------------
    title2, intro2 = "A warm bath before bed", "Heat relaxes tight muscles and can help you fall asleep."
    paragraph2 = "Keep the water warm rather than hot, and have a glass of water afterwards."
    write_article(journey, blog, title2, intro2, paragraph=paragraph2)
    open_more_actions(journey)
    journey.tab_to(page.locator("footer").get_by_role("button", name="Publish", exact=True), from_top=False, max_tabs=10)
    press_enter(page)
    assert urlpath(page.url) == f"/admin/pages/{blog.id}/", page.url
    journey.check_page("admin-after-publishing")
    second = ArticlePage.objects.get(title=title2)
    assert second.live and second.status_string == "live"

    response = journey.goto(urlpath(second.get_url()), page=reader)
    assert response.status == 200
    assert reader.locator("h1").inner_text() == title2
    assert paragraph2 in reader.locator("main").inner_text()
    journey.check_page("published-article", page=reader)

    journey.finish()
