"""The comments section under each article."""

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import mark_safe

from community import comments as flows
from community.forms import CommentForm
from community.moderation import thread_version
from community.models import Comment

register = template.Library()

THREAD_TIMEOUT = 24 * 60 * 60


@register.filter
def comment_text(text):
    """Plain text made safe: everything escaped, paragraphs and line breaks
    kept, http(s) addresses turned into links that search engines don't
    follow. No HTML the reader wrote is ever rendered."""
    linked = urlize(escape(text), trim_url_limit=60, nofollow=True, autoescape=False)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    return mark_safe(linebreaks(linked, autoescape=False))


def build_tree(comments):
    """[(comment, [children...])] from a flat, oldest-first list."""
    children, roots = {}, []
    by_id = {comment.pk: comment for comment in comments}
    for comment in comments:
        if comment.parent_id and comment.parent_id in by_id:
            children.setdefault(comment.parent_id, []).append(comment)
        else:
            roots.append(comment)

    def node(comment):
        return {"comment": comment, "replies": [node(child) for child in children.get(comment.pk, [])]}

    return [node(root) for root in roots]


def thread_html(page, can_reply):
    """The approved thread of one article, rendered once and cached until a
    comment on it changes (moderation.after_save bumps the version)."""
    key = f"chronicle:comments:thread:{page.pk}:{thread_version(page.pk)}:{int(can_reply)}"
    cached = cache.get(key)
    if cached is None:
        approved = list(Comment.objects.for_thread(page.pk))
        cached = {
            "count": len(approved),
            "html": render_to_string("community/thread.html", {"nodes": build_tree(approved), "page": page, "can_reply": can_reply}),
        }
        cache.set(key, cached, THREAD_TIMEOUT)
    return cached


@register.inclusion_tag("community/comments_section.html", takes_context=True)
def comments_section(context, page):
    request = context["request"]
    is_open = flows.comments_open(page, request=request)
    thread = thread_html(page, is_open)
    reply_to = None
    if is_open and request.GET.get("replyto", "").isdigit():
        reply_to = Comment.objects.approved().filter(page=page, pk=int(request.GET["replyto"])).only("id", "name").first()
    form = CommentForm(user=request.user, initial={"parent": reply_to.pk} if reply_to else None) if is_open else None
    return {
        "request": request,
        "page": page,
        "count": thread["count"],
        "thread_html": mark_safe(thread["html"]),
        "open": is_open,
        "form": form,
        "reply_to": reply_to,
        "mine": flows.my_comments(request, page),
        "user": request.user,
    }
