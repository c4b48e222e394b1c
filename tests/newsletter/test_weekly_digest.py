"""The weekly digest: each digest reader gets, once a week, the posts
published since their previous digest that match their topics."""

import datetime

import pytest
import time_machine

from newsletter import tasks
from newsletter.models import Edition, Subscriber
from tests.factories import CategoryFactory, make_article

from .conftest import html_of, text_of

UTC = datetime.timezone.utc
MONDAY_8AM = datetime.datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def digests(committing):
    """Run the periodic digest task as the clock would (its sending starts
    after the commit)."""

    def run():
        with committing():
            return tasks.send_weekly_digests.call()

    return run


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_8AM - datetime.timedelta(days=7), tick=False) as traveller:
        yield traveller


def test_digest_lists_new_posts_matching_each_readers_topics(clock, digests, site_tree, make_subscriber, smtp_sink):
    blog = site_tree[1]
    sleep = CategoryFactory(name="Sleep")
    week_start = MONDAY_8AM - datetime.timedelta(days=7)
    everything = make_subscriber(email="all@example.org", frequency="weekly", last_digest_at=week_start)
    sleepy = make_subscriber(email="sleepy@example.org", frequency="weekly", last_digest_at=week_start, categories=[sleep])
    make_subscriber(email="every@example.org")  # every post: no digest
    make_subscriber(email="paused@example.org", frequency="weekly", last_digest_at=week_start, paused_until=MONDAY_8AM + datetime.timedelta(days=3))

    make_article(blog, title="Old news", when=week_start - datetime.timedelta(days=1))
    make_article(blog, title="Sleep hygiene", intro="Winding down.", categories=[sleep], when=week_start + datetime.timedelta(days=2))
    make_article(blog, title="Cooking in batches", when=week_start + datetime.timedelta(days=3))
    draft = make_article(blog, title="Not yet", publish=False)
    smtp_sink.clear()

    clock.move_to(MONDAY_8AM)
    digests()

    (digest,) = smtp_sink.to(everything.email)
    assert digest["Subject"] == "Chronicle: 2 new posts this week"
    body = text_of(digest)
    assert "Sleep hygiene" in body and "Cooking in batches" in body and "Old news" not in body and draft.title not in body
    assert "Winding down." in html_of(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    (sleepy_digest,) = smtp_sink.to(sleepy.email)
    assert "Sleep hygiene" in text_of(sleepy_digest) and "Cooking in batches" not in text_of(sleepy_digest)
    assert sleepy_digest["Subject"] == "Chronicle: 1 new post this week"
    assert smtp_sink.to("every@example.org") == [] and smtp_sink.to("paused@example.org") == []

    # Running again in the same week sends nothing more.
    clock.move_to(MONDAY_8AM + datetime.timedelta(hours=5))
    digests()
    assert len(smtp_sink.to(everything.email)) == 1

    # Next week: only what is new since.
    clock.move_to(MONDAY_8AM + datetime.timedelta(days=2))
    make_article(blog, title="Midweek post")
    clock.move_to(MONDAY_8AM + datetime.timedelta(days=7))
    digests()
    latest = smtp_sink.to(everything.email)[-1]
    assert "Midweek post" in text_of(latest) and "Sleep hygiene" not in text_of(latest)
    assert Edition.objects.filter(kind=Edition.Kind.DIGEST).count() == 2


def test_no_digest_before_its_hour_and_none_when_nothing_is_new(clock, digests, site_tree, make_subscriber, smtp_sink):
    make_subscriber(frequency="weekly", last_digest_at=MONDAY_8AM - datetime.timedelta(days=7))
    clock.move_to(MONDAY_8AM - datetime.timedelta(hours=2))
    assert digests() is None
    clock.move_to(MONDAY_8AM)
    digests()
    assert smtp_sink.messages == []
    assert Subscriber.objects.get().last_digest_at == MONDAY_8AM


def test_a_reader_who_switches_to_the_digest_is_not_sent_old_posts_again(clock, digests, site_tree, make_subscriber, smtp_sink, client):
    from newsletter import tokens

    reader = make_subscriber()
    make_article(site_tree[1], title="Already emailed", when=MONDAY_8AM - datetime.timedelta(days=3))
    clock.move_to(MONDAY_8AM - datetime.timedelta(days=2))
    client.post(f"/newsletter/preferences/{tokens.make(tokens.PREFERENCES, reader)}/", {"frequency": "weekly"})
    clock.move_to(MONDAY_8AM)
    digests()
    assert smtp_sink.to(reader.email) == []
