"""Authors edit or delete their own comment within the window, nobody else can."""

import datetime

import time_machine
from django.test import Client
from django.utils import timezone

from community.models import Comment
from tests.community.helpers import post_comment


def test_author_can_edit_and_delete_within_the_window(client, article):
    post_comment(client, article, text="Typo in thsi")
    comment = Comment.objects.get()
    token = client.get("/csrf/").json()["token"]
    response = client.post(f"/comments/{comment.pk}/edit/", {"text": "Typo in this, fixed", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Comment.objects.get().text == "Typo in this, fixed"
    client.post(f"/comments/{comment.pk}/delete/", {"csrfmiddlewaretoken": token})
    assert Comment.objects.get().status == Comment.Status.TRASH
    assert "Typo in this" not in client.get(article.url).content.decode()


def test_nobody_else_can_edit(client, article):
    post_comment(client, article)
    comment = Comment.objects.get()
    stranger = Client()
    assert stranger.get(f"/comments/{comment.pk}/edit/").status_code == 404
    assert stranger.post(f"/comments/{comment.pk}/delete/").status_code in (403, 404)
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_editing_closes_after_the_window(client, article):
    post_comment(client, article)
    comment = Comment.objects.get()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert client.get(f"/comments/{comment.pk}/edit/").status_code == 404


def test_empty_or_oversize_edit_is_refused_and_keeps_the_old_text(client, article):
    post_comment(client, article, text="Original words")
    comment = Comment.objects.get()
    token = client.get("/csrf/").json()["token"]
    for text in ("", "x" * 5001):
        response = client.post(f"/comments/{comment.pk}/edit/", {"text": text, "csrfmiddlewaretoken": token})
        assert response.status_code == 400
    assert Comment.objects.get().text == "Original words"


def test_edits_need_a_csrf_token(client, article):
    post_comment(client, article, text="Original words")
    comment = Comment.objects.get()
    response = client.post(f"/comments/{comment.pk}/edit/", {"text": "forged"})
    assert response.status_code == 403
    assert "Please go back and try again" in response.content.decode()  # in the site's design
    assert Comment.objects.get().text == "Original words"
