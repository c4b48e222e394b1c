"""The comments section under each article."""

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import mark_safe

from chronicle.page_cache import depends_on
from community import comments as flows
from community import threads
from community.forms import CommentForm
from community.moderation import thread_version, thread_version_key
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


def thread_html(page, can_reply, requested_page=None, per_page=0):
    """One comment page of an article's approved thread, rendered once and
    cached until a comment on it changes (every save bumps the thread
    version, moderation.after_save).

    `requested_page` is the raw `?comments_page=` value (any string, or
    None); `per_page` the conversations per page (0: all on one page).
    Returns {"count": approved comments in the whole thread, "pages": how
    many comment pages there are, "number": the real page shown, "html":
    its conversations}. No query when cached; one (the approved list,
    sliced here) when not, whatever the thread's length."""
    # The outline (count, pages) is cached apart from each page's HTML: the
    # requested number can only be made a real page once the page count is
    # known, and junk numbers then share the real page's entry.
    outline_key = f"chronicle:comments:thread:{page.pk}:{thread_version(page.pk)}:per{per_page}"
    outline = cache.get(outline_key)
    if outline is not None:
        number = threads.page_number(requested_page, outline["pages"])
        html = cache.get(_page_key(outline_key, number, can_reply))
        if html is not None:
            return {**outline, "number": number, "html": html}

    approved = list(Comment.objects.for_thread(page.pk))
    conversations = threads.build_tree(approved)
    outline = {"count": len(approved), "pages": threads.page_count(len(conversations), per_page)}
    number = threads.page_number(requested_page, outline["pages"])
    html = render_to_string(
        "community/thread.html",
        {
            "nodes": threads.conversations_on_page(conversations, number, per_page),
            "page": page,
            "can_reply": can_reply,
            "comments_page": number,
        },
    )
    cache.set_many({outline_key: outline, _page_key(outline_key, number, can_reply): html}, THREAD_TIMEOUT)
    return {**outline, "number": number, "html": html}


def _page_key(outline_key, number, can_reply):
    return f"{outline_key}:p{number}:{int(can_reply)}"


def _comment_id(raw):
    """A comment id from a query value, or None for anything else: only
    ASCII digits, and few enough of them to be a database id (str.isdigit
    alone lets "²" through, which int() refuses)."""
    value = (raw or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def comment_page_links(page, number, pages):
    """What the "Comment pages" navigation shows: None for a single page,
    else the current number, the count and the earlier/later links (None at
    either end), each landing at the comments."""
    if pages <= 1:
        return None

    def link(to):
        return f"{page.url}{threads.page_query(to)}#comments" if 1 <= to <= pages else None

    return {"number": number, "pages": pages, "earlier": link(number - 1), "later": link(number + 1)}


@register.inclusion_tag("community/comments_section.html", takes_context=True)
def comments_section(context, page):
    """The comments section of an article: the count, the reader's own
    comments, one comment page of the thread with its navigation, the form."""
    request = context["request"]
    # A page-cached copy of this article is served only while its thread
    # is unchanged: declared before the version is read (see depends_on).
    depends_on(request, thread_version_key(page.pk))
    rules = flows.rules_for(page, request)
    is_open = flows.comments_open(page, rules=rules, request=request)
    thread = thread_html(page, is_open, request.GET.get(threads.PAGE_PARAMETER), rules.threads_per_page)
    reply_to = None
    reply_to_id = _comment_id(request.GET.get("replyto"))
    if is_open and reply_to_id:
        reply_to = Comment.objects.approved().filter(page=page, pk=reply_to_id).only("id", "name").first()
    form = CommentForm(user=request.user, initial={"parent": reply_to.pk} if reply_to else None) if is_open else None
    return {
        "request": request,
        "page": page,
        "count": thread["count"],
        "thread_html": mark_safe(thread["html"]),
        "comment_pages": comment_page_links(page, thread["number"], thread["pages"]),
        # Keeps the reader on this comment page when they cancel a reply.
        "comments_page_query": threads.page_query(thread["number"]),
        "open": is_open,
        "form": form,
        "reply_to": reply_to,
        "mine": flows.my_comments(request, page),
        "user": request.user,
    }
