"""RSS and Atom feeds, parsed the way a feed reader parses them."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from tests.factories import CategoryFactory, SeriesFactory, make_article


@pytest.fixture
def articles(blog):
    health = CategoryFactory(name="Symptoms", slug="symptoms")
    series = SeriesFactory(slug="muscles")
    live = [
        make_article(blog, title="Knots", categories=[health], series=series, series_part=1),
        make_article(blog, title="Cramps", series=series, series_part=2),
        make_article(blog, title="Sleep", categories=[health]),
    ]
    draft = make_article(blog, title="Unfinished draft", publish=False)
    future = make_article(blog, title="Next week", publish=False)
    future.go_live_at = timezone.now() + datetime.timedelta(days=7)
    future.save_revision(approved_go_live_at=future.go_live_at).publish()
    return {"live": live, "draft": draft, "future": future, "category": health, "series": series}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


@pytest.mark.parametrize("url,version", [("/feeds/rss/", "rss20"), ("/feeds/atom/", "atom10")])
def test_site_feed_lists_every_live_article_and_nothing_else(client, articles, url, version):
    response, feed = parse(client, url)
    assert feed.version == version
    titles = {entry.title for entry in feed.entries}
    assert titles == {"Knots", "Cramps", "Sleep"}
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/blog/")
        assert entry.get("published") or entry.get("updated")


def test_rss_content_type_and_item_details(client, articles):
    response, feed = parse(client, "/feeds/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    knots = next(entry for entry in feed.entries if entry.title == "Knots")
    assert knots.summary == "About Knots."
    assert [tag.term for tag in knots.tags] == ["Symptoms"]


def test_category_feed_has_only_that_categorys_articles(client, articles):
    _, feed = parse(client, "/feeds/category/symptoms/rss/")
    assert {entry.title for entry in feed.entries} == {"Knots", "Sleep"}
    _, atom = parse(client, "/feeds/category/symptoms/atom/")
    assert {entry.title for entry in atom.entries} == {"Knots", "Sleep"}


def test_series_feed_has_only_the_series(client, articles):
    _, feed = parse(client, "/feeds/series/muscles/rss/")
    assert {entry.title for entry in feed.entries} == {"Knots", "Cramps"}


def test_unknown_category_or_series_feed_is_a_404(client, articles):
    assert client.get("/feeds/category/nope/rss/").status_code == 404
    assert client.get("/feeds/series/nope/atom/").status_code == 404


def test_pages_advertise_the_feeds(client, articles):
    html = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/feeds/rss/"' in html
    assert 'type="application/atom+xml"' in html
