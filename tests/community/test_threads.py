"""Threaded replies, with a depth limit editors set."""

from community.models import Comment
from tests.community.helpers import post_comment, set_rules


def test_replies_nest_under_their_parent_oldest_first(client, article, approved_comment):
    first = approved_comment(text="First thought")
    reply = approved_comment(text="A reply to the first", parent=first, email="b@example.org")
    approved_comment(text="Second thought")
    html = client.get(article.url).content.decode()
    assert html.index("First thought") < html.index("A reply to the first") < html.index("Second thought")
    nested = html[html.index(f'id="comment-{first.pk}"') : html.index("Second thought")]
    assert 'class="comment-replies"' in nested and f'id="comment-{reply.pk}"' in nested


def test_replies_beyond_the_depth_limit_attach_to_the_deepest_allowed_level(client, article, approved_comment):
    set_rules(max_depth=2, hold_first_time=False)
    level0 = approved_comment(text="level 0")
    level1 = approved_comment(text="level 1", parent=level0)
    level2 = approved_comment(text="level 2", parent=level1)
    post_comment(client, article, text="reply to the deepest", parent=level2.pk)
    reply = Comment.objects.get(text="reply to the deepest")
    assert reply.parent == level1 and reply.depth == 2


def test_reply_link_works_without_javascript(client, article, approved_comment):
    parent = approved_comment(name="Jo")
    html = client.get(f"{article.url}?replyto={parent.pk}").content.decode()
    assert "Reply to Jo" in html
    assert f'name="parent" value="{parent.pk}"' in html


def test_reply_to_a_comment_on_another_article_is_a_top_level_comment(client, blog, article, approved_comment):
    from tests.factories import make_article

    set_rules(hold_first_time=False)
    other = make_article(blog)
    foreign = approved_comment()
    post_comment(client, other, text="Not threaded", parent=foreign.pk)
    assert Comment.objects.get(text="Not threaded").parent is None
