"""How a batch ends decides who carries on: every way of ending leaves the
edition either closed or with a task queued to send the rest."""

import pytest

from newsletter import sending, tasks
from newsletter.models import Delivery, Edition, Subscriber

from .workers import DATABASE_TASKS, counts_by_recipient, drain_in_process


def edition_for(readers):
    edition = Edition.objects.create(subject="Pacing on bad days", url="http://localhost/pacing/", status=Edition.Status.SENDING)
    Delivery.objects.bulk_create([Delivery(edition=edition, subscriber=reader) for reader in readers])
    return edition


@pytest.mark.django_db
def test_a_batch_that_ends_full_on_the_last_delivery_closes_the_edition(make_subscriber, smtp_sink):
    """With two workers, the other one's batch may find the queue empty
    while this batch's last message is still in flight; it closes nothing,
    and this batch, being full, queues nothing either. So the full batch
    itself must close the edition (CI once saw an edition stay "sending"
    with every email sent)."""
    readers = [make_subscriber() for _ in range(4)]
    edition = edition_for(readers)

    outcome = sending.send_batch(edition.pk, batch_size=4)

    assert outcome.full and outcome.sent == 4
    assert counts_by_recipient(smtp_sink) == {reader.email: 1 for reader in readers}
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DONE and edition.finished_at is not None


@pytest.mark.django_db
def test_a_full_batch_with_deliveries_left_keeps_the_edition_open(make_subscriber, smtp_sink):
    readers = [make_subscriber() for _ in range(5)]
    edition = edition_for(readers)

    assert sending.send_batch(edition.pk, batch_size=4).full

    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENDING and edition.progress()["queued"] == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_whole_batch_of_readers_who_left_does_not_hold_up_the_rest(make_subscriber, smtp_sink, settings):
    """A batch that only skips (readers who unsubscribed after the edition
    was prepared) never connects, so it never queued its follow-up the
    usual way; the rest must still go out now, not when the safety net
    next runs."""
    settings.TASKS = DATABASE_TASKS
    settings.NEWSLETTER_BATCH_SIZE = 3
    readers = [make_subscriber() for _ in range(7)]
    edition = edition_for(readers)
    gone, staying = readers[:3], readers[3:]
    Subscriber.objects.filter(pk__in=[reader.pk for reader in gone]).update(status=Subscriber.Status.UNSUBSCRIBED)

    tasks.send_edition.enqueue(edition.pk)
    drain_in_process()

    assert counts_by_recipient(smtp_sink) == {reader.email: 1 for reader in staying}
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DONE
    assert edition.progress()["sent"] == 4
    assert Delivery.objects.filter(edition=edition, status=Delivery.Status.SKIPPED).count() == 3
