"""Series: part n of m, previous and next, and a landing listing every part."""

import pytest

from tests.factories import SeriesFactory, make_article


@pytest.fixture
def series_parts(blog):
    series = SeriesFactory(title="Muscle symptoms", slug="muscle-symptoms")
    parts = [make_article(blog, title=f"Part {n}", series=series, series_part=n) for n in (1, 2, 3)]
    return series, parts


def test_middle_part_links_to_previous_and_next(client, series_parts):
    series, (first, second, third) = series_parts
    html = client.get(second.url).content.decode()
    assert "Part 2 of 3" in html
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{third.url}" rel="next"' in html


def test_first_part_has_no_previous_and_last_has_no_next(client, series_parts):
    series, (first, second, third) = series_parts
    first_html = client.get(first.url).content.decode()
    last_html = client.get(third.url).content.decode()
    assert 'rel="prev"' not in first_html and f'href="{second.url}" rel="next"' in first_html
    assert 'rel="next"' not in last_html and f'href="{second.url}" rel="prev"' in last_html


def test_draft_parts_are_left_out_of_the_count_and_navigation(client, blog, series_parts):
    series, (first, second, third) = series_parts
    draft = make_article(blog, title="Part 4 draft", series=series, series_part=4, publish=False)
    html = client.get(third.url).content.decode()
    assert "Part 3 of 3" in html
    assert draft.title not in html


def test_series_landing_lists_parts_in_order(client, series_parts):
    series, parts = series_parts
    response = client.get(f"/series/{series.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    positions = [html.index(part.title) for part in parts]
    assert positions == sorted(positions)
    assert "3 parts" in html


def test_parts_are_ordered_by_part_number_not_publication(client, blog):
    series = SeriesFactory()
    later = make_article(blog, title="Written first, part two", series=series, series_part=2)
    earlier = make_article(blog, title="Written second, part one", series=series, series_part=1)
    html = client.get(later.url).content.decode()
    assert "Part 2 of 2" in html
    assert f'href="{earlier.url}" rel="prev"' in html


def test_unknown_series_is_a_404(client, site_tree):
    assert client.get("/series/no-such-series/").status_code == 404
