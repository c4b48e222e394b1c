"""Scheduled publishing: a page with a go-live date goes live on its own."""

import datetime

import time_machine
from django.core.management import call_command
from django.utils import timezone

from blog.models import ArticlePage
from blog.tasks import publish_scheduled_pages
from tests.factories import make_article


def schedule(page, when):
    """What the editor's "Publish" does with a go-live date in the future."""
    page.go_live_at = when
    revision = page.save_revision(approved_go_live_at=when)
    revision.publish()
    return revision


def test_scheduled_article_is_not_live_until_its_time(client, blog):
    go_live = timezone.now() + datetime.timedelta(days=2)
    article = make_article(blog, title="Tomorrow’s article", publish=False)
    schedule(article, go_live)
    article.refresh_from_db()
    assert not article.live
    assert client.get("/blog/" + article.slug + "/").status_code == 404

    publish_scheduled_pages.call()  # before its time: nothing happens
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_worker_task_publishes_when_the_time_comes(client, blog):
    go_live = timezone.now() + datetime.timedelta(days=2)
    article = make_article(blog, title="Tomorrow’s article", publish=False)
    schedule(article, go_live)

    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        publish_scheduled_pages.call()

    article.refresh_from_db()
    assert article.live
    response = client.get(article.url)
    assert response.status_code == 200
    assert "Tomorrow’s article" in response.content.decode()
    assert "Tomorrow’s article" in client.get("/feeds/rss/").content.decode()


def test_the_clock_enqueues_the_publishing_task(blog):
    """`manage.py clock` is what runs beside the worker: one tick enqueues the
    task, which (with the test's immediate backend) publishes the page."""
    go_live = timezone.now() + datetime.timedelta(hours=1)
    article = make_article(blog, publish=False)
    schedule(article, go_live)
    with time_machine.travel(go_live + datetime.timedelta(seconds=5), tick=False):
        call_command("clock", "--once", verbosity=0)
    assert ArticlePage.objects.get(pk=article.pk).live


def test_expired_article_is_unpublished(client, blog):
    article = make_article(blog)
    article.expire_at = timezone.now() + datetime.timedelta(days=1)
    article.save()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2), tick=False):
        publish_scheduled_pages.call()
    assert not ArticlePage.objects.get(pk=article.pk).live
