"""A subscriber's data can be exported and erased on request, and is never
shown publicly."""

from newsletter import subscriptions
from newsletter.models import Delivery, Subscriber
from tests.factories import CategoryFactory


def test_export_lists_what_we_keep(make_subscriber, smtp_sink, publish):
    sleep = CategoryFactory(name="Sleep")
    reader = make_subscriber(email="me@example.org", categories=[sleep], consent_text="Yes please")
    publish(title="About sleep", categories=[sleep])
    data = subscriptions.export_data("ME@example.org")
    assert data["email"] == "me@example.org" and data["categories"] == ["Sleep"] and data["consent_text"] == "Yes please"
    assert [email["subject"] for email in data["emails"]] == ["About sleep"]
    assert subscriptions.export_data("nobody@example.org") is None
    assert reader.pk


def test_erase_forgets_the_address_and_its_deliveries(make_subscriber, smtp_sink, publish):
    make_subscriber(email="me@example.org")
    publish()
    assert subscriptions.erase("me@example.org") is True
    assert not Subscriber.objects.filter(email="me@example.org").exists()
    assert not Delivery.objects.exists()
    assert subscriptions.erase("me@example.org") is False


def test_addresses_never_appear_on_public_pages(client, site_tree, make_subscriber, publish):
    make_subscriber(email="secret-reader@example.org")
    article = publish()
    for url in ["/", article.url, "/newsletter/", "/newsletter/check-your-inbox/"]:
        assert b"secret-reader" not in client.get(url).content
