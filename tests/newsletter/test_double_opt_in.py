"""Subscribing: a confirmation email with a signed link, then a welcome
email; nothing is sent to a reader before they confirm."""

import pytest
from django.test import Client

from newsletter.models import Subscriber

from .conftest import link, path_of, text_of


@pytest.fixture
def subscribe(client, committing):
    def post(email, source="footer", **extra):
        with committing():
            return client.post("/newsletter/", {"email": email, "source": source, **extra})

    return post


def test_subscribe_then_confirm_then_welcome(site_tree, smtp_sink, subscribe, client, committing):
    response = subscribe("New.Reader@Example.org ")
    assert response.status_code == 303 and response["Location"] == "/newsletter/check-your-inbox/"
    assert "Check your inbox" in client.get(response["Location"]).content.decode()

    subscriber = Subscriber.objects.get(email="new.reader@example.org")
    assert subscriber.status == Subscriber.Status.PENDING and subscriber.source == Subscriber.Source.FOOTER
    (confirmation,) = smtp_sink.to("new.reader@example.org")
    assert confirmation["Subject"] == "Please confirm your subscription to Chronicle"
    assert confirmation["List-Unsubscribe"]

    with committing():
        page = client.get(path_of(link(confirmation, "/newsletter/confirm/")))
    assert page.status_code == 200 and "You’re subscribed" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.consented_at and subscriber.consent_text

    welcome = smtp_sink.to("new.reader@example.org")[1]
    assert welcome["Subject"] == "Welcome to Chronicle"
    assert "/newsletter/preferences/" in text_of(welcome)


def test_confirming_twice_changes_nothing_and_sends_one_welcome(site_tree, smtp_sink, subscribe, client, committing):
    subscribe("twice@example.org")
    confirm_path = path_of(link(smtp_sink.to("twice@example.org")[0], "/newsletter/confirm/"))
    with committing():
        assert client.get(confirm_path).status_code == 200
        assert client.get(confirm_path).status_code == 200
    assert [m["Subject"] for m in smtp_sink.to("twice@example.org")][1:] == ["Welcome to Chronicle"]


def test_a_pending_reader_gets_no_posts(site_tree, smtp_sink, subscribe, publish):
    subscribe("pending@example.org")
    smtp_sink.clear()
    publish()
    assert smtp_sink.to("pending@example.org") == []


def test_the_subscribe_box_source_is_recorded_and_unknown_sources_fall_back(site_tree, smtp_sink, subscribe):
    subscribe("a@example.org", source="article")
    subscribe("b@example.org", source="<script>")
    assert Subscriber.objects.get(email="a@example.org").source == "article"
    assert not Subscriber.objects.filter(email="b@example.org").exists()  # refused: a form error


def test_a_bot_filling_the_hidden_field_sees_success_but_nothing_happens(site_tree, smtp_sink, subscribe):
    response = subscribe("bot@example.org", website="http://spam.example")
    assert response.status_code == 303
    assert not Subscriber.objects.filter(email="bot@example.org").exists()
    assert smtp_sink.messages == []


def test_post_without_csrf_token_asks_to_confirm_and_changes_nothing(site_tree, smtp_sink, committing):
    browser = Client(enforce_csrf_checks=True)
    with committing():
        response = browser.post("/newsletter/", {"email": "nojs@example.org", "source": "footer"})
    html = response.content.decode()
    assert response.status_code == 200 and "One more step" in html
    assert 'value="nojs@example.org"' in html and "csrfmiddlewaretoken" in html
    assert not Subscriber.objects.filter(email="nojs@example.org").exists() and smtp_sink.messages == []

    token = response.cookies["csrftoken"].value
    with committing():
        confirmed = browser.post("/newsletter/", {"email": "nojs@example.org", "source": "footer", "csrfmiddlewaretoken": token})
    assert confirmed.status_code == 303
    assert len(smtp_sink.to("nojs@example.org")) == 1


def test_subscribe_box_renders_without_a_csrf_token(site_tree):
    from django.template import Context, Template

    html = Template('{% include "newsletter/includes/subscribe_box.html" with source="article" %}').render(Context({}))
    assert "data-csrf-fetch" in html and "csrfmiddlewaretoken" not in html
    assert 'action="/newsletter/"' in html and 'value="article"' in html and 'id="nl-email-article"' in html
