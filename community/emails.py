"""The emails comments cause. Plain text; addresses only ever in To."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from .tokens import stop_replies_token


def _absolute(page, path):
    return page.get_site().root_url + path


def moderation_notice(comment, recipients):
    admin_url = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailsnippets_community_comment:edit", args=[comment.pk])
    body = (
        f"A comment on “{comment.page.title}” is waiting for moderation ({comment.moderation_reason or 'held'}).\n\n"
        f"From: {comment.name}\n\n{comment.text}\n\nModerate it here: {admin_url}\n"
    )
    return EmailMessage(
        subject=f"Comment awaiting moderation: {comment.page.title}"[:150],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )


def reply_notice(reply, parent):
    stop_url = _absolute(parent.page, reverse("community:stop_replies", args=[stop_replies_token(parent.email)]))
    comment_url = reply.get_full_url()  # the comment page the reply is on, at the reply
    body = (
        f"Hello {parent.name},\n\n{reply.name} replied to your comment on “{parent.page.title}”:\n\n"
        f"{reply.text}\n\nRead the conversation: {comment_url}\n\n"
        f"You get this email because you asked to be told about replies. Stop these emails: {stop_url}\n"
    )
    return EmailMessage(
        subject=f"New reply to your comment on {parent.page.title}"[:150],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[parent.email],
        headers={"List-Unsubscribe": f"<{stop_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
