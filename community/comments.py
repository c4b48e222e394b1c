"""What happens when a reader posts, edits or deletes a comment."""

import datetime

from django.db import transaction
from django.utils import timezone

from . import moderation
from .antispam import client_ip, hit
from .models import Comment, CommentSettings

SESSION_KEY = "community.my_comments"
RATE_LIMIT_PER_IP = (6, 600)  # comments, seconds
RATE_LIMIT_PER_EMAIL = (6, 600)


class CommentsClosed(Exception):
    pass


class RateLimited(Exception):
    def __init__(self, retry_after):
        self.retry_after = retry_after


class Duplicate(Exception):
    pass


def rules_for(page, request=None):
    """The site's comment rules, cached with the site chrome (a change to
    them, or any publish, rebuilds it), so a page view costs no query."""
    from django.core.cache import cache
    from wagtail.models import Site

    from blog import chrome

    site = Site.find_for_request(request) if request is not None else None
    site = site or page.get_site()
    key = f"chronicle:comment-rules:{site.pk}:{chrome.version()}"
    rules = cache.get(key)
    if rules is None:
        rules = CommentSettings.for_site(site)
        cache.set(key, rules, 60 * 60)
    return rules


def comments_open(page, rules=None, request=None):
    if not page.comments_open or not page.live:
        return False
    rules = rules or rules_for(page, request)
    if rules.close_after_days and page.first_published_at:
        return timezone.now() - page.first_published_at <= datetime.timedelta(days=rules.close_after_days)
    return True


def check_rate_limits(request, email):
    from django.conf import settings

    per_ip = getattr(settings, "CHRONICLE_COMMENT_RATE_PER_IP", RATE_LIMIT_PER_IP)
    per_email = getattr(settings, "CHRONICLE_COMMENT_RATE_PER_EMAIL", RATE_LIMIT_PER_EMAIL)
    for scope, key, (limit, window) in (("comment-ip", client_ip(request), per_ip), ("comment-email", (email or "").lower(), per_email)):
        if key:
            result = hit(scope, key, limit, window)
            if not result.allowed:
                raise RateLimited(result.retry_after)


def attach_point(parent, max_depth):
    """Replies deeper than the allowed depth attach to the deepest allowed
    ancestor, so a long back-and-forth stays readable."""
    if parent is None:
        return None
    while parent.depth >= max_depth and parent.parent_id:
        parent = parent.parent
    if parent.depth >= max_depth:
        return None if max_depth == 0 else parent
    return parent


def post_comment(page, form, request):
    """Save a valid CommentForm as a comment on `page` under the site's rules.
    Raises CommentsClosed, RateLimited or Duplicate; returns the comment."""
    rules = rules_for(page)
    if not comments_open(page, rules):
        raise CommentsClosed
    user = form.user
    data = form.cleaned_data
    name = data["name"] if user is None else (user.get_full_name() or user.get_username())
    email = data["email"] if user is None else user.email
    check_rate_limits(request, email)

    parent = None
    if data.get("parent"):
        parent = Comment.objects.approved().filter(page=page, pk=data["parent"]).first()
        parent = attach_point(parent, rules.max_depth)

    recent = timezone.now() - datetime.timedelta(days=1)
    if Comment.objects.filter(page=page, email__iexact=email, text=data["text"], created_at__gte=recent).exclude(status=Comment.Status.TRASH).exists():
        raise Duplicate

    comment = Comment(
        page=page,
        parent=parent,
        depth=(parent.depth + 1) if parent else 0,
        user=user,
        name=name[:80],
        email=email,
        url=data.get("url", ""),
        text=data["text"],
        notify_replies=data.get("notify_replies", False),
        is_staff_reply=bool(user and user.is_staff),
        ip_address=client_ip(request) if _is_ip(client_ip(request)) else None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )
    comment.status, comment.moderation_reason = moderation.decide(comment, rules, user)
    with transaction.atomic():
        comment.save()
    remember(request, comment)
    if comment.status == Comment.Status.PENDING:
        from .tasks import notify_moderators

        transaction.on_commit(lambda: notify_moderators.enqueue(comment.pk))
    return comment


def _is_ip(value):
    import ipaddress

    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        return False


def remember(request, comment):
    """Keep the guest's own comment ids in their session: they alone see it
    while it awaits moderation, and may edit or delete it in the window."""
    mine = list(request.session.get(SESSION_KEY, []))
    if comment.pk not in mine:
        mine = (mine + [comment.pk])[-50:]
    request.session[SESSION_KEY] = mine


def owned_by(request, comment):
    if request.user.is_authenticated and comment.user_id == request.user.pk:
        return True
    return comment.pk in request.session.get(SESSION_KEY, [])


def can_change(request, comment):
    """The author (by account, or by the guest's session) may edit or delete
    their comment within the site's edit window."""
    if not owned_by(request, comment) or comment.status in (Comment.Status.SPAM, Comment.Status.TRASH):
        return False
    rules = rules_for(comment.page)
    return timezone.now() - comment.created_at <= datetime.timedelta(minutes=rules.edit_window_minutes)


def my_comments(request, page):
    """The reader's own comments on this page that are pending or still
    editable: shown only to them."""
    ids = request.session.get(SESSION_KEY, []) if hasattr(request, "session") else []
    query = Comment.objects.filter(page=page).exclude(status__in=[Comment.Status.SPAM, Comment.Status.TRASH])
    if request.user.is_authenticated:
        from django.db.models import Q

        query = query.filter(Q(pk__in=ids) | Q(user=request.user))
    elif ids:
        query = query.filter(pk__in=ids)
    else:
        return []
    return [comment for comment in query.order_by("created_at") if comment.status == Comment.Status.PENDING or can_change(request, comment)]


def edit_comment(comment, text, user=None):
    """Change the text; the moderation rules apply to the new text too, so
    an approved comment edited into spam goes back to the queue."""
    comment.text = text
    status, reason = moderation.decide(comment, rules_for(comment.page), user)
    if status != Comment.Status.APPROVED and comment.status == Comment.Status.APPROVED:
        comment.status, comment.moderation_reason = status, reason
    comment.save(update_fields=["text", "status", "moderation_reason", "updated_at", "depth"])


def delete_comment(comment):
    comment.status = Comment.Status.TRASH
    comment.save(update_fields=["status", "updated_at", "depth"])
