import pytest
from django.test import Client

from community.models import Comment
from tests.factories import make_article


@pytest.fixture
def client():
    """A browser-like client: CSRF is enforced as it is for real readers."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def article(blog):
    return make_article(blog, title="Muscle knots")


@pytest.fixture
def approved_comment(article):
    def make(text="An approved comment", name="Alex", email="alex@example.org", parent=None, **fields):
        return Comment.objects.create(
            page=article if parent is None else parent.page,
            parent=parent,
            depth=(parent.depth + 1) if parent else 0,
            name=name,
            email=email,
            text=text,
            status=Comment.Status.APPROVED,
            **fields,
        )

    return make
