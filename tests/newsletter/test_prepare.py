"""Writing an edition's deliveries (newsletter/editions.py, prepare): one
INSERT ... SELECT however many subscribers there are - no subscriber passes
through Python - and each row exactly as a model default would make it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsletter import editions
from newsletter.models import Delivery, Edition, Subscriber
from tests.factories import CategoryFactory, make_article


@pytest.fixture
def many_readers(db):
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"many{number}@example.org", status=Subscriber.Status.CONFIRMED, confirmed_at=now, consented_at=now) for number in range(2500)
    )
    return Subscriber.objects.filter(email__startswith="many")


def queued_edition(blog, **fields):
    """A published article's edition, before its queued prepare runs (in a
    test transaction the enqueue waits for a commit that never comes)."""
    edition = Edition.objects.get(page=make_article(blog, **fields))
    assert edition.status == Edition.Status.QUEUED
    return edition


def test_one_statement_writes_every_delivery_with_its_defaults(blog, many_readers, make_subscriber):
    make_subscriber(status=Subscriber.Status.PENDING)
    make_subscriber(frequency=Subscriber.Frequency.WEEKLY)
    edition = queued_edition(blog)

    with CaptureQueriesContext(connection) as queries:
        assert editions.prepare(edition.pk) == 2500
    inserts = [query["sql"] for query in queries.captured_queries if query["sql"].lstrip().upper().startswith("INSERT") and "newsletter_delivery" in query["sql"]]
    assert len(inserts) == 1

    deliveries = Delivery.objects.filter(edition=edition)
    assert set(deliveries.values_list("subscriber_id", flat=True)) == set(many_readers.values_list("pk", flat=True))
    fields = {(d.status, d.attempts, d.last_error, tuple(d.article_ids), d.sending_since, d.sent_at) for d in deliveries}
    assert fields == {(Delivery.Status.QUEUED, 0, "", (), None, None)}
    assert all(d.next_attempt_at <= timezone.now() for d in deliveries[:10])
    assert list(deliveries.order_by("pk").values_list("subscriber_id", flat=True)) == sorted(many_readers.values_list("pk", flat=True))


def test_a_second_run_adds_nothing_and_keeps_what_is_there(blog, make_subscriber):
    readers = [make_subscriber() for _ in range(3)]
    edition = queued_edition(blog)
    Delivery.objects.create(edition=edition, subscriber=readers[0], status=Delivery.Status.SENT, attempts=1)

    assert editions.prepare(edition.pk) == 3
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.QUEUED)  # as if the first run never recorded it
    assert editions.prepare(edition.pk) == 3
    assert Delivery.objects.get(edition=edition, subscriber=readers[0]).status == Delivery.Status.SENT
    assert Delivery.objects.filter(edition=edition).count() == 3


def test_topics_still_choose_the_recipients(blog, make_subscriber):
    pain, sleep = CategoryFactory(), CategoryFactory()
    everything = make_subscriber()
    wants_pain = make_subscriber(categories=[pain])
    make_subscriber(categories=[sleep])
    edition = queued_edition(blog, categories=[pain])

    assert editions.prepare(edition.pk) == 2
    assert set(Delivery.objects.filter(edition=edition).values_list("subscriber", flat=True)) == {everything.pk, wants_pain.pk}
