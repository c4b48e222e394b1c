"""Anonymous readers get cached pages; nobody ever sees stale content."""

import pytest
from django.test import override_settings

from tests.factories import make_article


@pytest.fixture(autouse=True)
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


def test_second_anonymous_view_comes_from_the_cache(client, blog):
    article = make_article(blog, title="Cached article")
    first = client.get(article.url)
    second = client.get(article.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_publishing_shows_new_content_at_once(client, blog):
    make_article(blog, title="Older article")
    client.get(blog.url)
    assert client.get(blog.url)["X-Page-Cache"] == "hit"
    make_article(blog, title="Brand new article")
    response = client.get(blog.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Brand new article" in response.content.decode()


def test_readers_with_a_session_always_get_fresh_pages(client, blog, django_user_model):
    article = make_article(blog)
    client.get(article.url)
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw", is_staff=True)
    client.force_login(editor)
    response = client.get(article.url)
    assert "X-Page-Cache" not in response
    assert client.get(article.url).get("X-Page-Cache") is None


def test_errors_and_admin_are_never_cached(client, blog):
    client.get("/no-such-page/")
    assert "X-Page-Cache" not in client.get("/no-such-page/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_query_strings_are_cached_separately(client, blog):
    make_article(blog, title="Pacing guide", body=[{"type": "paragraph", "value": "<p>pacing energy</p>"}])
    client.get("/search/", {"q": "pacing"})
    hit = client.get("/search/", {"q": "pacing"})
    other = client.get("/search/", {"q": "nothing-matches"})
    assert hit["X-Page-Cache"] == "hit" and "Pacing guide" in hit.content.decode()
    assert other["X-Page-Cache"] == "miss" and "Nothing matched" in other.content.decode()


def test_unknown_query_parameters_are_not_cached(client, blog):
    article = make_article(blog)
    for n in range(3):
        assert "X-Page-Cache" not in client.get(article.url, {"utm_source": f"x{n}"})


def test_apps_name_the_parameters_their_pages_read(client, blog):
    # The comments app registers "replyto" (its no-script reply links).
    article = make_article(blog)
    client.get(article.url, {"replyto": "1"})
    assert client.get(article.url, {"replyto": "1"})["X-Page-Cache"] == "hit"
