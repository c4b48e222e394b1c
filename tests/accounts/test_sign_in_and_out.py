"""Readers sign in with their email address and sign out with a button
(a link, or anything else that GETs the sign-out page, changes nothing)."""

from django.test import Client

from community.models import Comment
from tests.accounts.helpers import PASSWORD, is_signed_in, make_reader, post, sign_in, sign_up
from tests.community.helpers import post_comment
from tests.utils import main_content


def test_reader_signs_in_with_their_address_in_any_case(client, reader):
    response = sign_in(client, "  SAM@Example.ORG ")
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert is_signed_in(client)


def test_wrong_password_says_so_without_saying_which_part(client, reader):
    response = sign_in(client, reader.email, "not-the-password")
    assert response.status_code == 200 and not is_signed_in(client)
    html = main_content(response)
    assert "The email address and/or password you specified are not correct." in html
    assert 'role="alert"' in html
    unknown = main_content(sign_in(Client(enforce_csrf_checks=True), "nobody@example.org", "not-the-password"))
    assert "The email address and/or password you specified are not correct." in unknown


def test_sign_in_page_labels_its_fields(client, db):
    html = main_content(client.get("/accounts/login/"))
    assert '<label for="id_login">Email address</label>' in html and 'autocomplete="email"' in html
    assert '<label for="id_password">Password</label>' in html and 'autocomplete="current-password"' in html
    assert '<label for="id_remember">Keep me signed in on this device</label>' in html


def test_sign_in_never_redirects_to_another_site(client, reader):
    response = post(client, "/accounts/login/?next=https://evil.example/", {"login": reader.email, "password": PASSWORD, "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/account/"
    response = post(Client(enforce_csrf_checks=True), "/accounts/login/", {"login": reader.email, "password": PASSWORD, "next": "/blog/"})
    assert response["Location"] == "/blog/"


def test_get_does_not_sign_out(client, reader):
    client.force_login(reader)
    response = client.get("/accounts/logout/")
    assert response.status_code == 200
    html = main_content(response)
    assert "Sign out of your account on this device?" in html and 'method="post"' in html
    assert is_signed_in(client)


def test_post_signs_out(client, reader):
    client.force_login(reader)
    response = post(client, "/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert not is_signed_in(client)
    assert client.get("/account/").status_code == 302


def test_sign_out_without_csrf_token_is_refused(client, reader):
    client.force_login(reader)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    assert is_signed_in(client)


def test_my_account_needs_signing_in(client, db):
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/account/"
    for url in ("/account/profile/", "/account/export/", "/account/delete/"):
        assert client.get(url)["Location"].startswith("/accounts/login/?next=")


def test_unverified_account_cannot_comment_as_itself(client, article, smtp_sink):
    sign_up(client, "robin@example.org")
    sign_in(client, "robin@example.org")
    assert not is_signed_in(client)
    html = main_content(client.get(article.url))
    assert 'name="email"' in html and "Commenting as" not in html  # the guest form
    post_comment(client, article, name="Robin", email="robin@example.org", text="Posted while unverified")
    assert Comment.objects.get().user is None


def test_verified_reader_comments_under_their_display_name(client, article):
    reader = make_reader(email="sam@example.org")
    client.force_login(reader)
    post(client, "/account/profile/", {"display_name": "Sam Lee", "bio": "", "avatar_colour": "2", "text_size": "normal", "theme": "auto"})
    html = main_content(client.get(article.url))
    assert "Commenting as <strong>Sam Lee</strong>" in html
    post_comment(client, article, name=None, email=None, text="Signed in and sharing")
    comment = Comment.objects.get()
    assert (comment.user, comment.name, comment.email) == (reader, "Sam Lee", "sam@example.org")


def test_reader_without_a_display_name_never_shows_their_address(client, article):
    reader = make_reader(email="private.person@example.org", username="reader-x7k2m9pq")
    client.force_login(reader)
    post_comment(client, article, name=None, email=None, text="Who am I?")
    assert Comment.objects.get().name == "reader-x7k2m9pq"


