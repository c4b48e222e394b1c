"""The reader's comments in "My account": panel, exporter, eraser, claimer.

Registered by accounts until community registers its own from
CommunityConfig.ready() (see README, "Reader accounts"); whichever app
registers "comments" first keeps it, so moving this module into community
changes nothing for readers.

A reader's comments are those posted while signed in (Comment.user) and the
guest comments filed under one of their *verified* addresses that no other
account has claimed. An unverified address proves nothing and matches nothing.
"""

from django.db import transaction
from django.db.models import Q

from community.models import Comment
from community.threads import comment_urls

from . import area

PANEL_LIMIT = 50

STATUS_LABELS = {
    Comment.Status.APPROVED: "Published",
    Comment.Status.PENDING: "Awaiting moderation",
    Comment.Status.SPAM: "Not published",
    Comment.Status.TRASH: "Deleted",
}


def comments_of(user):
    mine = Q(user=user)
    guest = Q()
    for email in area.verified_emails(user):
        guest |= Q(email__iexact=email)
    if guest:
        mine |= Q(user__isnull=True) & guest
    return Comment.objects.filter(mine)


def panel_context(user):
    comments = comments_of(user).select_related("page").order_by("-created_at", "-id")
    total = comments.count()
    shown = list(comments[:PANEL_LIMIT])
    # Published comments link to the comment page showing them: one thread
    # query per article, not per comment.
    urls = comment_urls([comment for comment in shown if comment.page.live and comment.status == Comment.Status.APPROVED])
    rows = []
    for comment in shown:
        page = comment.page
        url = None
        if page.live:
            url = urls.get(comment.pk, page.url)
        rows.append({"comment": comment, "article": page.title, "url": url, "status": STATUS_LABELS.get(comment.status, comment.status)})
    return {"comments": rows, "total": total, "shown": len(rows)}


def export(user):
    comments = list(comments_of(user).select_related("page").order_by("created_at", "id"))
    urls = comment_urls([comment for comment in comments if comment.page.live])
    return [
        {
            "article": comment.page.title,
            "url": urls.get(comment.pk),
            "name": comment.name,
            "email": comment.email,
            "website": comment.url,
            "text": comment.text,
            "status": comment.status,
            "created_at": comment.created_at.isoformat(),
            "updated_at": comment.updated_at.isoformat(),
            "ip_address": comment.ip_address,
            "user_agent": comment.user_agent,
            "notify_replies": comment.notify_replies,
            "in_reply_to": comment.parent_id,
            "id": comment.pk,
        }
        for comment in comments
    ]


@transaction.atomic
def erase(user, keep_comments):
    """As community.privacy.erase_comments, for exactly this reader's comments:
    kept as "Deleted user" with no address, website, IP or browser, or
    deleted (replies to them stay)."""
    comments = comments_of(user)
    if keep_comments:
        for comment in comments.select_related("page"):
            comment.name, comment.email, comment.url = "Deleted user", "", ""
            comment.ip_address, comment.user_agent, comment.notify_replies, comment.user = None, "", False, None
            comment.save()
        return
    from community.moderation import bump_thread_version

    page_ids = set(comments.values_list("page_id", flat=True))
    Comment.objects.filter(pk__in=list(comments.values_list("pk", flat=True))).delete()
    for page_id in page_ids:
        bump_thread_version(page_id)


def claim(user, email):
    """Guest comments under a just-verified address become the reader's."""
    return Comment.objects.filter(user__isnull=True, email__iexact=email.strip()).update(user=user)


def register():
    if "comments" in area.registry.panels:
        return  # community registered its own
    area.register_panel("comments", "accounts/panels/comments.html", panel_context, title="My comments", order=10)
    area.register_exporter("comments", export)
    area.register_eraser("comments", erase)
    area.register_claimer("comments", claim)
