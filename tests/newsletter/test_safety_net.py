"""The periodic safety net (`resume_editions`): work a dead worker left
behind is picked up, finished editions are closed, and addresses that never
confirmed are forgotten after 30 days."""

import datetime

import time_machine
from django.utils import timezone

from newsletter import tasks
from newsletter.models import Delivery, Edition, Subscriber


def test_an_edition_whose_preparation_was_lost_is_prepared_and_sent(site_tree, make_subscriber, smtp_sink, blog, committing):
    from tests.factories import make_article

    reader = make_subscriber()
    article = make_article(blog)  # no commit here: its preparation task never ran
    edition = Edition.objects.get(page=article)
    assert edition.status == Edition.Status.QUEUED and smtp_sink.messages == []
    tasks.resume_editions.call()  # too recent: it may still be in the queue
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.QUEUED
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=15)), committing():
        tasks.resume_editions.call()
    assert [rcpts for _, rcpts in smtp_sink.envelopes] == [[reader.email]]
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.DONE


def test_due_deliveries_with_no_task_are_sent(site_tree, make_subscriber, smtp_sink):
    reader = make_subscriber()
    edition = Edition.objects.create(subject="Stranded", url="http://localhost/x/", status=Edition.Status.SENDING)
    Delivery.objects.create(edition=edition, subscriber=reader)
    tasks.resume_editions.call()
    assert [rcpts for _, rcpts in smtp_sink.envelopes] == [[reader.email]]


def test_unconfirmed_addresses_are_forgotten_after_30_days(make_subscriber):
    old = timezone.now() - datetime.timedelta(days=31)
    make_subscriber(email="never@example.org", status=Subscriber.Status.PENDING, created_at=old)
    make_subscriber(email="recent@example.org", status=Subscriber.Status.PENDING)
    make_subscriber(email="kept@example.org", created_at=old)
    make_subscriber(email="left@example.org", status=Subscriber.Status.UNSUBSCRIBED, created_at=old)
    tasks.resume_editions.call()
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == ["kept@example.org", "left@example.org", "recent@example.org"]
