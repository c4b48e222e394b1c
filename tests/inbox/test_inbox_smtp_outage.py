"""The mail server is down: the message is in the inbox anyway, and the
acknowledgement and notification arrive once it is back, exactly once.

The tasks run on the real database backend here, drained by the real
`db_worker --batch`; time-machine moves the clock past each retry."""

import datetime
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from community.inbox import sending
from community.inbox.models import Message, OutgoingEmail
from community.inbox.tasks import retry_due_email

from .conftest import STAFF, VISITOR


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)


def later(minutes):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


def statuses():
    return dict(OutgoingEmail.objects.values_list("kind", "status"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker commits and closes connections as in production
def test_smtp_down_then_delivered_after_retries(database_tasks, submit, smtp_sink, staff_address, inbox_editor):
    smtp_sink.stop()
    response = submit()
    assert response.status_code == 303  # the visitor sees the thank-you page

    message = Message.objects.get()
    admin = Client()
    admin.force_login(inbox_editor)
    assert "Question about flares" in admin.get("/admin/inbox/").content.decode()

    run_worker()
    assert statuses() == {"ack": "pending", "staff": "pending"}
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}
    assert all("Connection" in outgoing.last_error or "refused" in outgoing.last_error.lower() for outgoing in OutgoingEmail.objects.all())
    assert "will try again" in admin.get(f"/admin/inbox/{message.pk}/").content.decode()

    with later(2):  # first retry: still down
        run_worker()
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {2}
    assert statuses() == {"ack": "pending", "staff": "pending"}

    smtp_sink.start()
    with later(2):  # not due yet: the next attempt is 2 minutes after the second
        run_worker()
    assert smtp_sink.messages == []
    with later(6):
        run_worker()
    assert statuses() == {"ack": "sent", "staff": "sent"}
    assert len(smtp_sink.to(VISITOR)) == 1 and len(smtp_sink.to(STAFF)) == 1

    # Running everything again, later, sends nothing more.
    with later(60 * 24):
        retry_due_email.enqueue()
        run_worker()
        for outgoing in OutgoingEmail.objects.all():
            assert sending.deliver(outgoing.pk) == "not due"
    assert len(smtp_sink.messages) == 2


def test_a_backend_that_cannot_defer_is_covered_by_the_clock(submit, smtp_sink, staff_address):
    """Tests' ImmediateBackend cannot schedule a retry; the periodic sweep does."""
    smtp_sink.stop()
    submit()
    assert statuses() == {"ack": "pending", "staff": "pending"} and Message.objects.count() == 1
    smtp_sink.start()
    retry_due_email.enqueue()
    assert smtp_sink.messages == []  # not overdue yet
    with later(10):
        retry_due_email.enqueue()
    assert statuses() == {"ack": "sent", "staff": "sent"}
    assert len(smtp_sink.to(VISITOR)) == 1 and len(smtp_sink.to(STAFF)) == 1


def test_after_the_last_attempt_editors_see_it_failed_and_can_send_it_again(submit, smtp_sink, staff_address, settings, admin_client, django_capture_on_commit_callbacks):
    settings.INBOX_MAX_SEND_ATTEMPTS = 2
    smtp_sink.stop()
    submit()
    with later(10):
        retry_due_email.enqueue()
    assert statuses() == {"ack": "failed", "staff": "failed"}
    message = Message.objects.get()
    page = admin_client.get(f"/admin/inbox/{message.pk}/").content.decode()
    assert "Failed" in page or "failed" in page
    assert "Send again" in page

    smtp_sink.start()
    ack = OutgoingEmail.objects.get(kind="ack")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/inbox/{message.pk}/", {"action": "resend", "email": ack.pk})
    assert len(smtp_sink.to(VISITOR)) == 1
    assert OutgoingEmail.objects.get(pk=ack.pk).status == "sent"


def test_a_send_interrupted_by_a_crash_is_flagged_never_resent_silently(message_factory, smtp_sink, admin_client):
    message = message_factory()
    outgoing = OutgoingEmail.objects.create(
        message=message, kind="ack", status="sending", attempts=1, sending_since=timezone.now() - datetime.timedelta(hours=1)
    )
    retry_due_email.enqueue()
    assert sending.deliver(outgoing.pk) == "not due"
    assert smtp_sink.messages == []
    assert "may not have been sent" in admin_client.get(f"/admin/inbox/{message.pk}/").content.decode()


def test_a_delivery_for_an_erased_message_sends_nothing(message_factory, smtp_sink):
    message = message_factory()
    outgoing = OutgoingEmail.objects.create(message=message, kind="ack")
    message.delete()
    assert sending.deliver(outgoing.pk) == "not due"
    assert smtp_sink.messages == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_one_email(smtp_sink):
    message = Message.objects.create(name="Sam", email=VISITOR, subject="Hi", body="Hello", fingerprint="x")
    outgoing = OutgoingEmail.objects.create(message=message, kind="ack")
    results, barrier = [], threading.Barrier(4)

    def work():
        barrier.wait()
        try:
            results.append(sending.deliver(outgoing.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["not due", "not due", "not due", "sent"]
    assert len(smtp_sink.to(VISITOR)) == 1
