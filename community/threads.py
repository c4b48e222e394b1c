"""How an article's approved comments are arranged for readers.

The thread is a tree of conversations (a top-level comment and all its
replies), oldest first. Long threads are split into comment pages of
CommentSettings.threads_per_page conversations, chosen with the
`?comments_page=N` query parameter; a conversation is never split across
pages. Page 1 (the oldest conversations) has no query parameter, so existing
links to an article keep meaning "the start of the discussion".

Everything that decides where a comment is shown lives here, so the article
page and every link to one comment (permalinks, the redirect after posting,
reply emails, My account, data exports) agree."""

from collections import namedtuple

from django.db import models

PAGE_PARAMETER = "comments_page"

# Page numbers longer than this are treated as "very large" without being
# converted: a 10 kB query value must cost nothing (and Python refuses to
# convert integers of more than 4300 digits anyway).
_MAX_PAGE_DIGITS = 9

# What the page of a comment is worked out from: ids only, not the comments.
_ThreadRow = namedtuple("_ThreadRow", "pk parent_id")


def build_tree(comments):
    """[{"comment", "replies": [...]}] from a flat, oldest-first list: one
    node per conversation, replies nested under their parent, each level
    oldest first. A comment whose parent is not in the list (not approved,
    or gone) starts a conversation of its own.

    Only `pk` and `parent_id` are read from each item."""
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


def page_count(conversations, per_page):
    """How many comment pages `conversations` top-level conversations fill,
    `per_page` to a page (0: all on one). Always at least 1, so an empty
    thread still has its page 1."""
    if not per_page or conversations <= per_page:
        return 1
    return -(-conversations // per_page)  # ceiling division


def page_number(raw, pages):
    """The real page (1..pages) a requested `?comments_page=` value means,
    never an error: missing or junk means 1, zero or negative means 1, past
    the end means the last page (the house rule of blog.models.paginate)."""
    value = (raw or "").strip()
    sign = value[:1]
    digits = value[1:] if sign in ("+", "-") else value
    if not digits.isascii() or not digits.isdigit():
        return 1
    if sign == "-":
        return 1
    if len(digits) > _MAX_PAGE_DIGITS:
        return pages
    return min(max(int(digits), 1), pages)


def conversations_on_page(nodes, number, per_page):
    """The slice of build_tree's conversations shown on comment page `number`."""
    if not per_page:
        return list(nodes)
    start = (number - 1) * per_page
    return nodes[start : start + per_page]


def page_query(number):
    """The query string ("?comments_page=N", or "" for page 1) that opens
    comment page `number`."""
    return "" if number <= 1 else f"?{PAGE_PARAMETER}={number}"


def page_numbers_in(page_id, comment_ids, per_page):
    """{comment id: comment page} for those of `comment_ids` in the approved
    thread of article `page_id`; comments not in it are left out. One query
    (ids only) however long the thread: the tree is the one build_tree
    makes for the article page, so both always agree."""
    from .models import Comment

    wanted = set(comment_ids)
    rows = [_ThreadRow(pk, parent_id) for pk, parent_id in Comment.objects.for_thread(page_id).values_list("id", "parent_id")]
    found = {}
    for index, conversation in enumerate(build_tree(rows)):
        number = index // per_page + 1 if per_page else 1
        stack = [conversation]
        while stack:
            node = stack.pop()
            if node["comment"].pk in wanted:
                found[node["comment"].pk] = number
            stack.extend(node["replies"])
    return found


def page_number_of(comment, per_page):
    """The comment page showing `comment`, or None if it is not in the
    approved thread. For one comment (the redirect after posting, a reply
    email) this costs a query per level above it and one count, however
    long the thread; page_numbers_in reads the whole thread's ids, which
    pays off for many comments at once. Both follow build_tree's rules,
    and tests check that they agree."""
    from .models import Comment

    if comment.status != Comment.Status.APPROVED:
        return None
    if not per_page:
        return 1
    # Its conversation starts at the highest approved comment above it: a
    # comment whose parent is not approved (or gone) starts its own.
    root_id, root_created, parent_id = comment.pk, comment.created_at, comment.parent_id
    while parent_id is not None:
        parent = Comment.objects.approved().filter(pk=parent_id, page_id=comment.page_id).values_list("parent_id", "created_at").first()
        if parent is None:
            break
        root_id, root_created, parent_id = parent_id, parent[1], parent[0]
    approved_parent = Comment.objects.approved().filter(pk=models.OuterRef("parent_id"), page_id=models.OuterRef("page_id"))
    earlier_conversations = (
        Comment.objects.approved()
        .filter(page_id=comment.page_id)
        .filter(models.Q(created_at__lt=root_created) | models.Q(created_at=root_created, pk__lt=root_id))
        .exclude(models.Exists(approved_parent))
        .count()
    )
    return earlier_conversations // per_page + 1


def comment_urls(comments, full=False):
    """{comment id: link to it} for comments (with their `page` loaded), one
    thread query per article: the comment page showing it plus its anchor.
    A comment that is not published (pending, say) links to page 1, where
    its author sees it among "Your comments" at the top of the section."""
    from .comments import rules_for

    by_article = {}
    for comment in comments:
        by_article.setdefault(comment.page_id, []).append(comment)
    urls = {}
    for page_id, group in by_article.items():
        article = group[0].page
        numbers = page_numbers_in(page_id, [comment.pk for comment in group], rules_for(article).threads_per_page)
        base = (article.get_full_url() if full else article.url) or ""
        for comment in group:
            urls[comment.pk] = f"{base}{page_query(numbers.get(comment.pk, 1))}#{comment.anchor}"
    return urls


def comment_url(comment, full=False):
    """The link to one comment, as comment_urls makes it but without reading
    the whole thread (see page_number_of); with full=True, with the site's
    scheme and host, for email."""
    from .comments import rules_for

    article = comment.page
    number = page_number_of(comment, rules_for(article).threads_per_page) or 1
    base = (article.get_full_url() if full else article.url) or ""
    return f"{base}{page_query(number)}#{comment.anchor}"
