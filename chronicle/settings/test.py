"""Tests: the same settings as production in shape, with fast hashing,
in-process mail and tasks run at once so that a test sees their effect."""

import os

from .base import *  # noqa: F401,F403
from .base import SQLITE_OPTIONS, VAR_DIR

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
PAGE_CACHE_SECONDS = 0  # tests of the page cache turn it on themselves
MEDIA_ROOT = VAR_DIR / "test-media"
STATIC_ROOT = VAR_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
# Embeds are fetched from oEmbed providers we cannot reach from here: tests
# use a local finder that answers for one known URL (see tests/embeds.py).
WAGTAILEMBEDS_FINDERS = [{"class": "tests.embeds.LocalEmbedFinder"}]

if not os.environ.get("DATABASE_URL"):
    # A file, not memory: browser tests serve the site from another thread.
    # CHRONICLE_VAR_DIR gives parallel runs on one checkout their own file.
    _test_db = str(VAR_DIR / "test.sqlite3")
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": _test_db, "OPTIONS": dict(SQLITE_OPTIONS), "TEST": {"NAME": _test_db}}}

LOGGING["root"]["level"] = "WARNING"  # noqa: F405
LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}  # noqa: F405
