"""Approval publishes a comment and tells the parent's author, by real email."""

import pytest
from django.test import Client
from wagtail.models import Site

from community.models import Comment, CommentSettings
from community.moderation import set_status
from tests.community.helpers import post_comment


@pytest.fixture
def moderate(django_capture_on_commit_callbacks):
    """Change comments' status as an editor does, running commit hooks."""

    def run(comments, status):
        with django_capture_on_commit_callbacks(execute=True):
            set_status(comments, status)

    return run


# Notifications are enqueued when the transaction commits; each test runs in
# a transaction, so the commit hooks are run explicitly where mail is expected.


def test_held_comment_emails_the_moderators(client, article, smtp_sink, django_capture_on_commit_callbacks):
    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.moderator_emails = "mod@example.org"
    rules.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, text="Please approve me")
    (message,) = smtp_sink.to("mod@example.org")
    assert "Please approve me" in message.get_content()
    assert "/admin/snippets/community/comment/edit/" in message.get_content()
    assert "robin@example.org" not in message.get_content()


def test_approval_shows_the_reply_and_notifies_the_parent_once(article, approved_comment, smtp_sink, moderate):
    parent = approved_comment(name="Pat", email="pat@example.org", notify_replies=True)
    reply = Comment.objects.create(page=article, parent=parent, depth=1, name="Quinn", email="quinn@example.org", text="Same here!", status=Comment.Status.PENDING)
    assert "Same here!" not in Client().get(article.url).content.decode()

    moderate([reply], Comment.Status.APPROVED)
    assert "Same here!" in Client().get(article.url).content.decode()
    (message,) = smtp_sink.to("pat@example.org")
    assert message["Subject"] == f"New reply to your comment on {article.title}"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "quinn@example.org" not in message.get_content()

    reply.refresh_from_db()
    moderate([reply], Comment.Status.PENDING)
    moderate([reply], Comment.Status.APPROVED)
    assert len(smtp_sink.to("pat@example.org")) == 1


def test_no_email_for_parents_who_did_not_ask(article, approved_comment, smtp_sink, moderate):
    parent = approved_comment(email="quiet@example.org", notify_replies=False)
    reply = Comment.objects.create(page=article, parent=parent, depth=1, name="Q", email="q@example.org", text="hi", status=Comment.Status.PENDING)
    moderate([reply], Comment.Status.APPROVED)
    assert smtp_sink.to("quiet@example.org") == []


def test_one_click_stop_link_ends_reply_emails(article, approved_comment, smtp_sink, moderate):
    parent = approved_comment(email="pat@example.org", notify_replies=True)
    first = Comment.objects.create(page=article, parent=parent, depth=1, name="Q", email="q@example.org", text="one", status=Comment.Status.PENDING)
    moderate([first], Comment.Status.APPROVED)
    (message,) = smtp_sink.to("pat@example.org")
    stop_url = message["List-Unsubscribe"].strip("<>")
    path = stop_url.split("://", 1)[1].split("/", 1)[1]

    mail_client = Client(enforce_csrf_checks=True)  # a mail client: no cookie, no CSRF token
    for _ in range(2):  # repeating it is harmless
        response = mail_client.post("/" + path, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
    assert not Comment.objects.get(pk=parent.pk).notify_replies

    second = Comment.objects.create(page=article, parent=parent, depth=1, name="R", email="r@example.org", text="two", status=Comment.Status.PENDING)
    moderate([second], Comment.Status.APPROVED)
    assert len(smtp_sink.to("pat@example.org")) == 1


def test_stop_link_get_changes_nothing_and_forged_tokens_are_refused(client, article, approved_comment):
    from community.tokens import stop_replies_token

    parent = approved_comment(email="pat@example.org", notify_replies=True)
    assert client.get(f"/comments/stop-replies/{stop_replies_token('pat@example.org')}/").status_code == 200
    assert Comment.objects.get(pk=parent.pk).notify_replies
    assert client.post("/comments/stop-replies/forged-token/").status_code == 400
