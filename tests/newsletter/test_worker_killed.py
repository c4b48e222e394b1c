"""A worker killed in the middle of sending, then a new one started: every
subscriber ends up with the edition exactly once, counted at the SMTP
server. The one delivery a hard kill can leave in doubt is shown as
ambiguous and never resent by itself."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from newsletter import sending, tasks
from newsletter.models import Delivery, Edition
from tests.factories import make_article

from .workers import DATABASE_TASKS, SlowSMTPSink, counts_by_recipient, kill, output, start_worker, wait_until

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def slow_sink():
    sink = SlowSMTPSink(delay=0.03).start()
    yield sink
    sink.stop()


def test_worker_killed_mid_batch_then_restarted(site_tree, make_subscriber, slow_sink, settings):
    settings.TASKS = DATABASE_TASKS
    readers = [make_subscriber() for _ in range(40)]
    article = make_article(site_tree[1])
    edition_id = Edition.objects.get(page=article).pk
    sent = Delivery.objects.filter(edition_id=edition_id, status=Delivery.Status.SENT)

    worker = start_worker(slow_sink, batch_size=8)
    try:
        wait_until(lambda: sent.count() >= 12)  # more than one batch done, mid-way through another
    finally:
        kill(worker)
    progress = Edition.objects.get(pk=edition_id).progress()
    assert 12 <= progress["sent"] < 40
    assert progress["sending"] <= 1  # at most the one being handed over

    restarted = start_worker(slow_sink, batch_size=8)
    assert restarted.wait(timeout=120) == 0, output(restarted)

    received = counts_by_recipient(slow_sink)
    assert set(received.values()) == {1}  # nobody got it twice
    in_doubt = set(Delivery.objects.filter(edition_id=edition_id, status=Delivery.Status.SENDING).values_list("subscriber__email", flat=True))
    assert len(in_doubt) <= 1
    assert {reader.email for reader in readers} - set(received) <= in_doubt  # nobody else missed out
    assert sent.count() == 40 - len(in_doubt)

    # Later, the one in doubt shows as ambiguous; the edition is closed.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        tasks.resume_editions.call()
        edition = Edition.objects.get(pk=edition_id)
        assert edition.progress()["ambiguous"] == len(in_doubt)
        assert edition.status == Edition.Status.DONE
    assert counts_by_recipient(slow_sink) == received  # resuming resent nothing


def test_an_editor_can_resend_an_ambiguous_delivery(site_tree, make_subscriber, smtp_sink, settings):
    reader = make_subscriber()
    edition = Edition.objects.create(subject="In doubt", url="http://localhost/x/", status=Edition.Status.SENDING)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Delivery.objects.create(edition=edition, subscriber=reader, status=Delivery.Status.SENDING, sending_since=an_hour_ago)
    tasks.resume_editions.call()
    assert smtp_sink.messages == []  # never resent by itself
    assert Edition.objects.get(pk=edition.pk).progress()["ambiguous"] == 1

    assert sending.resolve_ambiguous(edition.pk, resend=True) == 1
    tasks.send_edition.call(edition.pk)
    assert counts_by_recipient(smtp_sink) == {reader.email: 1}
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.DONE


def test_an_editor_can_record_an_ambiguous_delivery_as_sent(site_tree, make_subscriber, smtp_sink):
    reader = make_subscriber()
    edition = Edition.objects.create(subject="In doubt", url="http://localhost/x/", status=Edition.Status.SENDING)
    Delivery.objects.create(edition=edition, subscriber=reader, status=Delivery.Status.SENDING, sending_since=timezone.now() - datetime.timedelta(hours=1))
    assert sending.resolve_ambiguous(edition.pk, resend=False) == 1
    tasks.resume_editions.call()
    progress = Edition.objects.get(pk=edition.pk).progress()
    assert progress["sent"] == 1 and progress["ambiguous"] == 0
    assert smtp_sink.messages == []
