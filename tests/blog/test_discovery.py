"""Search, sitemap, robots.txt and the metadata search engines read."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.utils import main_content
from tests.factories import AuthorFactory, CategoryFactory, make_article, make_image, make_standard_page

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def content(home, blog):
    about = make_standard_page(home, "About", "about")
    live = make_article(
        blog,
        title="Trigger points explained",
        body=[{"type": "paragraph", "value": "<p>Myofascial knots respond to gentle pressure.</p>"}],
        tags=["trigger points"],
    )
    draft = make_article(blog, title="Secret draft about myofascial release", publish=False)
    return {"about": about, "live": live, "draft": draft}


def test_search_finds_live_articles_by_words_in_their_body(client, content):
    response = client.get("/search/", {"q": "myofascial"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trigger points explained" in html
    assert "Secret draft" not in html
    assert "1 result for" in html


def test_search_with_no_match_says_so(client, content):
    html = client.get("/search/", {"q": "zebras"}).content.decode()
    assert "0 results for" in html and "Nothing matched" in html


@pytest.mark.parametrize("query", ["", "   ", "x" * 10_000, "' OR 1=1 --", "<script>alert(1)</script>", "\u200f\u200bknots\u0301 🙂"])
def test_search_accepts_any_query(client, content, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_sitemap_lists_live_pages_only(client, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}
    assert content["live"].full_url in locations
    assert content["about"].full_url in locations
    assert not any(content["draft"].slug in location for location in locations)


def test_robots_txt_points_to_the_sitemap(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def json_ld_blocks(html):
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_article_json_ld_describes_a_reviewed_blog_posting(client, blog):
    reviewer = AuthorFactory(name="Dana Reviewer", role="Registered nurse")
    article = make_article(
        blog,
        title="Cramps </script><script>alert(1)</script>",
        authors=[AuthorFactory(name="Maya")],
        reviewed_by=reviewer,
        last_reviewed="2026-10-01",
        hero_image=make_image(),
        hero_alt="Calm shapes",
    )
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    (data,) = json_ld_blocks(html)
    types = {node["@type"]: node for node in data["@graph"]}
    posting, webpage = types["BlogPosting"], types["MedicalWebPage"]
    assert posting["headline"] == article.title
    assert posting["author"] == [{"@type": "Person", "name": "Maya", "jobTitle": "Patient advocate"}]
    assert posting["datePublished"]
    assert posting["image"].startswith(article.get_site().root_url + "/media/")
    assert webpage["lastReviewed"] == "2026-10-01"
    assert webpage["reviewedBy"]["name"] == "Dana Reviewer"


def test_article_has_canonical_description_and_social_cards(client, blog):
    article = make_article(blog, title="Pacing", intro="Spend energy on purpose.", hero_image=make_image(), hero_alt="Shapes")
    html = client.get(article.url).content.decode()
    # Canonical URLs use the site's configured address, not the request's Host.
    assert f'<link rel="canonical" href="{article.full_url}">' in html
    assert '<meta name="description" content="Spend energy on purpose.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Pacing">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'property="og:image" content="{article.get_site().root_url}/media/' in html


def test_category_page_lists_its_articles(client, blog):
    category = CategoryFactory(name="Self-care", slug="self-care")
    make_article(blog, title="In category", categories=[category])
    make_article(blog, title="Elsewhere")
    html = main_content(client.get("/category/self-care/"))
    assert "In category" in html and "Elsewhere" not in html


def test_tag_page_lists_tagged_articles(client, blog):
    make_article(blog, title="Tagged one", tags=["heat therapy"])
    make_article(blog, title="Untagged one")
    html = main_content(client.get("/tag/heat-therapy/"))
    assert "Tagged one" in html and "Untagged one" not in html
