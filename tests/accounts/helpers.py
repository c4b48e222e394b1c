"""Helpers for account tests: post forms as a browser would, read mail."""

import re

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

PASSWORD = "calm-river-lantern-42"
URL_IN_TEXT = re.compile(r"https?://[^\s>]+")


def csrf_token(client):
    return client.get("/csrf/").json()["token"]


def post(client, url, data=None, **extra):
    """POST like a browser with a fresh CSRF token (the client enforces CSRF)."""
    return client.post(url, {**(data or {}), "csrfmiddlewaretoken": csrf_token(client)}, **extra)


def make_reader(email="sam@example.org", password=PASSWORD, verified=True, username=None, **fields):
    """A reader as allauth leaves one after sign-up (and, by default, after
    confirming their address)."""
    User = get_user_model()
    username = username or f"reader-{User.objects.count() + 1}"
    user = User.objects.create_user(username=username, email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def sign_up(client, email, password=PASSWORD, password2=None):
    return post(client, "/accounts/signup/", {"email": email, "password1": password, "password2": password2 or password})


def sign_in(client, email, password=PASSWORD):
    return post(client, "/accounts/login/", {"login": email, "password": password})


def links_in(message):
    body = message.get_body(preferencelist=("plain",)).get_content()
    return URL_IN_TEXT.findall(body)


def path_of(url):
    from urllib.parse import urlsplit

    return urlsplit(url).path


def only_link_to(sink, address, contains):
    """The one link containing `contains` in the one message sent to `address`."""
    messages = sink.to(address)
    assert len(messages) == 1, f"expected one email to {address}, got {len(messages)}"
    links = [link for link in links_in(messages[0]) if contains in link]
    assert len(links) == 1, links
    return path_of(links[0])


def is_signed_in(client):
    from django.contrib.auth import SESSION_KEY

    return SESSION_KEY in client.session
