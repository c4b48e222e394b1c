"""Whatever a commenter writes is rendered as inert text."""

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from community.templatetags.community_tags import comment_text

CORPUS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    '<svg onload="alert(1)"><circle/></svg>',
    '"><script>alert(1)</script>',
    "<iframe src=//evil.example></iframe>",
    "\u202egnp.exe <script>x</script>",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "https://example.org/?q=\"><script>alert(1)</script>",
]


@pytest.mark.parametrize("payload", CORPUS)
def test_hostile_text_name_and_website_render_inert(client, article, approved_comment, payload):
    approved_comment(text=f"Look: {payload}", name=f"Eve {payload}"[:80])
    html = client.get(article.url).content.decode()
    comments_part = html[html.index('id="comments"') :]
    for dangerous in ("<script>", "<img", "<svg", "<iframe", "onerror=\"", "onload=\"", 'href="javascript:'):
        assert dangerous not in comments_part


def test_line_breaks_are_kept_and_links_are_safe():
    html = comment_text("First line\nsecond line\n\nNew paragraph https://www.nhs.uk/conditions/")
    assert "First line<br>second line" in html
    assert html.count("<p>") == 2
    assert '<a href="https://www.nhs.uk/conditions/" rel="nofollow ugc noopener">' in html


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_no_text_ever_produces_markup_of_its_own(text):
    html = comment_text(text)
    stripped = html.replace("<p>", "").replace("</p>", "").replace("<br>", "")
    import re

    stripped = re.sub(r'<a href="[^"<>]*" rel="nofollow ugc noopener">', "", stripped).replace("</a>", "")
    assert "<" not in stripped and ">" not in stripped
