"""Every StreamField block renders what a reader needs, and nothing unsafe."""

import re

import pytest

from tests.embeds import KNOWN_URL
from tests.factories import make_article, make_image


@pytest.fixture
def rendered(client, blog):
    def render(*blocks):
        article = make_article(blog, body=list(blocks))
        response = client.get(article.url)
        assert response.status_code == 200
        return response.content.decode()

    return render


def test_heading_gets_an_anchor_and_appears_in_the_table_of_contents(rendered):
    html = rendered(
        {"type": "heading", "value": {"text": "Causes of knots", "level": "h2", "anchor": ""}},
        {"type": "heading", "value": {"text": "Stress", "level": "h3", "anchor": "stress-and-tension"}},
    )
    assert '<h2 id="causes-of-knots">Causes of knots</h2>' in html
    assert '<h3 id="stress-and-tension">Stress</h3>' in html
    toc = html.split('class="toc"')[1].split("</nav>")[0]
    assert 'href="#causes-of-knots"' in toc and 'href="#stress-and-tension"' in toc


def test_paragraph_renders_rich_text(rendered):
    html = rendered({"type": "paragraph", "value": "<p>Warmth <b>helps</b> most people.</p>"})
    assert "Warmth <b>helps</b> most people." in html


def test_term_list_renders_label_and_explanation_pairs(rendered):
    html = rendered(
        {
            "type": "term_list",
            "value": {
                "heading": "What helps",
                "items": [
                    {"label": "Heat therapy", "explanation": "<p>A warm bath eases tight muscles.</p>"},
                    {"label": "Stretching", "explanation": "<p>Slow stretches before bed.</p>"},
                ],
            },
        }
    )
    assert "<h3>What helps</h3>" in html
    assert re.search(r"<dt>Heat therapy</dt>\s*<dd><p>A warm bath eases tight muscles.</p></dd>", html)
    assert "<dt>Stretching</dt>" in html


def test_doctor_callout_has_its_default_title(rendered):
    html = rendered({"type": "callout", "value": {"kind": "doctor", "title": "", "body": "<ul><li>Sudden numbness</li></ul>"}})
    assert 'class="callout callout-doctor" role="note"' in html
    assert "When to see a doctor" in html
    assert "<li>Sudden numbness</li>" in html


def test_image_block_renders_alt_text_and_caption(rendered):
    image = make_image("Stretch")
    html = rendered({"type": "image", "value": {"image": image.pk, "alt_text": "A person stretching", "caption": "Slow is fine."}})
    assert 'alt="A person stretching"' in html
    assert "<figcaption>Slow is fine.</figcaption>" in html


def test_quote_escapes_its_text(rendered):
    html = rendered({"type": "quote", "value": {"text": "Rest is <script>alert(1)</script> work.", "attribution": "Sam"}})
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "— Sam" in html


def test_embed_renders_the_providers_player(rendered):
    html = rendered({"type": "embed", "value": KNOWN_URL})
    assert "youtube-nocookie.com/embed/chronicle-demo" in html


def test_references_link_to_doi_and_pubmed(rendered):
    html = rendered(
        {
            "type": "references",
            "value": {
                "heading": "References",
                "items": [
                    {"title": "Fibromyalgia review", "source": "JAMA", "year": 2014, "url": "", "doi": "10.1001/jama.2014.3266", "pmid": "24737367"},
                    {"title": "NHS: Fibromyalgia", "source": "NHS", "year": None, "url": "https://www.nhs.uk/conditions/fibromyalgia/", "doi": "", "pmid": ""},
                ],
            },
        }
    )
    assert 'href="https://doi.org/10.1001/jama.2014.3266"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/24737367/"' in html
    assert '<a href="https://www.nhs.uk/conditions/fibromyalgia/" rel="noopener">NHS: Fibromyalgia</a>' in html
