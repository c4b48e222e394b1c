"""Spam and abuse: bots, floods, duplicates, oversize and hostile input."""

import time

import pytest
from django.test import Client, override_settings

from community.forms import CommentForm
from community.models import Comment
from tests.community.helpers import comment_data, post_comment


def test_honeypot_filled_in_saves_nothing(client, article):
    response = post_comment(client, article, homepage="http://bot.example")
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_instant_or_tokenless_posts_are_refused_with_a_clear_message(client, article):
    too_fast = post_comment(client, article, form_token=CommentForm(now=time.time()).make_token())
    assert too_fast.status_code == 400 and "quicker than we expected" in too_fast.content.decode()
    forged = post_comment(client, article, form_token="forged")
    assert forged.status_code == 400 and "reload the page" in forged.content.decode()
    assert Comment.objects.count() == 0


def test_the_text_survives_a_refused_post(client, article):
    response = post_comment(client, article, email="not-an-email", text="My long careful comment")
    html = response.content.decode()
    assert response.status_code == 400
    assert "My long careful comment" in html and "Enter a valid email address" in html


@override_settings(CHRONICLE_COMMENT_RATE_PER_IP=(3, 600))
def test_a_flood_from_one_address_gets_429_with_when_to_retry(client, article):
    statuses = [post_comment(client, article, text=f"comment {n}", email=f"p{n}@example.org").status_code for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    response = post_comment(client, article, text="again", email="new@example.org")
    assert int(response["Retry-After"]) > 0
    assert "Please try again in about" in response.content.decode()
    assert Comment.objects.count() == 3


@override_settings(CHRONICLE_COMMENT_RATE_PER_IP=(3, 600))
def test_spoofed_forwarded_for_does_not_escape_the_limit(article):
    client = Client()
    token = client.get("/csrf/").json()["token"]
    statuses = []
    for n in range(5):
        statuses.append(
            client.post(
                f"/comments/post/{article.pk}/",
                {**comment_data(text=f"c{n}", email=f"s{n}@example.org"), "csrfmiddlewaretoken": token},
                HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
            ).status_code
        )
    assert statuses.count(429) == 2


def test_the_same_comment_twice_is_refused(client, article):
    assert post_comment(client, article, text="Only once please").status_code == 302
    again = post_comment(client, article, text="Only once please")
    assert again.status_code == 400 and "already posted this comment" in again.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("text", "x" * 5001, "under 5000 characters"),
        ("text", "", "Please write your comment"),
        ("text", "   \n  ", "Please write your comment"),
        ("name", "", "This field is required"),
        ("name", "n" * 81, "at most 80 characters"),
        ("email", "", "This field is required"),
        ("email", "x" * 300 + "@example.org", "at most 254 characters"),
        ("url", "javascript:alert(1)", "http:// or https://"),
        ("text", " ".join(f"https://l{n}.example" for n in range(12)), "too many links"),
    ],
)
def test_bad_input_gets_a_form_error_and_saves_nothing(client, article, field, value, message):
    response = post_comment(client, article, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("field,value", [("name", "Robin\r\nBcc: all@example.org"), ("email", "robin@example.org\r\nBcc: all@example.org"), ("name", "Robin\nX")])
def test_header_injection_in_name_or_email_is_refused(client, article, field, value):
    response = post_comment(client, article, **{field: value})
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_a_post_without_csrf_token_saves_nothing_and_asks_to_confirm(article):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/comments/post/{article.pk}/", comment_data(text="Sent without script"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "press “Post comment” again" in html and "Sent without script" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert Comment.objects.count() == 0


def test_comments_on_unknown_or_draft_articles_are_404(client, blog):
    from tests.factories import make_article

    draft = make_article(blog, publish=False)
    assert post_comment(client, draft).status_code == 404
    token = client.get("/csrf/").json()["token"]
    assert client.post("/comments/post/999999/", {**comment_data(), "csrfmiddlewaretoken": token}).status_code == 404
    assert client.get(f"/comments/post/{draft.pk}/").status_code in (404, 405)
