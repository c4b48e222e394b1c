"""The subscribe form answers the same whether or not an address is known;
what differs is the email the address's owner receives."""

import pytest

from newsletter.models import Subscriber

from .conftest import text_of


@pytest.mark.parametrize(
    "status",
    [None, Subscriber.Status.PENDING, Subscriber.Status.CONFIRMED, Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.BOUNCED],
)
def test_same_answer_for_known_and_unknown_addresses(client, site_tree, make_subscriber, committing, smtp_sink, status):
    if status:
        make_subscriber(email="known@example.org", status=status)
    with committing():
        known = client.post("/newsletter/", {"email": "known@example.org", "source": "footer"})
        unknown = client.post("/newsletter/", {"email": "nobody-yet@example.org", "source": "footer"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.content == unknown.content
    assert set(known.cookies) == set(unknown.cookies)


def test_a_confirmed_reader_gets_a_helpful_email_instead(client, site_tree, make_subscriber, committing, smtp_sink):
    make_subscriber(email="known@example.org")
    with committing():
        client.post("/newsletter/", {"email": "known@example.org", "source": "footer"})
    (message,) = smtp_sink.to("known@example.org")
    assert "already subscribed" in message["Subject"]
    assert "/newsletter/preferences/" in text_of(message) and "/newsletter/confirm/" not in text_of(message)
    assert Subscriber.objects.get(email="known@example.org").status == Subscriber.Status.CONFIRMED


def test_an_unsubscribed_reader_must_confirm_again(client, site_tree, make_subscriber, committing, smtp_sink, publish):
    make_subscriber(email="back@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    with committing():
        client.post("/newsletter/", {"email": "back@example.org", "source": "footer"})
    (message,) = smtp_sink.to("back@example.org")
    assert "confirm" in message["Subject"]
    assert Subscriber.objects.get(email="back@example.org").status == Subscriber.Status.UNSUBSCRIBED
    smtp_sink.clear()
    publish()
    assert smtp_sink.to("back@example.org") == []  # still suppressed until they confirm


def test_repeated_requests_cannot_flood_an_inbox(client, site_tree, committing, smtp_sink, settings):
    settings.NEWSLETTER_EMAILS_PER_ADDRESS = 3
    with committing():
        responses = [client.post("/newsletter/", {"email": "victim@example.org"}) for _ in range(6)]
    assert {response.status_code for response in responses} == {303}
    assert len(smtp_sink.to("victim@example.org")) == 3


def test_one_client_posting_too_often_gets_429(client, site_tree, committing, smtp_sink, settings):
    settings.NEWSLETTER_SUBSCRIBE_LIMIT_PER_IP = 3
    with committing():
        codes = [client.post("/newsletter/", {"email": f"r{n}@example.org"}).status_code for n in range(5)]
    assert codes == [303, 303, 303, 429, 429]
    assert Subscriber.objects.count() == 3
