"""Journey 1, the reader: home -> an article in a series -> a table-of-contents
link -> "Next part" -> a tag -> search -> the RSS feed. Every control is
reached with Tab and used with the keyboard, as a keyboard-only reader would."""

import re

import feedparser
import pytest

from blog import demo_content
from tests.e2e.helpers import press_enter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SERIES_PARTS = sorted((a for a in demo_content.ARTICLES if a.get("series_part")), key=lambda a: a["series_part"])


@pytest.fixture
def demo_site(site_on_live_server):
    """The real demo content: five articles, a three-part series, tags, categories."""
    from blog.demo import DemoLoader

    DemoLoader().load()
    site_on_live_server()


def test_reader_journey(journey, demo_site):
    page = journey.page
    first, second = SERIES_PARTS[0], SERIES_PARTS[1]

    # Home: the featured series lists its parts.
    journey.goto("/")
    journey.check_page("home")
    # The first link to part 1 in the page's main content: the featured series.
    part_one = page.locator("main").get_by_role("link", name=first["title"], exact=True).first
    journey.tab_to(part_one)
    press_enter(page)

    # Part 1 of the series.
    assert page.locator("h1").inner_text() == first["title"]
    journey.check_page("article-part-1")
    assert re.search(r"Part 1 of 3", page.locator("main").text_content())

    # The table of contents jumps to its section.
    toc_links = page.get_by_role("navigation", name="In this article").get_by_role("link")
    assert toc_links.count() >= 2, "the series article should have a table of contents"
    toc_link = toc_links.nth(1)
    anchor = toc_link.get_attribute("href")
    assert anchor.startswith("#")
    journey.tab_to(toc_link)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(anchor) + "$"))
    target = page.locator(f"[id='{anchor[1:]}']")
    assert target.evaluate("el => el.matches(':target')")
    top = target.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, f"the section {anchor} was not scrolled to (top at {top}px)"

    # "Next part" leads to part 2.
    next_link = page.locator("a[rel='next']").filter(has_text="Next part")
    journey.tab_to(next_link)
    press_enter(page)
    assert page.locator("h1").inner_text() == second["title"]
    journey.check_page("article-part-2")

    # A tag lists every article that carries it.
    tag_name = "muscle pain"
    assert all(tag_name in part["tags"] for part in SERIES_PARTS)
    tag_link = page.locator("a[rel='tag']").filter(has_text=re.compile(rf"^\s*{tag_name}\s*$"))
    journey.tab_to(tag_link)
    press_enter(page)
    assert tag_name in page.locator("h1").inner_text()
    journey.check_page("tag")
    listed = page.locator("main").inner_text()
    for part in SERIES_PARTS:
        assert part["title"] in listed

    # Search from the header's search box.
    search_box = page.locator("header").get_by_role("searchbox")
    journey.tab_to(search_box)
    page.keyboard.type("cramps")
    press_enter(page)
    assert "q=cramps" in page.url
    journey.check_page("search")
    results = page.locator("main ol li")
    assert results.count() >= 1, "searching for 'cramps' found nothing"
    assert second["title"] in page.locator("main").inner_text()

    # The RSS feed: reached from the page like any link, then fetched (not visited as a page).
    feed_href = page.locator("link[rel='alternate'][type='application/rss+xml']").first.get_attribute("href")
    feed_link = page.locator(f"a[href='{feed_href}']").first
    journey.tab_to(feed_link)
    feed = page.request.get(feed_href)
    assert feed.status == 200
    assert "xml" in feed.headers["content-type"]
    parsed = feedparser.parse(feed.body())
    assert parsed.version.startswith("rss"), parsed.version
    titles = {entry.title for entry in parsed.entries}
    assert {article["title"] for article in demo_content.ARTICLES} <= titles
    assert all(entry.link.startswith(journey.base_url + "/") for entry in parsed.entries), [e.link for e in parsed.entries]
    assert page.request.get(parsed.entries[0].link).status == 200

    journey.finish()
