"""Several workers sending one edition at once (PostgreSQL, where they claim
deliveries with SKIP LOCKED): nobody gets it twice, nobody is left out."""

import pytest
from django_tasks_db.models import DBTaskResult

from newsletter.models import Delivery, Edition
from tests.factories import make_article

from .workers import DATABASE_TASKS, SlowSMTPSink, counts_by_recipient, needs_postgresql, output, start_worker, stop, wait_until

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def database_sessions():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


def state_of(edition, workers):
    """What a timed-out wait leaves behind, for the failure message."""
    results = DBTaskResult.objects.order_by("enqueued_at").values_list("task_path", "status", "worker_ids", "exception_class_path")
    lines = [f"edition: {Edition.objects.get(pk=edition.pk).status}, {edition.progress()}"]
    lines += [f"task {path.rsplit('.', 1)[-1]}: {status} {worker_ids} {error}" for path, status, worker_ids, error in results]
    lines += [f"--- worker {n} ---\n{output(worker)}" for n, worker in enumerate(workers, 1)]
    return "\n".join(lines)


def test_two_workers_at_once_send_each_email_once(site_tree, make_subscriber, settings):
    settings.TASKS = DATABASE_TASKS
    sink = SlowSMTPSink(delay=0.005).start()
    try:
        readers = [make_subscriber() for _ in range(120)]
        workers = [start_worker(sink, batch_size=10, batch=False, worker_id=f"worker-{n}") for n in (1, 2)]
        try:
            wait_until(lambda: database_sessions() >= 3, timeout=120)  # both workers are polling
            article = make_article(site_tree[1])
            edition = Edition.objects.get(page=article)
            wait_until(lambda: Edition.objects.get(pk=edition.pk).status == Edition.Status.DONE, timeout=180, explain=lambda: state_of(edition, workers))
        finally:
            for worker in workers:
                stop(worker)

        assert counts_by_recipient(sink) == {reader.email: 1 for reader in readers}
        edition.refresh_from_db()
        assert edition.progress()["sent"] == 120 and edition.status == Edition.Status.DONE
        assert Delivery.objects.filter(edition=edition).count() == 120
        workers_that_sent = {worker for result in DBTaskResult.objects.filter(task_path__endswith="send_edition") for worker in result.worker_ids}
        assert {"worker-1", "worker-2"} <= workers_that_sent
    finally:
        sink.stop()


def test_threads_claiming_the_same_edition_never_share_a_delivery(site_tree, make_subscriber, smtp_sink):
    """The claim itself, hammered from threads with their own connections."""
    import threading

    from django.db import connection

    from newsletter import sending

    readers = [make_subscriber() for _ in range(60)]
    edition = Edition.objects.create(subject="Race", url="http://localhost/race/", status=Edition.Status.SENDING)
    Delivery.objects.bulk_create([Delivery(edition=edition, subscriber=reader) for reader in readers])
    errors = []

    def work():
        try:
            while sending.send_batch(edition.pk, batch_size=5).claimed:
                pass
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert counts_by_recipient(smtp_sink) == {reader.email: 1 for reader in readers}
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.DONE
