"""Editors answer from the admin: one email, threaded, kept with the message."""

import email.utils
import re
import uuid

import pytest

from community.inbox.models import CannedReply, Message, Note, Reply

from .conftest import SITE_FROM, VISITOR


@pytest.fixture
def received(submit, smtp_sink, staff_address):
    """A message that came in through the contact page (acknowledged)."""
    submit()
    smtp_sink.clear()
    return Message.objects.get()


def reply(admin_client, message, body, key=None, capture=None):
    data = {"action": "reply", "body": body, "submission_key": str(key or uuid.uuid4())}
    with capture(execute=True):
        return admin_client.post(f"/admin/inbox/{message.pk}/", data)


def submission_key(html):
    return re.search(r'name="submission_key" value="([0-9a-f-]+)"', html).group(1)


def test_reply_sends_one_threaded_email_and_marks_the_message_replied(admin_client, received, smtp_sink, django_capture_on_commit_callbacks):
    page = admin_client.get(f"/admin/inbox/{received.pk}/").content.decode()
    key = submission_key(page)
    response = reply(admin_client, received, "Heat helped me most. Take care.", key, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    (mail,) = smtp_sink.messages
    assert smtp_sink.envelopes[0] == (SITE_FROM, [VISITOR])
    assert [address for _, address in email.utils.getaddresses(mail.get_all("From"))] == [SITE_FROM]
    assert mail["To"] == VISITOR and mail["Reply-To"] is None
    assert mail["Subject"] == "Re: Question about flares"
    assert mail["In-Reply-To"] == received.mail_message_id
    assert mail["References"] == received.mail_message_id
    assert "Heat helped me most." in mail.get_content()
    assert "> My flares got worse" in mail.get_content()  # the original, quoted

    stored = Reply.objects.get()
    assert stored.body == "Heat helped me most. Take care." and stored.message == received
    assert mail["Message-ID"] == stored.mail_message_id
    assert Message.objects.get(pk=received.pk).status == "replied"
    thread = admin_client.get(f"/admin/inbox/{received.pk}/").content.decode()
    assert "Heat helped me most." in thread and "Ines Inbox" in thread and "sent" in thread


def test_the_acknowledgement_and_replies_share_one_thread(admin_client, received, smtp_sink, django_capture_on_commit_callbacks):
    reply(admin_client, received, "First answer", capture=django_capture_on_commit_callbacks)
    reply(admin_client, received, "Second answer", capture=django_capture_on_commit_callbacks)
    first, second = smtp_sink.messages
    assert first["In-Reply-To"] == received.mail_message_id
    assert second["In-Reply-To"] == first["Message-ID"]
    assert second["References"].split() == [received.mail_message_id, first["Message-ID"]]
    assert second["Subject"] == "Re: Question about flares"  # never "Re: Re:"


def test_a_double_clicked_reply_is_sent_once(admin_client, received, smtp_sink, django_capture_on_commit_callbacks):
    key = uuid.uuid4()
    reply(admin_client, received, "Only once, please", key, django_capture_on_commit_callbacks)
    response = reply(admin_client, received, "Only once, please", key, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(smtp_sink.messages) == 1 and Reply.objects.count() == 1


def test_an_empty_reply_is_an_error_and_sends_nothing(admin_client, received, smtp_sink, django_capture_on_commit_callbacks):
    response = reply(admin_client, received, "", capture=django_capture_on_commit_callbacks)
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    assert not smtp_sink.messages and not Reply.objects.exists()


def test_a_reply_waits_for_the_mail_server_and_is_kept_meanwhile(admin_client, received, smtp_sink, django_capture_on_commit_callbacks):
    smtp_sink.stop()
    reply(admin_client, received, "Sent during an outage", capture=django_capture_on_commit_callbacks)
    assert Reply.objects.get().email.status == "pending"
    assert "will try again" in admin_client.get(f"/admin/inbox/{received.pk}/").content.decode()


def test_canned_replies_start_the_answer(admin_client, received):
    canned = CannedReply.objects.create(title="Thanks", body="Dear {name}, thank you for writing.")
    html = admin_client.post(f"/admin/inbox/{received.pk}/", {"action": "canned", "canned_reply": canned.pk}).content.decode()
    assert "Dear Sam Reader, thank you for writing." in html
    assert not Reply.objects.exists()  # nothing sent until the editor presses Send


def test_internal_notes_stay_internal(admin_client, received, smtp_sink):
    admin_client.post(f"/admin/inbox/{received.pk}/", {"action": "note", "body": "Called her back on Tuesday."})
    assert Note.objects.get().body == "Called her back on Tuesday."
    assert "Called her back on Tuesday." in admin_client.get(f"/admin/inbox/{received.pk}/").content.decode()
    assert not smtp_sink.messages


def test_assign_to_an_editor_and_change_status(admin_client, received, inbox_editor):
    admin_client.post(f"/admin/inbox/{received.pk}/", {"action": "assign", "assigned_to": inbox_editor.pk})
    assert Message.objects.get(pk=received.pk).assigned_to == inbox_editor
    admin_client.post(f"/admin/inbox/{received.pk}/", {"action": "status", "status": "archived"})
    assert Message.objects.get(pk=received.pk).status == "archived"
    listing = admin_client.get("/admin/inbox/", {"assigned_to": inbox_editor.pk}).content.decode()
    assert "Question about flares" in listing


def test_only_inbox_users_can_be_assigned(admin_client, received, plain_editor):
    response = admin_client.post(f"/admin/inbox/{received.pk}/", {"action": "assign", "assigned_to": plain_editor.pk})
    assert response.status_code == 400
    assert Message.objects.get(pk=received.pk).assigned_to is None


def test_opening_a_new_message_marks_it_read(admin_client, received):
    assert received.status == "new"
    admin_client.get(f"/admin/inbox/{received.pk}/")
    assert Message.objects.get(pk=received.pk).status == "read"


def test_script_in_a_message_is_inert_in_the_admin(admin_client, message_factory):
    payload = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    message = message_factory(name=payload, subject=payload, body=payload, extra_fields=[{"label": payload, "value": payload}])
    for url in (f"/admin/inbox/{message.pk}/", "/admin/inbox/"):
        html = admin_client.get(url).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
