"""Comments are readers' words, not content that uses other content: saving
one queues no Wagtail reference-index task (a busy thread would otherwise
put a worker round trip in the queue for every comment and every
moderation click, and fill an article's "Usage" with comments)."""

import pytest

from community.models import Comment

pytestmark = pytest.mark.django_db


def test_saving_a_comment_queues_no_reference_index_task(client, article, queued_tasks):
    client.get("/")  # the admin's viewsets register their models once the URLs load, as in a running site
    comment = Comment.objects.create(page=article, name="Sam", email="sam@example.org", text="Pacing helps", status=Comment.Status.PENDING)
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert not [path for path in queued_tasks() if "reference_index" in path]
