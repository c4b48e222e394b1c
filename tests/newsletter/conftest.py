"""The newsletter's small worlds: subscribers in a given state, published
articles, and helpers to read what a reader received."""

import itertools
import re

import pytest
from django.utils import timezone

from newsletter.models import Subscriber

_numbers = itertools.count(1)


@pytest.fixture
def make_subscriber(db):
    """make_subscriber(email=None, status="confirmed", **fields)"""

    def make(email=None, status=Subscriber.Status.CONFIRMED, **fields):
        email = email or f"reader{next(_numbers)}@example.org"
        categories = fields.pop("categories", ())
        series = fields.pop("series", ())
        if status == Subscriber.Status.CONFIRMED:
            fields.setdefault("confirmed_at", timezone.now())
            fields.setdefault("consented_at", timezone.now())
        subscriber = Subscriber.objects.create(email=email, status=status, **fields)
        subscriber.categories.set(categories)
        subscriber.series.set(series)
        return subscriber

    return make


@pytest.fixture
def publish(blog, django_capture_on_commit_callbacks):
    """publish(**fields) -> a newly published article, with everything its
    publication set off (tasks run at once in tests) already done."""
    from tests.factories import make_article

    def do(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_article(blog, **fields)

    return do


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """`with committing():` runs on-commit work (enqueued tasks) as a real
    commit would, inside a test transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def link(message, path_part):
    """The first link in a message's plain text containing `path_part`."""
    text = text_of(message)
    match = re.search(r"https?://\S*" + re.escape(path_part) + r"\S*", text)
    assert match, f"no {path_part} link in:\n{text}"
    return match.group(0)


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def path_of(url):
    from urllib.parse import urlsplit

    return urlsplit(url).path
