"""The mail server goes down, or refuses for a while, then comes back:
everything is delivered after retries, and nothing twice. These run the
database task backend and its real worker (`db_worker --batch`)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from newsletter.models import Delivery, Edition
from tests.factories import make_article

from .workers import DATABASE_TASKS, RefusingSMTPSink, counts_by_recipient, drain_in_process

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def later(minutes):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=True)


def test_smtp_down_then_back_delivers_everything_once(site_tree, make_subscriber, smtp_sink, database_tasks, settings):
    settings.NEWSLETTER_BATCH_SIZE = 3
    readers = [make_subscriber() for _ in range(7)]
    smtp_sink.stop()
    article = make_article(site_tree[1])
    drain_in_process()

    edition = Edition.objects.get(page=article)
    progress = edition.progress()
    assert progress["sent"] == 0 and progress["queued"] == 7
    waiting = Delivery.objects.filter(edition=edition)
    assert all(delivery.attempts == 1 and "unreachable" in delivery.last_error for delivery in waiting)

    with later(0.5):  # before the backoff: nothing is due, nothing is tried
        drain_in_process()
    assert edition.progress()["sent"] == 0

    with later(2):  # still down at the first retry: another backoff
        drain_in_process()
        assert set(Delivery.objects.filter(edition=edition).values_list("attempts", flat=True)) == {2}

    smtp_sink.start()
    with later(6):
        drain_in_process()
    assert counts_by_recipient(smtp_sink) == {reader.email: 1 for reader in readers}
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DONE
    assert edition.progress()["sent"] == 7


def test_temporary_refusals_are_retried_without_duplicates(site_tree, make_subscriber, database_tasks, settings):
    sink = RefusingSMTPSink(refusals=2).start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        readers = [make_subscriber() for _ in range(5)]
        article = make_article(site_tree[1])
        drain_in_process()
        edition = Edition.objects.get(page=article)
        assert edition.progress()["sent"] == 3
        refused = Delivery.objects.filter(edition=edition, status=Delivery.Status.QUEUED)
        assert refused.count() == 2 and all("451" in delivery.last_error for delivery in refused)
        with later(2):
            drain_in_process()
        assert counts_by_recipient(sink) == {reader.email: 1 for reader in readers}
        edition.refresh_from_db()
        assert edition.status == Edition.Status.DONE
    finally:
        sink.stop()


def test_a_permanent_refusal_is_recorded_and_not_retried(site_tree, make_subscriber, smtp_sink, database_tasks, settings):
    from newsletter import sending

    readers = [make_subscriber() for _ in range(2)]
    article = make_article(site_tree[1], publish=False)
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    # After the last attempt a delivery is failed for good.
    smtp_sink.stop()
    article.save_revision().publish()
    for minutes in (0, 2, 5, 10):
        with later(minutes):
            drain_in_process()
    edition = Edition.objects.get(page=article)
    assert edition.progress()["failed"] == 2 and edition.progress()["queued"] == 0
    assert smtp_sink.messages == []
    # An editor retries once the server is back: each reader gets it once.
    smtp_sink.start()
    assert sending.retry_failed(edition.pk) == 2
    from newsletter import tasks

    tasks.send_edition.enqueue(edition.pk)
    with later(11):
        drain_in_process()
    assert counts_by_recipient(smtp_sink) == {reader.email: 1 for reader in readers}
