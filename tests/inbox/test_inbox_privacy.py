"""Export and erasure of everything the inbox holds about one address."""

import datetime
import json

import time_machine
from django.utils import timezone

from community.inbox.models import Message, Note, OutgoingEmail, Reply
from community.inbox.privacy import erase_messages, export_messages, export_messages_json
from community.inbox.tasks import retry_due_email

from .conftest import VISITOR


def test_export_holds_every_message_reply_and_note_for_the_address(submit, inbox_editor, staff_address):
    submit()
    submit(subject="Second question", message="Another thing")
    submit(email="someone.else@example.org", subject="Not theirs")
    first = Message.objects.get(subject="Question about flares")
    Reply.objects.create(message=first, author=inbox_editor, body="Heat helps.", submission_key="00000000-0000-0000-0000-000000000001")
    Note.objects.create(message=first, author=inbox_editor, body="Follow up in May.")

    exported = export_messages(VISITOR.upper())  # addresses match whatever their case
    assert [item["subject"] for item in exported] == ["Question about flares", "Second question"]
    assert exported[0]["message"].startswith("My flares") and exported[0]["topic"] == "General question"
    assert exported[0]["replies"] == [{"sent_at": exported[0]["replies"][0]["sent_at"], "from": "Ines Inbox", "text": "Heat helps."}]
    assert exported[0]["internal_notes"][0]["text"] == "Follow up in May."
    assert {item["kind"] for item in exported[0]["emails"]} == {"ack", "staff"}
    document = json.loads(export_messages_json(VISITOR))
    assert len(document["contact_messages"]) == 2
    assert "someone.else" not in export_messages_json(VISITOR)


def test_erasure_removes_everything_for_the_address_and_nothing_else(submit, inbox_editor):
    submit()
    submit(email="someone.else@example.org", subject="Not theirs")
    mine = Message.objects.get(email=VISITOR)
    Reply.objects.create(message=mine, author=inbox_editor, body="Heat helps.", submission_key="00000000-0000-0000-0000-000000000001")
    Note.objects.create(message=mine, body="note")

    assert erase_messages(f"  {VISITOR.title()} ") == 1
    assert export_messages(VISITOR) == []
    assert not Reply.objects.exists() and not Note.objects.exists()
    assert list(Message.objects.values_list("email", flat=True)) == ["someone.else@example.org"]
    assert not OutgoingEmail.objects.filter(message__email=VISITOR).exists()
    assert erase_messages(VISITOR) == 0  # twice is fine


def test_an_erased_sender_gets_no_mail_still_owed(submit, smtp_sink, staff_address):
    smtp_sink.stop()
    submit()
    erase_messages(VISITOR)
    smtp_sink.start()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1), tick=False):
        retry_due_email.enqueue()
    assert smtp_sink.messages == []


def test_privacy_command_exports_and_erases(message_factory):
    from io import StringIO

    from django.core.management import call_command

    message_factory(email=VISITOR, subject="Mine")
    out = StringIO()
    call_command("inbox_privacy", "export", VISITOR, stdout=out)
    assert json.loads(out.getvalue())["contact_messages"][0]["subject"] == "Mine"
    out = StringIO()
    call_command("inbox_privacy", "erase", VISITOR, stdout=out)
    assert "Erased 1 message" in out.getvalue() and not Message.objects.exists()
