import re, datetime
import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

def dump(page, name):
    open(f"/tmp/explore/{name}.html", "w").write(page.content())
    page.screenshot(path=f"/tmp/explore/{name}.png", full_page=False)

def test_explore(journey, site_on_live_server):
    from tests.factories import build_site
    home, blog = build_site()
    site_on_live_server()
    get_user_model().objects.create_superuser("editor", "editor@example.com", "correct horse battery")
    page = journey.page
    journey.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/")
    journey.goto(f"/admin/pages/add/blog/articlepage/{blog.id}/")
    page.fill("#id_title", "Gentle stretching")
    page.fill("#id_intro", "A short routine.")
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Heading").click()
    page.wait_for_timeout(300)
    dump(page, "heading")
    page.locator("#body-0-value-text").fill("Before you start")
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Paragraph").click()
    page.wait_for_timeout(300)
    dump(page, "para")
    ed = page.locator("[data-contentpath='body'] [contenteditable='true']")
    print("editables", ed.count())
    ed.last.click()
    page.keyboard.type("Warm up slowly and stop if it hurts.")
    page.wait_for_function("() => (document.querySelector('input[name=\"body-1-value\"]') || {}).value.includes('Warm up')")
    print("hidden", page.locator('input[name="body-1-value"]').input_value())
    page.locator("footer button.action-save, .footer button.action-save").first.click()
    page.wait_for_load_state()
    print("after save", page.url)
    dump(page, "saved")
    page.locator("button[data-side-panel-toggle='preview']").click()
    page.wait_for_timeout(2000)
    dump(page, "preview")
    for f in page.frames: print("FRAME", f.url, f.name)
    page.locator("button[data-side-panel-toggle='status']").click()
    page.wait_for_timeout(500)
    dump(page, "status")
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    page.wait_for_timeout(500)
    dump(page, "dialog")
    page.locator("#id_go_live_at").fill("2031-05-04 09:30")
    journey.tab_to(page.locator("#schedule-publishing-dialog button.action-save"), from_top=False, max_tabs=6)
    dump(page, "dialog-filled")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    print("after schedule save", page.url)
    dump(page, "after-schedule")
    page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target='toggle'].button").last.click()
    page.wait_for_timeout(300)
    dump(page, "dropdown")
    b = page.locator("button[name='action-publish']")
    print("publish buttons", b.count(), [b.nth(i).inner_text() for i in range(b.count())])
    with page.expect_navigation():
        b.first.click()
    print("after publish", page.url)
    dump(page, "after-publish")
    from blog.models import ArticlePage
    p = ArticlePage.objects.get(slug="gentle-stretching")
    print("live", p.live, p.go_live_at, p.has_unpublished_changes, p.url, p.status_string)
