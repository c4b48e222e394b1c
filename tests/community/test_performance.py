"""The article page costs the same queries with 0, 20 or 500 comments."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from community.models import Comment


def add_thread(article, count):
    """`count` approved comments: about half top-level, each other one a reply."""
    roots = Comment.objects.bulk_create(
        [Comment(page=article, name=f"Reader {n}", email=f"r{n}@example.org", text=f"Root comment {n}", status="approved") for n in range((count + 1) // 2)]
    )
    Comment.objects.bulk_create(
        [Comment(page=article, parent=root, depth=1, name="Replier", email="rep@example.org", text=f"Reply {root.pk}", status="approved") for root in roots[: count // 2]]
    )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_article_queries_do_not_grow_with_comments(article):
    # A fresh reader each time (no page cache in tests); the rendered thread
    # is cached, so warm it once at each size as the first reader would.
    from community.moderation import bump_thread_version

    counts = {}
    for total in (0, 20, 500):
        add_thread(article, total - Comment.objects.filter(page=article).count())
        bump_thread_version(article.pk)  # bulk_create sends no signals: invalidate as a save would
        cold, _ = queries_for(Client(), article.url)
        counts[total], response = queries_for(Client(), article.url)
        if total:
            assert f"{total} comments" in response.content.decode()
            assert cold == counts[total] + 1, (total, cold, counts[total])  # rendering the thread afresh costs one query, whatever its size

    assert counts[0] == counts[20] == counts[500] <= 12, counts


def test_a_later_comment_page_costs_the_same_queries_as_the_first(article):
    """Page 2 of a long thread is a slice of the same cached work: the same
    queries as page 1, and one more when rendered afresh."""
    from community.moderation import bump_thread_version

    add_thread(article, 500)  # 250 conversations: 13 pages at the default 20
    bump_thread_version(article.pk)
    queries_for(Client(), article.url)
    first, _ = queries_for(Client(), article.url)
    cold, _ = queries_for(Client(), f"{article.url}?comments_page=2")
    warm, response = queries_for(Client(), f"{article.url}?comments_page=2")
    html = response.content.decode()
    assert "500 comments" in html and "Page 2 of 13" in html
    assert "<p>Root comment 20</p>" in html and "<p>Root comment 39</p>" in html
    assert "<p>Root comment 19</p>" not in html and "<p>Root comment 40</p>" not in html
    assert warm == first and cold == warm + 1, (first, cold, warm)
