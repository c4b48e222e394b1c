"""Anonymous readers get articles from the page cache, yet a comment that
is approved, edited or removed shows to them at once."""

import pytest
from django.test import Client, override_settings

from community.models import Comment


@pytest.fixture(autouse=True)
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


def test_an_approved_comment_shows_on_the_cached_article_at_once(article, approved_comment):
    approved_comment(text="Heat helps me most")
    reader = Client()
    reader.get(article.url)
    assert reader.get(article.url)["X-Page-Cache"] == "hit"

    waiting = Comment.objects.create(page=article, name="Sam", email="sam@example.org", text="Pacing changed my life", status=Comment.Status.PENDING)
    assert "Pacing changed my life" not in reader.get(article.url).content.decode()
    waiting.status = Comment.Status.APPROVED
    waiting.save()
    page = reader.get(article.url)
    assert page["X-Page-Cache"] == "miss"
    assert "Pacing changed my life" in page.content.decode()
    assert reader.get(article.url)["X-Page-Cache"] == "hit"

    waiting.status = Comment.Status.SPAM
    waiting.save()
    assert "Pacing changed my life" not in reader.get(article.url).content.decode()


def test_other_articles_stay_cached_when_one_thread_changes(blog, article, approved_comment):
    from tests.factories import make_article

    other = make_article(blog, title="Sleep and fatigue")
    reader = Client()
    reader.get(other.url)
    approved_comment(text="A new comment on the first article")
    assert reader.get(other.url)["X-Page-Cache"] == "hit"
