"""Journey: a reader of a long discussion. The article's 24 conversations
fill two comment pages at the site's default 20 a page; the reader goes with
the keyboard to "Later comments", lands on page 2 at the comments, and
opens the reply form from there without script, staying on page 2."""

import datetime
import re

import pytest
from django.utils import timezone

from community.models import Comment
from tests.e2e.helpers import press_enter
from tests.factories import build_site, make_article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CONVERSATIONS = 24


def opening(n):
    return f"Opening comment {n:02d}: what helped me this week."


@pytest.fixture
def long_discussion(site_on_live_server):
    """An article with 24 conversations, every other one with a reply."""
    home, blog = build_site()
    article = make_article(blog, title="Living with fibromyalgia", intro="What readers have found helps, in their own words.")
    start = timezone.now() - datetime.timedelta(days=10)
    for n in range(1, CONVERSATIONS + 1):
        when = start + datetime.timedelta(hours=n)
        first = Comment.objects.create(page=article, name=f"Reader {n}", email=f"r{n}@example.org", text=opening(n), status="approved", created_at=when)
        if n % 2:
            Comment.objects.create(
                page=article, parent=first, depth=1, name="Jo Team", email="jo@example.org", text=f"Thank you, Reader {n}.",
                status="approved", created_at=when + datetime.timedelta(minutes=30),
            )
    site_on_live_server()
    return article


def test_comment_pages_journey(journey, long_discussion):
    article = long_discussion
    page = journey.page

    # Page 1: the oldest 20 conversations, and the way on.
    journey.goto(article.url)
    journey.check_page("article-comments-page-1")
    comments = page.locator("#comments")
    assert "36 comments" in comments.locator("h2").first.inner_text()
    assert opening(20) in comments.inner_text() and opening(21) not in comments.inner_text()
    pages = page.get_by_role("navigation", name="Comment pages")
    assert "Page 1 of 2" in pages.inner_text()
    later = pages.get_by_role("link", name="Later comments")
    assert later.get_attribute("rel") == "next"
    journey.tab_to(later)
    press_enter(page)

    # Page 2, scrolled to the comments.
    assert page.url.endswith(f"{article.url}?comments_page=2#comments"), page.url
    assert comments.evaluate("el => el.matches(':target')")  # (before check_page, which clears the URL's fragment)
    top = comments.evaluate("el => el.getBoundingClientRect().top")
    assert -2 <= top < page.viewport_size["height"] / 2, f"the comments were not scrolled to (top at {top}px)"  # (-2: sub-pixel rounding)
    assert "36 comments" in comments.locator("h2").first.inner_text()
    shown = comments.inner_text()
    assert opening(21) in shown and opening(CONVERSATIONS) in shown and opening(20) not in shown
    assert "Page 2 of 2" in pages.inner_text()
    assert pages.get_by_role("link", name="Earlier comments").get_attribute("rel") == "prev"
    assert pages.get_by_role("link", name="Later comments").count() == 0
    journey.check_page("article-comments-page-2")

    # Replying from page 2 (a plain link, no script) keeps the reader there.
    reply = page.get_by_role("link", name="Reply to Reader 21")
    journey.tab_to(reply)
    press_enter(page)
    assert re.search(r"\?comments_page=2&replyto=\d+#respond$", page.url), page.url
    assert page.locator("#reply-title").inner_text().startswith("Reply to Reader 21")
    assert opening(21) in comments.inner_text() and "Page 2 of 2" in pages.inner_text()
    journey.check_page("article-comments-page-2-replying")

    journey.finish()
