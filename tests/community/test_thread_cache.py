"""The rendered thread is cached (community_tags.thread_html) until a
comment on the article changes: readers see an edit, an approval or a
removal at once."""

from django.test import Client

from community.models import Comment


def test_a_change_to_a_comment_shows_at_once(article, approved_comment):
    comment = approved_comment(text="First version of my comment")
    assert "First version of my comment" in Client().get(article.url).content.decode()

    comment.text = "Edited version of my comment"
    comment.save()
    page = Client().get(article.url).content.decode()
    assert "Edited version of my comment" in page and "First version" not in page

    Comment.objects.create(page=article, name="Pat", email="pat@example.org", text="Waiting for a moderator", status=Comment.Status.PENDING)
    comment.status = Comment.Status.TRASH
    comment.save()
    page = Client().get(article.url).content.decode()
    assert "Edited version of my comment" not in page and "Waiting for a moderator" not in page
