"""The loopback SMTP server the mail tests rely on really receives mail."""

import smtplib

import pytest
from django.core.mail import send_mail


def test_mail_sent_by_django_arrives_at_the_loopback_server(smtp_sink):
    send_mail("Hello", "Body text", "site@example.org", ["reader@example.org"])
    (message,) = smtp_sink.to("reader@example.org")
    assert message["Subject"] == "Hello"
    assert smtp_sink.connections == 1


def test_a_stopped_server_refuses_mail(smtp_sink):
    smtp_sink.stop()
    with pytest.raises((smtplib.SMTPException, OSError)):
        send_mail("Hello", "Body", "site@example.org", ["reader@example.org"])
    smtp_sink.start()
    send_mail("Again", "Body", "site@example.org", ["reader@example.org"])
    assert [m["Subject"] for m in smtp_sink.to("reader@example.org")] == ["Again"]
