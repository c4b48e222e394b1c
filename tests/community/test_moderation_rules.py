"""Editors' rules decide what is published, held or treated as spam."""

import pytest
from wagtail.models import Site

from community.models import Comment, CommentSettings
from tests.community.helpers import post_comment


@pytest.fixture
def rules(site_tree):
    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.hold_first_time = False
    rules.save()
    return rules


def posted(client, article, **data):
    post_comment(client, article, **data)
    return Comment.objects.order_by("-pk").first()


def test_too_many_links_are_held(client, article, rules):
    comment = posted(client, article, text="see https://a.example https://b.example https://c.example")
    assert comment.status == Comment.Status.PENDING and comment.moderation_reason == "too many links"


def test_a_link_or_two_is_fine(client, article, rules):
    assert posted(client, article, text="The NHS page helped: https://www.nhs.uk/").status == Comment.Status.APPROVED


def test_hold_words_hold_and_reject_words_mark_spam(client, article, rules):
    rules.hold_keywords = "miracle cure\n"
    rules.reject_keywords = "casino\nviagra"
    rules.save()
    assert posted(client, article, text="This Miracle Cure worked").status == Comment.Status.PENDING
    assert posted(client, article, text="Best CASINO bonus").status == Comment.Status.SPAM


def test_blocked_domains_and_addresses_are_spam(client, article, rules):
    rules.blocked_email_domains = "spam.example"
    rules.blocked_ips = "127.0.0.1"
    rules.save()
    assert posted(client, article, email="bot@spam.example").status == Comment.Status.SPAM
    rules.blocked_email_domains = ""
    rules.save()
    assert posted(client, article, email="someone@example.org", text="different text").status == Comment.Status.SPAM


def test_spam_is_never_shown_not_even_to_its_author(client, article, rules):
    rules.reject_keywords = "casino"
    rules.save()
    posted(client, article, text="casino casino")
    assert "casino casino" not in client.get(article.url).content.decode()


def test_staff_comments_are_published_as_the_team(client, article, rules, django_user_model):
    rules.hold_first_time = True
    rules.save()
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw", is_staff=True, first_name="Ed")
    client.force_login(editor)
    comment = posted(client, article, name=None, email=None, text="From the team")
    assert comment.status == Comment.Status.APPROVED and comment.is_staff_reply
    assert "Team" in client.get(article.url).content.decode()
