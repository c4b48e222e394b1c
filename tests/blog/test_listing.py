"""The blog index: paginated, filterable, and never a 500 for odd input."""

import pytest
from django.test import override_settings

from tests.factories import CategoryFactory, make_article
from tests.utils import main_content


@pytest.fixture
def many(blog):
    category = CategoryFactory(name="Symptoms", slug="symptoms")
    return [make_article(blog, title=f"Article number {n:02d}", categories=[category] if n % 2 else [], tags=["pain"] if n % 3 == 0 else []) for n in range(1, 13)]


@override_settings(CHRONICLE_ARTICLES_PER_PAGE=5)
def test_index_is_paginated_newest_first(client, blog, many):
    html = main_content(client.get(blog.url))
    assert "Page 1 of 3" in html
    assert "Article number 12" in html and "Article number 07" not in html
    assert 'rel="next"' in html


@override_settings(CHRONICLE_ARTICLES_PER_PAGE=5)
@pytest.mark.parametrize("page,expected", [("abc", 1), ("-1", 1), ("0", 1), ("99999", 3), ("2", 2), ("", 1), ("1e3", 1)])
def test_odd_page_numbers_fall_back_to_a_real_page(client, blog, many, page, expected):
    response = client.get(blog.url, {"page": page})
    assert response.status_code == 200
    assert f"Page {expected} of 3" in main_content(response)


def test_filter_by_category_and_tag(client, blog, many):
    html = main_content(client.get(blog.url, {"category": "symptoms"}))
    assert "Article number 01" in html and "Article number 02" not in html
    html = main_content(client.get(blog.url, {"tag": "pain"}))
    assert "Article number 03" in html and "Article number 01" not in html


@pytest.mark.parametrize("params", [{"category": "no-such"}, {"tag": "no-such"}, {"category": "x" * 5000}])
def test_unknown_filter_is_a_404_in_the_sites_design(client, blog, many, params):
    response = client.get(blog.url, params)
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


@pytest.mark.parametrize("url", ["/category/no-such/", "/tag/no-such/", "/no/such/page/", "/blog/no-such-article/"])
def test_unknown_urls_get_the_custom_404(client, site_tree, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "We couldn’t find that page" in html
    assert 'href="#main"' in html  # the site's own layout, with its skip link


def test_server_error_page_is_plain_and_has_no_traceback(client, site_tree):
    from chronicle.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "Traceback" not in response.content.decode()
