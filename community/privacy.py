"""Export and erase what comments hold about one email address."""

from django.db import transaction

from .models import Comment
from .threads import comment_urls


def export_comments(email):
    comments = list(Comment.objects.by_email(email).select_related("page").order_by("created_at"))
    urls = comment_urls(comments)  # one thread query per article, not per comment
    return [
        {
            "article": comment.page.title,
            "url": urls[comment.pk],
            "name": comment.name,
            "email": comment.email,
            "website": comment.url,
            "text": comment.text,
            "status": comment.status,
            "created_at": comment.created_at.isoformat(),
            "ip_address": comment.ip_address,
            "user_agent": comment.user_agent,
            "notify_replies": comment.notify_replies,
        }
        for comment in comments
    ]


@transaction.atomic
def erase_comments(email, keep_text=False):
    """Remove the person from their comments. With keep_text the words stay,
    signed "Deleted user" with no address, website, IP or browser; otherwise
    the comments are deleted (replies to them stay, attached one level up)."""
    comments = Comment.objects.by_email(email)
    count = comments.count()
    if keep_text:
        for comment in comments:
            comment.name, comment.email, comment.url = "Deleted user", "", ""
            comment.ip_address, comment.user_agent, comment.notify_replies, comment.user = None, "", False, None
            comment.save()
    else:
        page_ids = set(comments.values_list("page_id", flat=True))
        comments.delete()
        from .moderation import bump_thread_version

        for page_id in page_ids:
            bump_thread_version(page_id)
    return count
