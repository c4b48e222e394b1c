import pytest
from django.core.cache import cache

from tests.factories import build_site
from tests.smtp import SMTPSink


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: cached page parts from one test's
    database must never leak into the next (nor this process's copies of
    them, nor the versions it remembers)."""
    from chronicle.page_cache import forget_local

    cache.clear()
    forget_local()
    yield
    cache.clear()
    forget_local()


@pytest.fixture
def site_tree(db):
    """(home, blog): a default site whose root is a HomePage with a blog index."""
    return build_site()


@pytest.fixture
def home(site_tree):
    return site_tree[0]


@pytest.fixture
def blog(site_tree):
    return site_tree[1]


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback; Django's mail goes to it over SMTP.
    `smtp_sink.stop()` / `.start()` play an outage."""
    sink = SMTPSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield sink
    sink.stop()


@pytest.fixture
def queued_tasks(settings):
    """The database task backend, as in a running site, and a function that
    lists the paths of the tasks queued so far."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    return lambda: list(DBTaskResult.objects.values_list("task_path", flat=True))
