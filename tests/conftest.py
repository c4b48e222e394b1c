import pytest
from django.core.cache import cache

from tests.factories import build_site


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: cached page parts from one test's
    database must never leak into the next."""
    cache.clear()
    yield
    cache.clear()


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
