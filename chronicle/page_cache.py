"""Whole-page caching for anonymous readers.

A reader without a session cookie gets the page from the shared cache; the
first such request for a URL renders it and stores it. Anyone with a session
(editors, signed-in readers, a reader with a pending comment or a cart — all
of which live in the session) always gets a fresh page, and so does every
request to the admin. Publishing, unpublishing, moving or deleting a page, or
changing site settings, bumps the content version (see blog.chrome) and with
it every cache key, so readers never wait out a timeout to see new content.

Only plain successful GET/HEAD responses that set no cookie and are not
marked private are stored: a page that hands out a CSRF token or a session
sets a cookie and is therefore never shared."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from blog import chrome

CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml", "text/plain")
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/")
# Query parameters that change what a page shows, named by the app whose
# pages read them (see cache_query_parameters). A URL with any other
# parameter is served fresh and not stored, so junk query strings cannot
# push real pages out of the cache.
_known_parameters = set()


def cache_query_parameters(*names):
    """Let URLs that carry these query parameters be cached (one entry per
    value). Apps call this from AppConfig.ready() for the parameters their
    public pages read."""
    _known_parameters.update(names)


def _key(request):
    return f"chronicle:page:{chrome.version()}:{request.get_host()}:{request.get_full_path()}"


def _may_use_cache(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and _known_parameters.issuperset(request.GET)
    )


def _may_store(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], status=200)
            for header, value in stored["headers"]:
                response[header] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _may_store(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            headers = [(header, value) for header, value in response.items() if header.lower() not in {"x-page-cache", "set-cookie"}]
            cache.set(key, {"content": response.content, "headers": headers}, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
