"""A reader's own choices, from the signed link in every email: every post
or a weekly digest, topics, a pause."""

import datetime

import time_machine
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Subscriber
from tests.factories import CategoryFactory, SeriesFactory


def preferences_path(subscriber):
    return f"/newsletter/preferences/{tokens.make(tokens.PREFERENCES, subscriber)}/"


def test_the_page_shows_the_current_choices_and_is_never_cached(client, site_tree, make_subscriber):
    health = CategoryFactory(name="Sleep")
    reader = make_subscriber(categories=[health])
    response = client.get(preferences_path(reader))
    html = response.content.decode()
    assert response.status_code == 200 and "Choose what you get" in html
    assert "no-store" in response["Cache-Control"] and "csrfmiddlewaretoken" in html
    assert f'value="{health.pk}"' in html and "checked" in html
    assert "/newsletter/unsubscribe/" in html


def test_choosing_topics_filters_new_posts(client, site_tree, make_subscriber, smtp_sink, publish):
    sleep, food = CategoryFactory(name="Sleep"), CategoryFactory(name="Food")
    pain = SeriesFactory(title="Living with pain")
    picky = make_subscriber(email="picky@example.org")
    everything = make_subscriber(email="all@example.org")
    response = client.post(preferences_path(picky), {"frequency": "every", "categories": [sleep.pk], "series": [pain.pk], "pause": ""})
    assert response.status_code == 200 and "Saved" in response.content.decode()

    publish(title="About food", categories=[food])
    publish(title="About sleep", categories=[sleep, food])
    publish(title="Pain, part 1", series=pain, series_part=1)
    received = lambda address: sorted(message["Subject"] for message in smtp_sink.to(address))  # noqa: E731
    assert received("picky@example.org") == ["About sleep", "Pain, part 1"]
    assert received("all@example.org") == ["About food", "About sleep", "Pain, part 1"]
    assert everything.status == Subscriber.Status.CONFIRMED


def test_a_pause_stops_mail_until_it_ends(client, site_tree, make_subscriber, smtp_sink, publish):
    reader = make_subscriber()
    client.post(preferences_path(reader), {"frequency": "every", "pause": "2w"})
    reader.refresh_from_db()
    assert reader.paused_until > timezone.now() + datetime.timedelta(days=13)
    publish()
    assert smtp_sink.to(reader.email) == []
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        publish()
    assert len(smtp_sink.to(reader.email)) == 1


def test_resume_ends_a_pause(client, site_tree, make_subscriber):
    reader = make_subscriber(paused_until=timezone.now() + datetime.timedelta(days=20))
    client.post(preferences_path(reader), {"frequency": "every", "pause": "resume"})
    reader.refresh_from_db()
    assert reader.paused_until is None


def test_weekly_readers_get_no_single_posts(client, site_tree, make_subscriber, smtp_sink, publish):
    reader = make_subscriber()
    client.post(preferences_path(reader), {"frequency": "weekly", "pause": ""})
    reader.refresh_from_db()
    assert reader.frequency == Subscriber.Frequency.WEEKLY and reader.last_digest_at
    publish()
    assert smtp_sink.to(reader.email) == []


def test_an_unsubscribed_reader_sees_a_plain_page_not_the_form(client, site_tree, make_subscriber):
    reader = make_subscriber(status=Subscriber.Status.UNSUBSCRIBED)
    response = client.get(preferences_path(reader))
    assert response.status_code == 200 and "Not subscribed" in response.content.decode()
    client.post(preferences_path(reader), {"frequency": "weekly"})
    reader.refresh_from_db()
    assert reader.frequency == Subscriber.Frequency.EVERY_POST


def test_the_preferences_link_expires_after_a_year(client, site_tree, make_subscriber):
    reader = make_subscriber()
    path = preferences_path(reader)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=366)):
        assert client.get(path).status_code == 400
