"""Version counters: cheap "has this changed?" numbers that cached things are
keyed by (the site's content version, each article's comment thread).

The counters live in the shared cache, so every process and machine sees a
bump. Reading one costs a cache round trip, and the page cache reads them
on every hit, so each process remembers what it read for
VERSION_CHECK_SECONDS (1 s by default): a bump made in this process is seen
here at once, one made elsewhere within that second. That is the only
staleness anywhere in the caching design.

A counter that is missing (never set, evicted, or the cache was cleared)
starts again from a random number, never from 1: keys built from an old
value can then never be mistaken for new ones."""

import secrets
import threading
import time

from django.conf import settings
from django.core.cache import cache

_remembered = {}  # key -> (value, monotonic time it was read)
_lock = threading.Lock()
# Past this many keys, those older than VERSION_CHECK_SECONDS (which would
# be read again anyway) are dropped, so it stays bounded however many
# articles a process serves; if all are that fresh, it starts over.
REMEMBER_AT_MOST = 4096


def _fresh_start():
    return secrets.randbits(48)


def _check_seconds():
    return getattr(settings, "VERSION_CHECK_SECONDS", 1.0)


def get(key):
    """The counter's current value, at most VERSION_CHECK_SECONDS old for
    bumps made by other processes."""
    now = time.monotonic()
    remembered = _remembered.get(key)
    if remembered is not None and now - remembered[1] < _check_seconds():
        return remembered[0]
    value = cache.get(key)
    if value is None:
        value = _fresh_start()
        if not cache.add(key, value, None):
            value = cache.get(key, value)  # another process started it first
    _remember(key, value, now)
    return value


def _remember(key, value, now):
    global _remembered
    with _lock:
        if len(_remembered) >= REMEMBER_AT_MOST and key not in _remembered:
            fresh_after = now - _check_seconds()
            _remembered = {k: v for k, v in _remembered.items() if v[1] > fresh_after}
            if len(_remembered) >= REMEMBER_AT_MOST:  # all read this second: start over
                _remembered = {}
        _remembered[key] = (value, now)


def bump(key):
    """Change the counter everywhere; this process sees the new value at once."""
    try:
        value = cache.incr(key)
    except ValueError:  # missing: start afresh rather than at a small number
        value = _fresh_start()
        cache.set(key, value, None)
    _remember(key, value, time.monotonic())
    return value


def forget():
    """Drop what this process remembers (after cache.clear(), in tests)."""
    with _lock:
        _remembered.clear()
