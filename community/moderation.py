"""Who sees a new comment straight away, and what happens on each change."""

from django.db import transaction

from chronicle import versions

from community.antispam import count_links

THREAD_VERSION_KEY = "chronicle:comments:version:{page_id}"


def thread_version_key(page_id):
    return THREAD_VERSION_KEY.format(page_id=page_id)


def thread_version(page_id):
    return versions.get(thread_version_key(page_id))


def bump_thread_version(page_id):
    versions.bump(thread_version_key(page_id))


def decide(comment, rules, user=None):
    """(status, reason) for a new comment under the site's rules, in order:
    block lists and reject words mean spam; staff are trusted; too many links,
    hold words or a first-time address mean pending; otherwise approved."""
    from community.models import Comment

    text = f"{comment.name}\n{comment.text}\n{comment.url}".lower()
    domain = comment.email.rsplit("@", 1)[-1].lower() if comment.email else ""
    if domain and domain in rules.lines(rules.blocked_email_domains):
        return Comment.Status.SPAM, "blocked email domain"
    if comment.ip_address and comment.ip_address in rules.lines(rules.blocked_ips):
        return Comment.Status.SPAM, "blocked IP address"
    for word in rules.lines(rules.reject_keywords):
        if word in text:
            return Comment.Status.SPAM, f"contains “{word}”"
    if user is not None and user.is_authenticated and user.is_staff:
        return Comment.Status.APPROVED, ""
    if count_links(comment.text) + (1 if comment.url else 0) > rules.max_links + (1 if comment.url else 0):
        return Comment.Status.PENDING, "too many links"
    for word in rules.lines(rules.hold_keywords):
        if word in text:
            return Comment.Status.PENDING, f"contains “{word}”"
    if rules.hold_first_time and not has_approved_history(comment, user):
        return Comment.Status.PENDING, "first comment from this address"
    return Comment.Status.APPROVED, ""


def has_approved_history(comment, user=None):
    from community.models import Comment

    approved = Comment.objects.approved()
    if user is not None and user.is_authenticated and approved.filter(user=user).exists():
        return True
    return bool(comment.email) and approved.by_email(comment.email).exists()


def after_save(comment, became_approved):
    """Every save changes what the thread shows: drop its cached HTML. A
    comment that has just been approved tells its parent's author (once)."""
    bump_thread_version(comment.page_id)
    if became_approved and comment.parent_id:
        from community.tasks import notify_parent

        comment_id = comment.pk
        transaction.on_commit(lambda: notify_parent.enqueue(comment_id))


def set_status(comments, status):
    """Bulk moderation: save each comment so approvals notify and caches drop."""
    changed = 0
    for comment in comments:
        if comment.status != status:
            comment.status = status
            comment.save(update_fields=["status", "updated_at", "depth"])
            changed += 1
    return changed
