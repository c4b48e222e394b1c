"""Closed discussions, and personal data that does not outlive its use."""

import datetime
import io
import json

import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from community.models import Comment, CommentSettings
from community.tasks import clear_old_personal_data
from tests.community.helpers import post_comment


def test_closed_article_hides_the_form_and_refuses_posts(client, article):
    article.comments_open = False
    article.save_revision().publish()
    assert "Comments are closed" in client.get(article.url).content.decode()
    assert post_comment(client, article).status_code == 403
    assert Comment.objects.count() == 0


def test_comments_close_on_old_articles_when_editors_say_so(client, article):
    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.close_after_days = 30
    rules.save()
    assert post_comment(client, article, text="while fresh").status_code == 302
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        assert post_comment(client, article, text="too late").status_code == 403


def test_ip_and_browser_are_cleared_after_the_retention_period(client, article):
    post_comment(client, article)
    comment = Comment.objects.get()
    assert comment.ip_address == "127.0.0.1"
    clear_old_personal_data.call()
    assert Comment.objects.get().ip_address == "127.0.0.1"
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        clear_old_personal_data.call()
    comment = Comment.objects.get()
    assert comment.ip_address is None and comment.user_agent == ""
    assert comment.text  # the comment itself stays


def test_export_and_erase_everything_for_an_address(article, approved_comment):
    approved_comment(email="leaving@example.org", name="Leaving Person", text="My words")
    approved_comment(email="staying@example.org", text="Other words")
    out = io.StringIO()
    call_command("comments_privacy", "export", "leaving@example.org", stdout=out)
    exported = json.loads(out.getvalue())
    assert [c["text"] for c in exported["comments"]] == ["My words"]

    call_command("comments_privacy", "erase", "leaving@example.org", "--keep-text", stdout=io.StringIO())
    kept = Comment.objects.get(text="My words")
    assert (kept.name, kept.email, kept.ip_address) == ("Deleted user", "", None)

    call_command("comments_privacy", "erase", "staying@example.org", stdout=io.StringIO())
    assert not Comment.objects.filter(text="Other words").exists()
