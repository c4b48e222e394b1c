"""Background work for comments. Each task takes ids and is safe to run twice."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import Site

from . import emails


def _rules(page=None):
    from .models import CommentSettings

    site = page.get_site() if page is not None else Site.objects.filter(is_default_site=True).first()
    return CommentSettings.for_site(site)


def moderator_addresses(rules):
    listed = rules.lines(rules.moderator_emails)
    if listed:
        return listed
    User = get_user_model()
    return list(User.objects.filter(is_active=True, is_superuser=True).exclude(email="").values_list("email", flat=True))


@task()
def notify_moderators(comment_id):
    from .models import Comment

    with transaction.atomic():
        comment = Comment.objects.select_for_update(of=("self",)).select_related("page").filter(pk=comment_id).first()
        if comment is None or comment.moderators_notified_at or comment.status != Comment.Status.PENDING:
            return
        recipients = moderator_addresses(_rules(comment.page))
        if recipients:
            emails.moderation_notice(comment, recipients).send()
        Comment.objects.filter(pk=comment_id).update(moderators_notified_at=timezone.now())


@task()
def notify_parent(comment_id):
    """Tell the parent comment's author about an approved reply, once, if they
    asked for it and it isn't their own reply."""
    from .models import Comment

    with transaction.atomic():
        reply = Comment.objects.select_for_update(of=("self",)).select_related("page", "parent").filter(pk=comment_id).first()
        if reply is None or reply.parent_notified_at or reply.status != Comment.Status.APPROVED or reply.parent is None:
            return
        parent = reply.parent
        if parent.notify_replies and parent.email and parent.email.lower() != (reply.email or "").lower():
            emails.reply_notice(reply, parent).send()
        Comment.objects.filter(pk=comment_id).update(parent_notified_at=timezone.now())


@task()
def clear_old_personal_data():
    """Clear commenter IP addresses and browsers after the retention period."""
    from .models import Comment

    days = _rules().ip_retention_days
    cutoff = timezone.now() - datetime.timedelta(days=days)
    return Comment.objects.filter(created_at__lt=cutoff).exclude(ip_address=None, user_agent="").update(ip_address=None, user_agent="")
