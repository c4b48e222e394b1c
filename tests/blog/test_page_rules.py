"""Where each kind of page may live, and what an article must have."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from blog.models import ArticlePage, BlogIndexPage, HomePage, StandardPage
from tests.factories import SeriesFactory, make_article, make_image


def test_articles_live_only_under_a_blog_index(home, blog):
    assert ArticlePage.can_create_at(blog)
    assert not ArticlePage.can_create_at(home)
    assert not ArticlePage.can_create_at(Page.get_first_root_node())


def test_an_article_has_no_child_pages(blog):
    article = make_article(blog)
    assert not any(model.can_create_at(article) for model in (ArticlePage, BlogIndexPage, StandardPage, HomePage))


def test_blog_index_lives_under_home_and_home_only_at_the_root(home, blog):
    assert BlogIndexPage.can_create_at(home)
    assert not BlogIndexPage.can_create_at(blog)
    # One home page per site tree: a second is refused.
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_standard_pages_nest_under_home_or_each_other(home, blog):
    about = home.add_child(instance=StandardPage(title="About", slug="about"))
    assert StandardPage.can_create_at(home)
    assert StandardPage.can_create_at(about)
    assert not StandardPage.can_create_at(blog)


def test_hero_image_needs_alt_text(blog):
    page = ArticlePage(title="No alt", slug="no-alt", intro="x", body=[], hero_image=make_image())
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "hero_alt" in error.value.message_dict


def test_series_article_needs_a_part_number(blog):
    page = ArticlePage(title="Part", slug="part", intro="x", body=[], series=SeriesFactory())
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "series_part" in error.value.message_dict


def test_reading_time_follows_the_length_of_the_body(blog):
    short = make_article(blog, body=[{"type": "paragraph", "value": "<p>" + "word " * 50 + "</p>"}])
    long = make_article(blog, body=[{"type": "paragraph", "value": "<p>" + "word " * 1990 + "</p>"}])
    assert short.reading_minutes == 1
    assert long.reading_minutes == 10
