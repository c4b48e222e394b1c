"""While the database is unreachable readers get a calm 503, not a traceback."""

from django.db import OperationalError

from blog.models import ArticlePage
from tests.factories import make_article


def test_database_outage_gives_a_plain_503_and_recovers(client, blog, monkeypatch):
    article = make_article(blog, title="Steady article")

    def unreachable(self, request, *args, **kwargs):
        # Stands in for a dropped connection: the same exception Django raises
        # when PostgreSQL or the SQLite file cannot be reached.
        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patch:
        patch.setattr(ArticlePage, "serve", unreachable)
        response = client.get(article.url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "back shortly" in body and "could not connect" not in body and "Traceback" not in body

    assert client.get(article.url).status_code == 200
