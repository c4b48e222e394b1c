"""Long threads are split into comment pages of N conversations (a top-level
comment with all its replies), oldest first; `?comments_page=N` picks one,
and every link to one comment leads to the page that shows it."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.models import Comment
from community.moderation import set_status
from tests.community.helpers import post_comment, set_rules
from tests.utils import main_content

START = timezone.now() - datetime.timedelta(days=30)


def opening(n):
    return f"Opening comment {n:02d}."


def reply_text(n):
    return f"Reply in conversation {n:02d}."


@pytest.fixture
def thread(article):
    """45 conversations, each an opening comment and one reply, oldest
    first: {n: (opening, reply)}, n from 1."""
    from community.moderation import bump_thread_version

    def hours(n, minutes=0):
        return START + datetime.timedelta(hours=n, minutes=minutes)

    openings = Comment.objects.bulk_create(
        [Comment(page=article, name=f"Reader {n}", email=f"r{n}@example.org", text=opening(n), status="approved", created_at=hours(n)) for n in range(1, 46)]
    )
    replies = Comment.objects.bulk_create(
        [
            Comment(page=article, parent=first, depth=1, name="Replier", email="rep@example.org", text=reply_text(n), status="approved", created_at=hours(n, 5))
            for n, first in enumerate(openings, start=1)
        ]
    )
    bump_thread_version(article.pk)  # bulk_create sends no signals: invalidate as a save would
    return {n: pair for n, pair in enumerate(zip(openings, replies), start=1)}


def comment_page(article, number=None, client=None, **params):
    """The comments section of one comment page, as a reader gets it."""
    query = {"comments_page": number, **params} if number is not None else params
    response = (client or Client()).get(article.url, query)
    assert response.status_code == 200
    html = main_content(response)
    return html[html.index('id="comments"') :]


def shown(html):
    """The numbers of the conversations whose opening comment is on the page."""
    return sorted(int(n) for n in re.findall(r"Opening comment (\d\d)\.", html))


def pagination(html):
    """The "Comment pages" navigation, or None."""
    match = re.search(r'<nav class="[^"]*\bcomment-pagination\b[^"]*" aria-label="Comment pages">.*?</nav>', html, re.S)
    return match.group(0) if match else None


def test_45_conversations_at_20_a_page_make_3_pages_oldest_first(article, thread):
    first = comment_page(article)
    assert "90 comments" in first  # the heading counts the whole thread
    assert shown(first) == list(range(1, 21))
    assert all(reply_text(n) in first for n in range(1, 21)) and reply_text(21) not in first
    nav = pagination(first)
    assert "Page 1 of 3" in nav
    assert f'<a href="{article.url}?comments_page=2#comments" rel="next">Later comments' in nav
    assert 'rel="prev"' not in nav

    middle = comment_page(article, 2)
    assert "90 comments" in middle
    assert shown(middle) == list(range(21, 41))
    nav = pagination(middle)
    assert "Page 2 of 3" in nav
    assert f'<a href="{article.url}#comments" rel="prev"><span aria-hidden="true">← </span>Earlier comments</a>' in nav
    assert f'<a href="{article.url}?comments_page=3#comments" rel="next">' in nav

    last = comment_page(article, 3)
    assert shown(last) == list(range(41, 46))
    assert all(reply_text(n) in last for n in range(41, 46))
    nav = pagination(last)
    assert "Page 3 of 3" in nav and 'rel="next"' not in nav and f'href="{article.url}?comments_page=2#comments" rel="prev"' in nav


def test_a_conversation_is_never_split_across_pages(article, thread, approved_comment):
    opening_20 = thread[20][0]
    late = approved_comment(text="A late reply to conversation 20", parent=opening_20, created_at=timezone.now())
    deeper = approved_comment(text="And a reply to that", parent=late, created_at=timezone.now())
    first = comment_page(article)
    assert f'id="comment-{late.pk}"' in first and f'id="comment-{deeper.pk}"' in first
    assert "A late reply" not in comment_page(article, 2)


@pytest.mark.parametrize(
    "raw, expected",
    [("999", 3), ("-1", 1), ("abc", 1), ("0", 1), ("9" * 10_000, 3), ("x" * 10_000, 1), ("", 1), ("2.5", 1), ("²", 1), (" 2 ", 2), ("+2", 2)],
)
def test_junk_page_numbers_show_the_nearest_real_page(article, thread, raw, expected):
    html = comment_page(article, raw)
    assert f"Page {expected} of 3" in pagination(html)
    assert shown(html) == list(range(1, 46))[(expected - 1) * 20 : expected * 20]


def test_junk_page_numbers_on_a_short_thread_show_it_without_navigation(article, approved_comment):
    approved_comment(text=opening(1))
    for raw in ("2", "-5", "abc"):
        html = comment_page(article, raw)
        assert shown(html) == [1] and pagination(html) is None


def test_zero_per_page_shows_every_conversation_without_navigation(article, thread):
    set_rules(threads_per_page=0)
    html = comment_page(article)
    assert shown(html) == list(range(1, 46))
    assert pagination(html) is None
    assert shown(comment_page(article, 2)) == list(range(1, 46))


def test_a_change_of_per_page_shows_at_once(article, thread):
    assert pagination(comment_page(article)) is not None
    set_rules(threads_per_page=50)
    html = comment_page(article)
    assert shown(html) == list(range(1, 46)) and pagination(html) is None


def test_the_permalink_of_a_reply_leads_to_the_page_showing_it(article, thread):
    reply = thread[25][1]
    url = Comment.objects.get(pk=reply.pk).get_absolute_url()
    assert url == f"{article.url}?comments_page=2#comment-{reply.pk}"
    path, anchor = url.split("#")
    response = Client().get(path)
    assert f'id="{anchor}"' in main_content(response)
    assert f'id="{anchor}"' not in comment_page(article)

    assert thread[3][1].get_absolute_url() == f"{article.url}#comment-{thread[3][1].pk}"  # page 1: no query
    assert thread[45][0].get_full_url() == f"{article.get_full_url()}?comments_page=3#comment-{thread[45][0].pk}"


def test_a_reply_to_an_unpublished_comment_is_paged_as_a_conversation_of_its_own(article, thread, approved_comment):
    """As the thread shows it: its parent is not there, so it stands alone,
    among the conversations in the order it was written."""
    held = Comment.objects.create(page=article, name="Held", email="h@example.org", text="Held for moderation", status="pending", created_at=START)
    orphan = approved_comment(text="A reply whose parent is held", parent=held, created_at=START + datetime.timedelta(hours=45, minutes=30))
    assert orphan.get_absolute_url() == f"{article.url}?comments_page=3#comment-{orphan.pk}"
    last = comment_page(article, 3)
    assert f'id="comment-{orphan.pk}"' in last
    assert held.get_absolute_url() == f"{article.url}#comment-{held.pk}"  # not published: page 1, where only its author sees it


def test_posting_as_a_returning_commenter_lands_on_the_page_with_the_comment(client, article, thread):
    Comment.objects.filter(pk=thread[1][0].pk).update(email="robin@example.org")  # Robin has an approved history

    response = post_comment(client, article, text="Replying on page two", parent=thread[25][0].pk)
    reply = Comment.objects.get(text="Replying on page two")
    assert reply.status == Comment.Status.APPROVED
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}?comments_page=2#comment-{reply.pk}"
    landed = main_content(client.get(response["Location"].split("#")[0]))
    assert f'id="comment-{reply.pk}"' in landed and "Page 2 of 3" in landed

    response = post_comment(client, article, text="A new conversation at the end")
    newest = Comment.objects.get(text="A new conversation at the end")
    assert response["Location"] == f"{article.url}?comments_page=3#comment-{newest.pk}"
    assert f'id="comment-{newest.pk}"' in main_content(client.get(response["Location"].split("#")[0]))

    # Its author's Edit and Delete pages lead back to the same place.
    for action, link_text in (("edit", "Back to the article"), ("delete", "Keep it and go back")):
        page = client.get(f"/comments/{reply.pk}/{action}/").content.decode()
        assert f'<a href="{article.url}?comments_page=2#comment-{reply.pk}">{link_text}</a>' in page


def test_a_held_comment_lands_on_page_1_where_its_author_sees_it(client, article, thread):
    response = post_comment(client, article, text="My first comment, held", email="new@example.org", parent=thread[25][0].pk)
    held = Comment.objects.get(text="My first comment, held")
    assert held.status == Comment.Status.PENDING
    assert response["Location"] == f"{article.url}#comment-{held.pk}"
    page = main_content(client.get(article.url))
    assert page.count(f'id="comment-{held.pk}"') == 1 and "awaiting moderation" in page


def test_deleting_a_comment_returns_to_its_comment_page(client, article, thread):
    Comment.objects.filter(pk=thread[1][0].pk).update(email="robin@example.org")
    post_comment(client, article, text="Soon gone", parent=thread[30][0].pk)
    gone = Comment.objects.get(text="Soon gone")
    token = client.get("/csrf/").json()["token"]
    response = client.post(f"/comments/{gone.pk}/delete/", {"csrfmiddlewaretoken": token})
    assert response["Location"] == f"{article.url}?comments_page=2#comments"


def test_the_reply_email_links_to_the_page_with_the_reply(article, thread, smtp_sink, django_capture_on_commit_callbacks):
    parent = thread[25][0]
    Comment.objects.filter(pk=parent.pk).update(email="pat@example.org", notify_replies=True)
    reply = Comment.objects.create(page=article, parent=parent, depth=1, name="Quinn", email="quinn@example.org", text="Same here!", status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        set_status([reply], Comment.Status.APPROVED)
    (message,) = smtp_sink.to("pat@example.org")
    link = f"{article.get_full_url()}?comments_page=2#comment-{reply.pk}"
    assert f"Read the conversation: {link}" in message.get_content().splitlines()
    assert f'id="comment-{reply.pk}"' in comment_page(article, 2)


def test_my_account_and_data_exports_link_to_the_right_page(article, thread, django_user_model):
    from accounts.comments import export, panel_context
    from community.privacy import export_comments

    reader = django_user_model.objects.create_user("sam", "sam@example.org", "pw")
    mine = Comment.objects.create(page=article, parent=thread[41][0], depth=1, user=reader, name="Sam", email="sam@example.org", text="Mine", status="approved")
    held = Comment.objects.create(page=article, user=reader, name="Sam", email="sam@example.org", text="Held", status="pending")
    expected = f"{article.url}?comments_page=3#comment-{mine.pk}"

    rows = {row["comment"].pk: row["url"] for row in panel_context(reader)["comments"]}
    assert rows == {mine.pk: expected, held.pk: article.url}
    assert {row["id"]: row["url"] for row in export(reader)} == {mine.pk: expected, held.pk: f"{article.url}#comment-{held.pk}"}
    assert [row["url"] for row in export_comments("sam@example.org")] == [expected, f"{article.url}#comment-{held.pk}"]


def test_reply_links_keep_the_comment_page(article, thread):
    target = thread[25][0]
    middle = comment_page(article, 2)
    assert f'href="?comments_page=2&amp;replyto={target.pk}#respond"' in middle
    first = comment_page(article)
    assert f'href="?replyto={thread[1][0].pk}#respond"' in first  # page 1 needs no page number

    replying = comment_page(article, 2, replyto=target.pk)
    assert f"Reply to {target.name}" in replying
    assert f'name="parent" value="{target.pk}"' in replying
    assert f'<a class="cancel-reply" href="{article.url}?comments_page=2#respond">Cancel reply</a>' in replying
    assert "Page 2 of 3" in replying and shown(replying) == list(range(21, 41))


@pytest.mark.parametrize("raw", ["²", "9" * 5000, "-3", "abc"])
def test_junk_reply_targets_show_the_plain_form(article, thread, raw):
    html = comment_page(article, 2, replyto=raw)
    assert "Leave a Reply" in html and "Page 2 of 3" in html


def test_a_comment_page_is_cached_until_a_comment_changes(article, thread):
    def thread_queries(number):
        with CaptureQueriesContext(connection) as queries:
            html = comment_page(article, number)
        return html, [query["sql"] for query in queries if "community_comment" in query["sql"]]

    comment_page(article, 3)  # the first reader renders it
    html, queries = thread_queries(3)
    assert queries == [] and shown(html) == list(range(41, 46))

    waiting = Comment.objects.create(page=article, name="Sam", email="sam@example.org", text=opening(46), status="pending")
    assert shown(thread_queries(3)[0]) == list(range(41, 46))
    waiting.status = Comment.Status.APPROVED
    waiting.save()
    html, queries = thread_queries(3)
    assert shown(html) == list(range(41, 47)) and "91 comments" in html
    assert len(queries) == 1  # rendered afresh from one query


def test_anonymous_readers_get_comment_pages_from_the_page_cache_fresh_after_approval(article, thread):
    with override_settings(PAGE_CACHE_SECONDS=300):
        reader = Client()
        url = f"{article.url}?comments_page=3"
        assert reader.get(url)["X-Page-Cache"] == "miss"
        assert reader.get(url)["X-Page-Cache"] == "hit"
        waiting = Comment.objects.create(page=article, name="Sam", email="sam@example.org", text=opening(46), status="pending")
        waiting.status = Comment.Status.APPROVED
        waiting.save()
        page = reader.get(url)
        assert page["X-Page-Cache"] == "miss" and opening(46) in page.content.decode()


@pytest.mark.parametrize("seed", range(6))
def test_one_comments_page_agrees_with_the_whole_thread_layout(article, seed):
    """The link to one comment works its page out from a count (it must not
    read a 1,000-comment thread to redirect one poster); the article page
    lays out the whole thread. On random threads - replies to replies,
    parents held, spammed or trashed, comments at the same instant - both
    put every comment on the same page."""
    import random

    from community import threads

    rng = random.Random(seed)
    made = []
    for n in range(70):
        parent = rng.choice(made) if made and rng.random() < 0.6 else None
        at = START + datetime.timedelta(minutes=rng.randrange(40))  # many share an instant
        status = rng.choices(["approved", "pending", "spam", "trash"], weights=[8, 1, 1, 1])[0]
        made.append(
            Comment.objects.create(
                page=article, parent=parent, depth=parent.depth + 1 if parent else 0, name="R", email="r@example.org", text=f"c{n}", status=status, created_at=at
            )
        )
    for per_page in (1, 2, 3, 7, 0):
        whole = threads.page_numbers_in(article.pk, [comment.pk for comment in made], per_page)
        one_by_one = {comment.pk: threads.page_number_of(comment, per_page) for comment in made}
        assert one_by_one == {comment.pk: whole.get(comment.pk) for comment in made}


def test_the_link_to_one_comment_does_not_read_the_whole_thread(article, thread):
    from community import threads

    _, last_reply = thread[45]
    last_reply.page = article
    threads.comment_url(thread[1][0])  # the site's rules and root paths, read once and cached
    with CaptureQueriesContext(connection) as queries:
        url = threads.comment_url(last_reply)
    assert url.endswith(f"?comments_page=3#{last_reply.anchor}")
    # The article's site (for its comment rules), the reply's parent (an
    # opening comment), then a count of the conversations before it.
    assert len(queries) == 3
