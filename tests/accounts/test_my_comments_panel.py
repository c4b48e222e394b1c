""""My comments" in the reader's area: their own comments only, with links
and status; the panel comes from the registry every app contributes to."""

import re
from pathlib import Path

import pytest
from django.test import Client

from accounts import area
from community.models import Comment
from tests.accounts.helpers import make_reader, post
from tests.community.helpers import post_comment
from tests.utils import main_content


@pytest.fixture
def comment(article):
    def make(text, email="sam@example.org", user=None, status=Comment.Status.APPROVED, name="Sam"):
        return Comment.objects.create(page=article, text=text, email=email, user=user, status=status, name=name)

    return make


def test_panel_lists_the_readers_comments_with_links_and_status(client, reader, article, comment):
    published = comment("Heat helps", user=reader)
    comment("Waiting for a moderator", user=reader, status=Comment.Status.PENDING)
    comment("Caught as spam", user=reader, status=Comment.Status.SPAM)
    client.force_login(reader)
    html = main_content(client.get("/account/"))
    assert '<h2 id="panel-comments-title">My comments</h2>' in html
    assert "3 comments." in html
    assert f'<a href="{article.url}#comment-{published.pk}">Muscle knots</a>' in html
    for status in ("Published", "Awaiting moderation", "Not published"):
        assert f'<span class="badge">{status}</span>' in html
    # Valid HTML datetimes: at most three digits of a second (none here).
    times = re.findall(r'<time datetime="([^"]+)"', html)
    assert len(times) == 3 and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", value) for value in times), times


def test_panel_shows_only_the_signed_in_readers_comments(client, reader, article, comment):
    other = make_reader(email="alex@example.org")
    comment("Mine, signed in", user=reader)
    comment("Mine, as a guest under my confirmed address", email="SAM@example.org")
    comment("Alex's words", user=other, email="alex@example.org", name="Alex")
    comment("A guest's words", email="guest@example.org", name="Guest")
    client.force_login(reader)
    html = main_content(client.get("/account/"))
    assert "Mine, signed in" in html and "Mine, as a guest" in html
    assert "Alex" not in html and "A guest" not in html and "alex@example.org" not in html


def test_comments_under_an_unconfirmed_address_are_not_shown(client, reader, article, comment):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=reader, email="someone.else@example.org", verified=False)
    comment("Someone else's guest comment", email="someone.else@example.org", name="Someone")
    client.force_login(reader)
    assert "Someone else" not in main_content(client.get("/account/"))


def test_another_readers_comment_ids_get_404(client, reader, article):
    alex = make_reader(email="alex@example.org")
    alex_client = Client(enforce_csrf_checks=True)
    alex_client.force_login(alex)
    post_comment(alex_client, article, name=None, email=None, text="Alex was here")
    theirs = Comment.objects.get(user=alex)
    client.force_login(reader)
    assert client.get(f"/comments/{theirs.pk}/edit/").status_code == 404
    assert client.get(f"/comments/{theirs.pk}/delete/").status_code == 404
    assert post(client, f"/comments/{theirs.pk}/delete/").status_code == 404
    assert Comment.objects.get(pk=theirs.pk).status != Comment.Status.TRASH
    assert client.get("/account/comments/").status_code == 404
    assert client.get(f"/account/{theirs.pk}/").status_code == 404


def test_the_panel_costs_the_same_queries_however_many_comments(client, reader, article, comment):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(reader)
    comment("One", user=reader)
    client.get("/account/")  # warm the site root paths cache
    with CaptureQueriesContext(connection) as few:
        client.get("/account/")
    for n in range(20):
        comment(f"More {n}", user=reader)
    with CaptureQueriesContext(connection) as many:
        client.get("/account/")
    assert len(many) == len(few)


def test_apps_contribute_their_own_panels(client, reader, settings):
    settings.TEMPLATES = [dict(settings.TEMPLATES[0], DIRS=[*settings.TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"])]
    area.register_panel("test_orders", "test_panels/orders.html", lambda user: {"orders": [f"order of {user.email}"]}, title="My test things", order=20)
    try:
        client.force_login(reader)
        html = main_content(client.get("/account/"))
        assert '<h2 id="panel-test_orders-title">My test things</h2>' in html
        assert "order of sam@example.org" in html
        assert html.index("My comments") < html.index("My test things")
    finally:
        area.unregister("test_orders")
    assert "My test things" not in main_content(client.get("/account/"))
