"""Delete my account: confirmed with the password; the reader chooses whether
their comments stay (signed "Deleted user") or go; every registered eraser
runs; the account is deleted (or, when the site must keep something that
points at it, anonymised); the reader is signed out. Afterwards the
database holds nothing under their address."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import ProtectedError
from django.test import Client

from accounts import area, privacy
from accounts.models import Profile
from community.inbox.models import Message
from community.models import Comment
from tests.accounts.helpers import PASSWORD, is_signed_in, make_reader, post, sign_in
from tests.utils import main_content

User = get_user_model()


def database_text():
    """Every row of every table, as text, lower-cased: what a search of the
    whole database would find."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(f"{table}: {row!r}" for row in cursor.fetchall())
    return "\n".join(chunks).lower()


@pytest.fixture
def history(reader, article):
    """A reader who signed in for real, set up a profile, and commented both
    signed in and as a guest (under a second confirmed address); plus
    someone else's comment that must survive."""
    client = Client(enforce_csrf_checks=True)
    sign_in(client, reader.email)
    post(client, "/account/profile/", {"display_name": "Samwise Quill", "bio": "Runner", "avatar_colour": "1", "text_size": "normal", "theme": "auto"})
    EmailAddress.objects.create(user=reader, email="sam.old@example.org", verified=True)
    signed = Comment.objects.create(page=article, user=reader, name="Samwise Quill", email="sam@example.org", text="Signed-in words", ip_address="192.0.2.1", user_agent="Firefox")
    guest = Comment.objects.create(page=article, name="Sam", email="sam.old@example.org", text="Guest words", status=Comment.Status.APPROVED)
    reply = Comment.objects.create(page=article, parent=guest, depth=1, name="Alex", email="alex@example.org", text="A reply to Sam")
    Message.objects.create(name="Samwise Quill", email="sam.old@example.org", subject="Hello", body="Please call me", ip_address="192.0.2.1")
    Message.objects.create(name="Alex", email="alex@example.org", subject="Hi", body="Alex's message")
    sign_in(Client(enforce_csrf_checks=True), reader.email, "wrong")  # a failed attempt on record too
    return client, signed, guest, reply


def _delete(client, comments="keep", password=PASSWORD):
    return post(client, "/account/delete/", {"comments": comments, "password": password})


def test_delete_page_explains_and_asks_for_password_and_a_choice(client, reader):
    client.force_login(reader)
    html = main_content(client.get("/account/delete/"))
    assert "This cannot be undone." in html and "What stays" in html
    assert "<legend>Your comments</legend>" in html
    assert "Keep my comments, signed “Deleted user”" in html and "Remove my comments" in html
    assert 'autocomplete="current-password"' in html


def test_keeping_comments_leaves_the_words_and_nothing_personal(history, reader):
    client, signed, guest, reply = history
    response = _delete(client, "keep")
    assert response.status_code == 302 and response["Location"] == "/account/deleted/"
    assert not is_signed_in(client)
    assert "Your account is deleted" in main_content(client.get("/account/deleted/"))
    assert not User.objects.filter(pk=reader.pk).exists()

    kept = {comment.text: comment for comment in Comment.objects.all()}
    assert set(kept) == {"Signed-in words", "Guest words", "A reply to Sam"}
    for text in ("Signed-in words", "Guest words"):
        comment = kept[text]
        assert (comment.name, comment.email, comment.url, comment.ip_address, comment.user_agent, comment.user) == ("Deleted user", "", "", None, "", None)
    assert kept["A reply to Sam"].email == "alex@example.org"
    assert list(Message.objects.values_list("body", flat=True)) == ["Alex's message"]

    everything = database_text()
    for personal in ("sam@example.org", "sam.old@example.org", "samwise quill", reader.username.lower(), "192.0.2.1"):
        assert personal not in everything, personal


def test_removing_comments_removes_them_and_keeps_other_peoples(history, reader):
    client, signed, guest, reply = history
    _delete(client, "remove")
    assert list(Comment.objects.values_list("text", flat=True)) == ["A reply to Sam"]
    everything = database_text()
    assert "sam@example.org" not in everything and "sam.old@example.org" not in everything
    assert "guest words" not in everything and "signed-in words" not in everything


def test_wrong_password_deletes_nothing(client, reader):
    client.force_login(reader)
    response = _delete(client, "keep", password="not-it")
    assert response.status_code == 400
    html = main_content(response)
    assert "That is not your password." in html and 'aria-describedby="id_password_errors"' in html
    assert User.objects.filter(pk=reader.pk).exists() and is_signed_in(client)


def test_the_reader_must_choose_what_happens_to_comments(client, reader):
    client.force_login(reader)
    for choice in ("", "maybe", "KEEP"):
        response = _delete(client, choice)
        assert response.status_code == 400
        assert "Please choose" in main_content(response)
    assert User.objects.filter(pk=reader.pk).exists()


def test_every_registered_eraser_runs_with_the_readers_choice(client, reader):
    calls = []
    area.register_eraser("test_orders", lambda user, keep_comments: calls.append((user.email, keep_comments)))
    try:
        client.force_login(reader)
        _delete(client, "remove")
    finally:
        area.unregister("test_orders")
    assert calls == [("sam@example.org", False)]


def test_an_eraser_that_fails_leaves_everything_as_it_was(client, reader, article):
    Comment.objects.create(page=article, user=reader, name="Sam", email="sam@example.org", text="Still here")

    def broken(user, keep_comments):
        raise RuntimeError("store is down")

    area.register_eraser("zz_broken", broken)
    try:
        client.force_login(reader)
        with pytest.raises(RuntimeError):
            _delete(client, "remove")
    finally:
        area.unregister("zz_broken")
    assert User.objects.filter(pk=reader.pk).exists()
    assert Comment.objects.get().email == "sam@example.org"


def test_account_still_referenced_by_protected_rows_is_anonymised(client, reader, monkeypatch):
    def protected(user):
        raise ProtectedError("an order points at this user", set())

    monkeypatch.setattr(privacy, "_delete_user", protected)
    client.force_login(reader)
    response = _delete(client, "keep")
    assert response.status_code == 302 and not is_signed_in(client)
    user = User.objects.get(pk=reader.pk)
    assert user.username.startswith("deleted-") and user.email == "" and not user.is_active and not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists() and not Profile.objects.filter(user=user).exists()
    assert "sam@example.org" not in database_text()
    assert sign_in(Client(enforce_csrf_checks=True), "sam@example.org").status_code == 200  # cannot sign in


def test_staff_accounts_are_not_deleted_here(client, db):
    editor = make_reader(email="editor@example.org", is_staff=True)
    client.force_login(editor)
    assert "removed by another administrator" in main_content(client.get("/account/delete/"))
    assert _delete(client, "keep").status_code == 403
    assert User.objects.filter(pk=editor.pk).exists()


def test_password_guesses_on_the_delete_form_are_limited(client, reader):
    client.force_login(reader)
    statuses = [_delete(client, "keep", password=f"guess-{n}").status_code for n in range(11)]
    assert statuses[:10] == [400] * 10 and statuses[10] == 429
    assert _delete(client, "keep").status_code == 429  # even with the right one, for now
    assert User.objects.filter(pk=reader.pk).exists()


def test_delete_without_csrf_token_is_refused(client, reader):
    client.force_login(reader)
    response = client.post("/account/delete/", {"comments": "keep", "password": PASSWORD})
    assert response.status_code == 403
    assert User.objects.filter(pk=reader.pk).exists()
