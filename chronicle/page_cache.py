"""Whole-page caching for anonymous readers.

A reader without a session cookie gets the page from the shared cache; the
first such request for a URL renders it and stores it. Anyone with a session
(editors, signed-in readers, a reader with a pending comment or a cart — all
of which live in the session) always gets a fresh page, and so does every
request to the admin. Publishing, unpublishing, moving or deleting a page, or
changing site settings, bumps the content version (see blog.chrome) and with
it every cache key, so readers never wait out a timeout to see new content.
A page can also depend on a version of its own (an article's comment thread,
see depends_on): its stored copy is served only while that version holds.

Two tiers: the shared cache (Redis, or files on one machine) holds every
stored page for every process; each process also keeps its most recently
served pages in memory (PAGE_CACHE_LOCAL_BYTES, 32 MiB by default), keyed
the same way, so a hit usually costs no I/O at all. Versions are read
through chronicle.versions, which remembers them for a second: a publish in
one process reaches readers served by the others within that second.

Only plain successful GET/HEAD responses that set no cookie and are not
marked private are stored: a page that hands out a CSRF token or a session
sets a cookie and is therefore never shared."""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from blog import chrome
from chronicle import versions

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


def depends_on(request, version_key):
    """Say that the response being built for this request shows something
    versioned by the counter version_key (chronicle.versions). Its stored
    copy is then served only while the counter keeps the value it has now.
    Call it before reading the versioned thing, so a bump that races the
    render can only make the copy look older than it is, never newer."""
    if not hasattr(request, "page_cache_versions"):
        request.page_cache_versions = {}
    request.page_cache_versions[version_key] = versions.get(version_key)


class LocalCopies:
    """This process's copies of recently served entries: least recently used
    first out, bounded by the bytes of their content."""

    def __init__(self):
        self._entries = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        limit = getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 32 * 2**20)
        size = len(entry["content"])
        if size > limit // 8:
            return  # one huge page must not push out everything else
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old["content"])
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > limit and self._entries:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= len(evicted["content"])

    def discard(self, key):
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old["content"])

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0


local_copies = LocalCopies()


def forget_local():
    """Drop this process's copies and remembered versions (after
    cache.clear(), in tests)."""
    local_copies.clear()
    versions.forget()


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


def _still_good(entry):
    # .get: an entry stored by an older release lacks these and is a miss.
    return entry.get("expires", 0) > time.time() and all(versions.get(key) == value for key, value in entry.get("versions", {}).items())


def _lookup(key):
    """The stored entry for key if it may still be served, else None."""
    entry = local_copies.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            return None
        local_copies.put(key, entry)
    if _still_good(entry):
        return entry
    local_copies.discard(key)
    return None


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _key(request)
        entry = _lookup(key)
        if entry is not None:
            response = HttpResponse(entry["content"], status=200)
            for header, value in entry["headers"]:
                response[header] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _may_store(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            entry = {
                "content": response.content,
                "headers": [(header, value) for header, value in response.items() if header.lower() not in {"x-page-cache", "set-cookie"}],
                "versions": getattr(request, "page_cache_versions", {}),
                "expires": time.time() + settings.PAGE_CACHE_SECONDS,
            }
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            local_copies.put(key, entry)
            response["X-Page-Cache"] = "miss"
        return response
