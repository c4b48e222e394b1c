"""The three emails the inbox sends, as plain text.

Every one is From the site address (DEFAULT_FROM_EMAIL). The visitor's
address only ever appears as a recipient: it is never From, Sender or
Reply-To of anything we send on their behalf, so the form cannot be used
to send mail that looks like it came from someone else. The acknowledgement
repeats nothing the visitor typed (their name, subject or words), so the
form cannot be used to send someone else a message of an attacker's choice."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site
from wagtail.permissions import policy_registry

from .models import InboxSettings, Message, OutgoingEmail
from .sending import NothingToSend


def site_name(message):
    return (message.site.site_name if message.site and message.site.site_name else "") or settings.WAGTAIL_SITE_NAME


def inbox_settings(message):
    site = message.site or Site.objects.filter(is_default_site=True).first()
    return InboxSettings.for_site(site) if site else InboxSettings()


def admin_url(message):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("inbox:edit", args=[message.pk])


def reply_subject(subject):
    return subject if subject[:3].lower() == "re:" else f"Re: {subject}"


def staff_addresses(message):
    """The addresses set in Inbox settings, or else everyone who can work the
    inbox (active users with an email and permission to change messages)."""
    listed = inbox_settings(message).staff_recipients()
    if listed:
        return listed
    users = policy_registry.get_by_type(Message).users_with_permission("change")
    return sorted({user.email for user in users.filter(is_active=True).exclude(email="")})


def acknowledgement(message):
    context = {"message": message, "site_name": site_name(message), "text": _page_text(message)}
    return EmailMessage(
        subject=f"We received your message – {site_name(message)}",
        body=render_to_string("inbox/email/acknowledgement.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.email],
        # Its Message-ID is the thread's root: replies refer to it, so the
        # visitor's mail program shows them together.
        headers={"Message-ID": message.mail_message_id, "Auto-Submitted": "auto-replied"},
    )


def staff_notification(message):
    recipients = staff_addresses(message)
    if not recipients:
        raise NothingToSend("No staff address is set and nobody can work the inbox.")
    options = inbox_settings(message)
    context = {
        "message": message,
        "site_name": site_name(message),
        "admin_url": admin_url(message),
        "include_message": options.include_message_in_notification,
    }
    topic = f"{message.topic.name}: " if message.topic else ""
    return EmailMessage(
        subject=f"[{site_name(message)} inbox] {topic}{message.subject}",
        body=render_to_string("inbox/email/staff_notification.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        headers={"Auto-Submitted": "auto-generated", "References": message.mail_message_id},
    )


def reply(reply_):
    message = reply_.message
    earlier = list(message.replies.filter(created_at__lte=reply_.created_at).exclude(pk=reply_.pk).order_by("created_at", "pk").values_list("mail_message_id", flat=True))
    chain = [message.mail_message_id, *earlier]
    context = {"reply": reply_, "message": message, "site_name": site_name(message)}
    return EmailMessage(
        subject=reply_subject(message.subject),
        body=render_to_string("inbox/email/reply.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.email],
        headers={"Message-ID": reply_.mail_message_id, "In-Reply-To": chain[-1], "References": " ".join(chain)},
    )


def build(outgoing):
    if outgoing.kind == OutgoingEmail.Kind.ACKNOWLEDGEMENT:
        return acknowledgement(outgoing.message)
    if outgoing.kind == OutgoingEmail.Kind.STAFF_NOTIFICATION:
        return staff_notification(outgoing.message)
    if outgoing.kind == OutgoingEmail.Kind.REPLY and outgoing.reply_id:
        return reply(outgoing.reply)
    raise NothingToSend(f"Unknown email kind {outgoing.kind!r}.")


def _page_text(message):
    page = message.page.specific if message.page_id and message.page else None
    return getattr(page, "acknowledgement_text", "") or "We have received your message and will reply as soon as we can."

