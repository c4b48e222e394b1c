"""What the inbox emails, read from a real SMTP server on loopback."""

import email.utils

from django.contrib.auth.models import Permission

from community.inbox.models import InboxSettings, Message, OutgoingEmail

from .conftest import SITE_FROM, STAFF, VISITOR


def addresses(message, header):
    return [address for _, address in email.utils.getaddresses(message.get_all(header, []))]


def test_sender_is_acknowledged_and_staff_notified_once(submit, smtp_sink, staff_address):
    submit()
    (ack,) = smtp_sink.to(VISITOR)
    (notice,) = smtp_sink.to(STAFF)
    assert len(smtp_sink.messages) == 2
    assert "We received your message" in ack["Subject"]
    assert "We have received your message" in ack.get_content()
    assert ack["Auto-Submitted"] == "auto-replied"
    assert ack["Message-ID"] == Message.objects.get().mail_message_id
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_visitor_address_is_only_ever_a_recipient_never_the_sender(submit, smtp_sink, staff_address):
    submit()
    assert len(smtp_sink.messages) == 2
    for message, (mail_from, recipients) in zip(smtp_sink.messages, smtp_sink.envelopes):
        assert addresses(message, "From") == [SITE_FROM] and mail_from == SITE_FROM
        for header in ("From", "Sender", "Reply-To", "Return-Path", "Cc", "Bcc"):
            assert VISITOR not in addresses(message, header), header
        if VISITOR in recipients:
            assert addresses(message, "To") == [VISITOR] and recipients == [VISITOR]


def test_staff_notification_links_to_the_message_and_leaves_health_details_out(submit, smtp_sink, staff_address):
    submit(message="My flares got worse after the new medication.")
    (notice,) = smtp_sink.to(STAFF)
    message = Message.objects.get()
    body = notice.get_content()
    assert f"/admin/inbox/{message.pk}/" in body
    assert "Question about flares" in notice["Subject"] and "General question" in notice["Subject"]
    assert "medication" not in body and "medication" not in notice["Subject"]
    assert addresses(notice, "To") == [STAFF]


def test_staff_notification_includes_the_text_when_the_setting_allows(submit, smtp_sink, staff_address, home):
    options = InboxSettings.for_site(home.get_site())
    options.include_message_in_notification = True
    options.save()
    submit(message="My flares got worse after the new medication.")
    (notice,) = smtp_sink.to(STAFF)
    assert "new medication" in notice.get_content()


def test_without_staff_addresses_the_inbox_team_is_notified(submit, smtp_sink, inbox_editor, django_user_model):
    django_user_model.objects.create_user("nobody", "nobody@chronicle.test", "pw")  # cannot work the inbox
    submit()
    assert len(smtp_sink.to(inbox_editor.email)) == 1
    assert not smtp_sink.to("nobody@chronicle.test")


def test_nobody_to_notify_is_recorded_not_retried(submit, smtp_sink):
    submit()
    notice = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.STAFF_NOTIFICATION)
    assert notice.status == "skipped" and "No staff address" in notice.last_error
    assert len(smtp_sink.to(VISITOR)) == 1


def test_html_and_script_stay_inert_in_emails(submit, smtp_sink, staff_address, home):
    options = InboxSettings.for_site(home.get_site())
    options.include_message_in_notification = True
    options.save()
    payload = '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a><svg onload=alert(4)>'
    submit(name="<b>Sam</b>", subject="<script>alert('s')</script>", message=payload)
    for mail in smtp_sink.messages:
        assert mail.get_content_type() == "text/plain" and not mail.is_multipart()
    (notice,) = smtp_sink.to(STAFF)
    # Plain text carries the words as typed; no mail program runs them.
    assert payload in notice.get_content()


def test_permission_lookup_uses_the_inbox_permission(inbox_editor):
    assert inbox_editor.has_perm("inbox.change_message")
    assert Permission.objects.filter(content_type__app_label="inbox", codename="view_message").exists()
