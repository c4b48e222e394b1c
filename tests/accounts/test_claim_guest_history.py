"""Guests who commented with an address can claim that history: once the
same address is confirmed on an account (at sign-up or added later), its
guest comments become the account's. An unconfirmed address claims nothing."""

from django.contrib.auth import get_user_model
from django.test import Client

from accounts import area
from community.models import Comment
from tests.accounts.helpers import make_reader, only_link_to, post, sign_in, sign_up
from tests.utils import main_content


def _guest_comment(article, email, text, name="Robin"):
    return Comment.objects.create(page=article, name=name, email=email, text=text, status=Comment.Status.APPROVED)


def test_signing_up_with_the_address_claims_its_guest_comments_once_confirmed(client, article, smtp_sink):
    _guest_comment(article, "Robin@Example.org", "Guest words from last year")
    _guest_comment(article, "someone@example.org", "Not Robin's")
    sign_up(client, "robin@example.org")
    robin = get_user_model().objects.get(email="robin@example.org")
    assert not Comment.objects.filter(user=robin).exists()  # not before confirming

    post(client, only_link_to(smtp_sink, "robin@example.org", "/accounts/confirm-email/"))
    assert list(Comment.objects.filter(user=robin).values_list("text", flat=True)) == ["Guest words from last year"]
    assert Comment.objects.get(text="Not Robin's").user is None

    sign_in(client, "robin@example.org")
    assert "Guest words from last year" in main_content(client.get("/account/"))


def test_adding_an_address_claims_nothing_until_it_is_confirmed(client, reader, article, smtp_sink):
    _guest_comment(article, "sam.old@example.org", "Written under my old address")
    client.force_login(reader)
    post(client, "/accounts/email/", {"email": "sam.old@example.org", "action_add": ""})
    assert Comment.objects.get().user is None
    assert "Written under my old address" not in main_content(client.get("/account/"))

    post(client, only_link_to(smtp_sink, "sam.old@example.org", "/accounts/confirm-email/"))
    assert Comment.objects.get().user == reader
    assert "Written under my old address" in main_content(client.get("/account/"))


def test_comments_of_another_account_are_never_claimed(client, article, smtp_sink):
    alex = make_reader(email="alex@example.org")
    Comment.objects.create(page=article, user=alex, name="Alex", email="shared@example.org", text="Alex's, signed in")
    sam = make_reader(email="sam@example.org")
    client.force_login(sam)
    post(client, "/accounts/email/", {"email": "shared@example.org", "action_add": ""})
    post(client, only_link_to(smtp_sink, "shared@example.org", "/accounts/confirm-email/"))
    assert Comment.objects.get().user == alex


def test_someone_else_cannot_claim_by_adding_your_address(client, article, smtp_sink):
    _guest_comment(article, "robin@example.org", "Robin's guest words")
    mallory = make_reader(email="mallory@example.org")
    client.force_login(mallory)
    post(client, "/accounts/email/", {"email": "robin@example.org", "action_add": ""})
    # Mallory cannot follow the link: it went to Robin's inbox.
    assert Comment.objects.get().user is None
    assert "Robin's guest words" not in main_content(client.get("/account/"))
    assert "Robin&#x27;s guest words" not in main_content(client.get("/account/"))


def test_every_registered_claimer_is_called(client, article, smtp_sink):
    calls = []
    area.register_claimer("test_subscriptions", lambda user, email: calls.append((user.email, email)))
    try:
        sign_up(client, "robin@example.org")
        post(client, only_link_to(smtp_sink, "robin@example.org", "/accounts/confirm-email/"))
    finally:
        area.unregister("test_subscriptions")
    assert calls == [("robin@example.org", "robin@example.org")]


def test_a_second_confirmation_claims_nothing_twice(client, article, smtp_sink):
    _guest_comment(article, "robin@example.org", "Once")
    sign_up(client, "robin@example.org")
    link = only_link_to(smtp_sink, "robin@example.org", "/accounts/confirm-email/")
    post(client, link)
    post(Client(enforce_csrf_checks=True), link)
    assert Comment.objects.filter(user__email="robin@example.org").count() == 1


def test_a_signup_with_an_already_verified_address_claims_at_once(article, rf):
    """As when a social provider vouches for the address (none is enabled)."""
    from allauth.account.models import EmailAddress
    from allauth.account.signals import user_signed_up

    _guest_comment(article, "robin@example.org", "Vouched for")
    _guest_comment(article, "other@example.org", "Not vouched for")
    robin = make_reader(email="robin@example.org")
    EmailAddress.objects.create(user=robin, email="other@example.org", verified=False)
    user_signed_up.send(sender=robin.__class__, request=rf.get("/"), user=robin)
    assert list(Comment.objects.filter(user=robin).values_list("text", flat=True)) == ["Vouched for"]


def test_an_email_and_password_signup_claims_nothing_before_confirming(client, article, smtp_sink):
    _guest_comment(article, "robin@example.org", "Waiting")
    sign_up(client, "robin@example.org")
    assert Comment.objects.get().user is None
