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


def test_a_page_stored_by_another_process_is_served_from_the_shared_cache(client, blog):
    from chronicle.page_cache import local_copies

    article = make_article(blog, title="Shared between workers")
    first = client.get(article.url)
    local_copies.clear()  # as a second gunicorn worker that never served it
    second = client.get(article.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_publish_in_another_process_reaches_readers_within_the_version_check(client, blog, monkeypatch):
    """Another process bumps the content version in the shared cache; this
    process trusts the version it read for VERSION_CHECK_SECONDS, then sees
    the bump. (The other process is played by writing to the shared cache
    directly, as its bump would; the clock is the one versions reads.)"""
    from django.core.cache import cache

    from blog import chrome
    from chronicle import versions

    make_article(blog, title="Older article")
    client.get(blog.url)
    now = [1000.0]
    monkeypatch.setattr(versions.time, "monotonic", lambda: now[0])
    versions.forget()
    assert client.get(blog.url)["X-Page-Cache"] == "hit"

    from blog.models import ArticlePage

    ArticlePage.objects.filter(title="Older article").update(title="Renamed elsewhere")  # no signal in this process
    cache.incr(chrome.VERSION_KEY)  # what the other process's publish did
    now[0] += 0.5
    assert client.get(blog.url)["X-Page-Cache"] == "hit"
    now[0] += 0.6
    response = client.get(blog.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Renamed elsewhere" in response.content.decode()


def test_a_stored_page_expires_after_page_cache_seconds(client, blog):
    import datetime

    import time_machine

    article = make_article(blog)
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=301)):
        assert client.get(article.url)["X-Page-Cache"] == "miss"


def test_a_page_showing_a_versioned_thing_is_fresh_once_that_version_changes(rf, settings):
    """depends_on: a stored copy is served only while the versions the page
    read still hold (an article's comment thread uses this)."""
    from django.http import HttpResponse

    from chronicle import versions
    from chronicle.page_cache import AnonymousPageCacheMiddleware, depends_on

    settings.ALLOWED_HOSTS = ["testserver"]
    renders = []

    def view(request):
        depends_on(request, "chronicle:test:thing")
        renders.append(1)
        return HttpResponse(f"render {len(renders)}", content_type="text/html")

    middleware = AnonymousPageCacheMiddleware(view)
    assert middleware(rf.get("/thing/")).content == b"render 1"
    assert middleware(rf.get("/thing/")).content == b"render 1"
    versions.bump("chronicle:test:thing")
    assert middleware(rf.get("/thing/")).content == b"render 2"
    assert middleware(rf.get("/thing/"))["X-Page-Cache"] == "hit"


def test_each_process_keeps_a_bounded_number_of_bytes(settings):
    from chronicle.page_cache import LocalCopies

    settings.PAGE_CACHE_LOCAL_BYTES = 10_000
    copies = LocalCopies()
    for n in range(20):
        copies.put(f"page-{n}", {"content": b"x" * 1000})
    assert copies.get("page-0") is None
    assert copies.get("page-19") is not None
    assert sum(len(copies.get(f"page-{n}")["content"]) for n in range(20) if copies.get(f"page-{n}")) <= 10_000
    copies.put("huge", {"content": b"x" * 5000})  # over an eighth of the budget: never kept
    assert copies.get("huge") is None
    settings.PAGE_CACHE_LOCAL_BYTES = 0
    off = LocalCopies()
    off.put("page", {"content": b"x"})
    assert off.get("page") is None


def test_each_process_remembers_a_bounded_number_of_versions(monkeypatch, settings):
    """One remembered version per article thread read; a process serving
    many articles must not keep them all for ever."""
    from chronicle import versions

    now = [1000.0]
    monkeypatch.setattr(versions.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(versions, "REMEMBER_AT_MOST", 10)
    versions.forget()
    for n in range(8):
        versions.get(f"chronicle:test:thread:{n}")
    now[0] += 2  # those eight are now older than VERSION_CHECK_SECONDS
    for n in range(8, 30):
        versions.get(f"chronicle:test:thread:{n}")
        assert len(versions._remembered) <= 10
    assert "chronicle:test:thread:0" not in versions._remembered
    assert "chronicle:test:thread:29" in versions._remembered
    # What was forgotten is read again from the shared cache, unchanged.
    before = versions.get("chronicle:test:thread:29")
    versions.forget()
    assert versions.get("chronicle:test:thread:29") == before
