"""Page cost must not grow with the amount of content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AuthorFactory, CategoryFactory, SeriesFactory, make_article, make_image

MAX_QUERIES = 12


def count_queries(client, url):
    client.get(url)  # warm: image renditions are made on first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_articles(blog, count, categories, series, image):
    start = series.articles.count()
    for n in range(count):
        make_article(
            blog,
            hero_image=image,
            hero_alt="Shapes",
            categories=categories,
            tags=[f"tag-{n}", "shared"],
            authors=[AuthorFactory()],
            series=series,
            series_part=start + n + 1,
        )


@pytest.mark.parametrize("url_of", ["home", "blog", "article", "category", "tag", "series"])
def test_listing_and_article_queries_do_not_grow_with_content(client, home, blog, url_of):
    categories = [CategoryFactory(slug="symptoms"), CategoryFactory()]
    series = SeriesFactory(slug="muscles")
    image = make_image()
    add_articles(blog, 3, categories, series, image)
    # Articles outside the series fill the article page's "related" cards.
    for _ in range(3):
        make_article(blog, categories=categories, hero_image=image, hero_alt="Shapes")
    article = series.live_parts().first()
    urls = {"home": home.url, "blog": blog.url, "article": article.url, "category": "/category/symptoms/", "tag": "/tag/shared/", "series": "/series/muscles/"}

    small = count_queries(client, urls[url_of])
    add_articles(blog, 12, categories + [CategoryFactory(), CategoryFactory()], series, image)
    large = count_queries(client, urls[url_of])

    assert small == large, f"{url_of}: {small} queries with 3 articles, {large} with 15"
    assert large <= MAX_QUERIES, f"{url_of}: {large} queries"
