"""Readers leave replies as guests or signed in; they alone see theirs while it waits."""

from community.models import Comment
from tests.community.helpers import post_comment
from tests.utils import main_content


def test_article_shows_the_leave_a_reply_form(client, article):
    html = main_content(client.get(article.url))
    assert "Leave a Reply" in html
    assert "Your email address will not be published" in html
    assert 'name="homepage"' in html  # the honeypot is there for bots


def test_guest_comment_is_held_and_shown_only_to_its_author(client, article):
    response = post_comment(client, article, text="My first comment here")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#comment-{comment.pk}"
    assert comment.status == Comment.Status.PENDING
    assert comment.moderation_reason == "first comment from this address"

    mine = main_content(client.get(article.url))
    assert "My first comment here" in mine and "awaiting moderation" in mine

    from django.test import Client

    stranger = main_content(Client().get(article.url))
    assert "My first comment here" not in stranger


def test_commenter_with_an_approved_history_is_published_at_once(client, article, approved_comment):
    approved_comment(email="robin@example.org", name="Robin")
    post_comment(client, article, text="Back again with another tip")
    comment = Comment.objects.get(text="Back again with another tip")
    assert comment.status == Comment.Status.APPROVED
    assert "Back again with another tip" in main_content(client.get(article.url))


def test_own_published_comment_shows_once_with_its_anchor_and_a_valid_time(client, article, approved_comment):
    """Within the edit window the author's published comment is both in the
    thread and in "Your comments" (with Edit and Delete): only the thread's
    copy carries the id the post redirects to. Times are valid HTML
    datetimes (no microseconds: at most three digits of a second)."""
    import re

    approved_comment(email="robin@example.org", name="Robin")
    post_comment(client, article, text="Back again with another tip")
    comment = Comment.objects.get(text="Back again with another tip")
    html = main_content(client.get(article.url))
    assert html.count("Back again with another tip") == 2
    assert html.count(f'id="comment-{comment.pk}"') == 1
    assert f'href="/comments/{comment.pk}/edit/"' in html
    times = re.findall(r'class="comment-permalink"[^>]*><time datetime="([^"]+)"', html)
    assert len(times) == 2 and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", value) for value in times), times


def test_signed_in_reader_comments_under_their_account(client, article, django_user_model):
    user = django_user_model.objects.create_user("sam", "sam@example.org", "pw", first_name="Sam", last_name="Lee")
    client.force_login(user)
    html = main_content(client.get(article.url))
    assert "Commenting as <strong>Sam Lee</strong>" in html and 'id="id_email"' not in html
    post_comment(client, article, name=None, email=None, text="Signed in and sharing")
    comment = Comment.objects.get()
    assert (comment.user, comment.name, comment.email) == (user, "Sam Lee", "sam@example.org")


def test_email_is_never_on_the_page(client, article, approved_comment):
    approved_comment(email="private.person@example.org", name="Private Person", url="https://example.org/blog")
    html = client.get(article.url).content.decode()
    assert "Private Person" in html
    assert "private.person@example.org" not in html
    assert 'href="https://example.org/blog" rel="nofollow ugc noopener"' in html


def test_comment_counts_show_on_the_article_and_in_listings(client, blog, article, approved_comment):
    approved_comment()
    approved_comment(text="Second")
    Comment.objects.create(page=article, name="X", email="x@example.org", text="held", status=Comment.Status.PENDING)
    assert "2 comments" in main_content(client.get(article.url))
    assert "2 comments" in main_content(client.get(blog.url))
