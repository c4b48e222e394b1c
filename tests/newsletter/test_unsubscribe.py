"""One-click unsubscribe (RFC 8058) and suppression."""

from django.test import Client

from newsletter import subscriptions, tokens
from newsletter.models import Subscriber

from .conftest import link, path_of


def test_one_click_post_without_cookies_unsubscribes(site_tree, make_subscriber, smtp_sink, publish):
    reader = make_subscriber()
    publish()
    (message,) = smtp_sink.to(reader.email)
    url = message["List-Unsubscribe"].strip().strip("<>")
    mail_client = Client(enforce_csrf_checks=True)  # no cookie, no token: what a mail provider sends
    response = mail_client.post(path_of(url), data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not response.cookies
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED and reader.suppressed_at


def test_repeating_the_one_click_post_is_harmless(site_tree, make_subscriber):
    reader = make_subscriber()
    path = f"/newsletter/unsubscribe/{tokens.make(tokens.UNSUBSCRIBE, reader)}/"
    client = Client(enforce_csrf_checks=True)
    assert client.post(path, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code == 200
    reader.refresh_from_db()
    first_time = reader.suppressed_at
    assert client.post(path, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED and reader.suppressed_at == first_time


def test_one_click_for_an_address_we_no_longer_hold_answers_200(site_tree, make_subscriber):
    reader = make_subscriber()
    path = f"/newsletter/unsubscribe/{tokens.make(tokens.UNSUBSCRIBE, reader)}/"
    reader.delete()
    response = Client(enforce_csrf_checks=True).post(path, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and "unsubscribed" in response.content.decode()


def test_get_shows_a_button_and_changes_nothing(site_tree, make_subscriber, smtp_sink, publish):
    reader = make_subscriber()
    publish()
    path = path_of(link(smtp_sink.to(reader.email)[0], "/newsletter/unsubscribe/"))
    response = Client().get(path)
    html = response.content.decode()
    assert response.status_code == 200 and '<button type="submit">Unsubscribe</button>' in html
    assert "no-store" in response["Cache-Control"]
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert Client().head(path).status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_suppressed_addresses_are_never_mailed(site_tree, make_subscriber, smtp_sink, publish):
    kept = make_subscriber()
    for status in Subscriber.SUPPRESSED:
        make_subscriber(email=f"{status}@example.org", status=status)
    unsubscribed_later = make_subscriber()
    subscriptions.unsubscribe(unsubscribed_later)
    publish()
    assert [rcpts for _, rcpts in smtp_sink.envelopes] == [[kept.email]]
    assert Subscriber.objects.suppressed().count() == 4  # kept as records


def test_unsubscribing_between_fan_out_and_sending_is_honoured(site_tree, make_subscriber, smtp_sink):
    from newsletter import tasks
    from newsletter.models import Delivery, Edition

    reader, leaving = make_subscriber(), make_subscriber()
    edition = Edition.objects.create(subject="Written before they left", url="http://localhost/x/", status=Edition.Status.SENDING)
    Delivery.objects.bulk_create([Delivery(edition=edition, subscriber=s) for s in (reader, leaving)])
    subscriptions.unsubscribe(leaving)
    tasks.send_edition.enqueue(edition.pk)
    assert [rcpts for _, rcpts in smtp_sink.envelopes] == [[reader.email]]
    assert Delivery.objects.get(subscriber=leaving).status == Delivery.Status.SKIPPED
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DONE
