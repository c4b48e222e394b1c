"""Messages are kept for the period set in Inbox settings, then deleted by
the periodic task; IP addresses are forgotten sooner."""

import datetime

import time_machine
from django.utils import timezone

from community.inbox.models import InboxSettings, Message, Note, OutgoingEmail
from community.inbox.tasks import apply_retention

DAY = datetime.timedelta(days=1)


def test_messages_older_than_the_retention_period_are_deleted(home, message_factory):
    options = InboxSettings.for_site(home.get_site())
    options.retention_days = 30
    options.save()
    now = timezone.now()
    old = message_factory(site=home.get_site(), received_at=now - 31 * DAY, status="replied")
    Note.objects.create(message=old, body="note")
    OutgoingEmail.objects.create(message=old, kind="ack", status="sent")
    orphan = message_factory(site=None, received_at=now - 40 * DAY)  # site gone: the default site's rule
    recent = message_factory(site=home.get_site(), received_at=now - 29 * DAY)

    apply_retention.enqueue()

    assert list(Message.objects.all()) == [recent]
    assert not Note.objects.exists() and not OutgoingEmail.objects.exists()
    assert not Message.objects.filter(pk=orphan.pk).exists()


def test_retention_follows_the_clock(home, message_factory):
    message = message_factory(site=home.get_site())  # default: a year
    with time_machine.travel(timezone.now() + 364 * DAY, tick=False):
        apply_retention.enqueue()
    assert Message.objects.filter(pk=message.pk).exists()
    with time_machine.travel(timezone.now() + 366 * DAY, tick=False):
        apply_retention.enqueue()
    assert not Message.objects.filter(pk=message.pk).exists()


def test_ip_addresses_are_forgotten_after_a_month(home, message_factory):
    message = message_factory(site=home.get_site(), ip_address="203.0.113.9")
    with time_machine.travel(timezone.now() + 29 * DAY, tick=False):
        apply_retention.enqueue()
    assert Message.objects.get(pk=message.pk).ip_address == "203.0.113.9"
    with time_machine.travel(timezone.now() + 31 * DAY, tick=False):
        apply_retention.enqueue()
    kept = Message.objects.get(pk=message.pk)
    assert kept.ip_address is None and kept.body  # the message itself stays


def test_retention_task_is_safe_to_run_twice(home, message_factory):
    message_factory(site=home.get_site(), received_at=timezone.now() - 400 * DAY)
    from community.inbox.privacy import apply_retention as run

    assert run()["deleted"] == 1
    assert run() == {"deleted": 0, "ips_cleared": 0}
