"""Claiming deliveries for sending, one at a time (see sending.py for the
rules this serves)."""

import json

from django.db import connections
from django.utils import timezone

from .models import Delivery, Subscriber


class _Recipient:
    """What a message needs about its subscriber (a model instance would
    cost more to build than the message)."""

    __slots__ = ("pk", "email")

    def __init__(self, pk, email):
        self.pk, self.email = pk, email


class _Claimed:
    """A claimed delivery and what sending it needs about its subscriber."""

    __slots__ = ("pk", "attempts", "article_ids", "subscriber", "receiving")

    def __init__(self, pk, subscriber_id, attempts, article_ids, email, receiving):
        self.pk, self.attempts, self.receiving = pk, attempts, receiving
        if isinstance(article_ids, str):
            article_ids = [] if article_ids == "[]" else json.loads(article_ids)
        self.article_ids = article_ids or []
        self.subscriber = _Recipient(subscriber_id, email)


class Claimer:
    """Claims an edition's deliveries one at a time, each in one statement
    that also records the previous one as sent (one commit per message).

    Plain SQL, prepared once per batch: the ORM would spend longer building
    these statements than the database spends running them. The addresses
    of the next batch's recipients are read once up front (a batch's worth,
    never the whole list)."""

    def __init__(self, edition_id, batch_size):
        self.edition_id = edition_id
        self.connection = connections[Delivery.objects.db]
        quote = self.connection.ops.quote_name
        delivery, subscriber = quote(Delivery._meta.db_table), quote(Subscriber._meta.db_table)
        # PostgreSQL: a row another worker is claiming is skipped, not waited
        # for. SQLite has no row locks; its write lock serialises claims.
        lock = " FOR UPDATE SKIP LOCKED" if self.connection.features.has_select_for_update_skip_locked else ""
        due = "edition_id = %(edition)s AND status = %(queued)s AND next_attempt_at <= %(now)s"
        self.claim_sql = (
            f"UPDATE {delivery} SET"
            " status = CASE WHEN id = %(sent)s THEN %(sent_status)s ELSE %(sending)s END,"
            " sent_at = CASE WHEN id = %(sent)s THEN %(now)s ELSE sent_at END,"
            " sending_since = CASE WHEN id = %(sent)s THEN sending_since ELSE %(now)s END"
            f" WHERE (id = %(sent)s AND status = %(sending)s) OR id = (SELECT id FROM {delivery} WHERE {due} ORDER BY id LIMIT 1{lock})"
            " RETURNING id, subscriber_id, attempts, article_ids, status"
        )
        self.mark_sent_sql = f"UPDATE {delivery} SET status = %(sent_status)s, sent_at = %(now)s WHERE id = %(sent)s AND status = %(sending)s"
        receiving = "CASE WHEN s.status = %(confirmed)s AND (s.paused_until IS NULL OR s.paused_until <= %(now)s) THEN 1 ELSE 0 END"
        self.window_sql = (
            f"SELECT d.id, s.email, {receiving}, d.subscriber_id FROM {delivery} d JOIN {subscriber} s ON s.id = d.subscriber_id"
            f" WHERE d.edition_id = %(edition)s AND d.status = %(queued)s AND d.next_attempt_at <= %(now)s ORDER BY d.id LIMIT %(limit)s"
        )
        self.one_sql = f"SELECT d.id, s.email, {receiving} FROM {delivery} d JOIN {subscriber} s ON s.id = d.subscriber_id WHERE d.id = %(id)s"
        self.params = {
            "edition": edition_id,
            "queued": Delivery.Status.QUEUED,
            "sending": Delivery.Status.SENDING,
            "sent_status": Delivery.Status.SENT,
            "confirmed": Subscriber.Status.CONFIRMED,
        }
        # One cursor for the batch (a cursor per statement costs a third of
        # the statement); close() it when the batch ends.
        self.cursor = self.connection.cursor()
        self.cursor.execute(self.window_sql, {**self.params, "now": self._now(), "limit": batch_size})
        self.window = {row[0]: row[1:] for row in self.cursor.fetchall()}
        self._claim_params = dict(self.params)

    def close(self):
        self.cursor.close()

    def _now(self):
        return self.connection.ops.adapt_datetimefield_value(timezone.now())

    def mark_sent(self, delivery_id):
        self.cursor.execute(self.mark_sent_sql, {**self.params, "now": self._now(), "sent": delivery_id})

    def next(self, sent_id):
        """Record `sent_id` as sent and claim the next due delivery as
        sending, in one commit. None when nothing is due.

        The statement runs on its own, in autocommit: one statement is one
        transaction on SQLite and PostgreSQL alike (SQLite takes the write
        lock when a writing statement starts, so busy_timeout applies),
        and an explicit BEGIN ... COMMIT around it would only add the
        bookkeeping, which cost about as much as the statement itself."""
        params = self._claim_params
        params["now"], params["sent"] = self._now(), sent_id
        cursor = self.cursor
        cursor.execute(self.claim_sql, params)
        row = next((row for row in cursor.fetchall() if row[4] == Delivery.Status.SENDING), None)
        if row is None:
            return None
        known = self.window.pop(row[0], None)
        if known is None:  # beyond what we read up front (another worker took ours)
            cursor.execute(self.one_sql, {**params, "id": row[0]})
            known = cursor.fetchone()[1:]
        email, receiving = known[:2]
        return _Claimed(*row[:4], email=email, receiving=bool(receiving))

    def upcoming(self):
        """(delivery id, recipient, receiving) of the delivery the next claim
        will most likely return - the first one left of those read up front
        (another worker may take it first) - or None."""
        for delivery_id, (email, receiving, subscriber_id) in self.window.items():
            return delivery_id, _Recipient(subscriber_id, email), bool(receiving)
        return None
