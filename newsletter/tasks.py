"""The newsletter's background work (Django Tasks API). Every task takes
ids, is safe to run twice and leaves its outcome in the database."""

import logging
import smtplib
from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task

from . import conf, digest, editions, emails, sending
from .models import Delivery, Edition, Subscriber

logger = logging.getLogger(__name__)

NOTICE_ATTEMPTS = 5
UNCONFIRMED_KEPT_FOR = timedelta(days=30)


def _queue_runs_later(a_task):
    """True for real queues (the database backend); False for backends that
    run a task on the spot (tests, ImmediateBackend), which cannot defer."""
    return a_task.get_backend().supports_defer


@task()
def prepare_edition(edition_id):
    """Write an edition's deliveries, then start sending."""
    return editions.prepare(edition_id)


@task()
def send_edition(edition_id):
    """Send one batch of an edition. On a real queue the follow-up batch is
    queued as soon as this one has its connection, so another worker can
    start in parallel and a killed worker's remaining deliveries are picked
    up; waiting retries are queued for when they are due."""
    deferred = _queue_runs_later(send_edition)
    follow_up = (lambda: send_edition.enqueue(edition_id)) if deferred else None
    outcome = sending.send_batch(edition_id, on_connected=follow_up)
    while not deferred and outcome.full:
        outcome = sending.send_batch(edition_id)
    if deferred and not outcome.connected:  # so no follow-up was queued
        if outcome.full:  # a whole batch skipped (unsubscribed since): the rest still waits
            send_edition.enqueue(edition_id)
        elif outcome.retry_at:
            send_edition.using(run_after=outcome.retry_at).enqueue(edition_id)
    return outcome.as_dict()


@task()
def send_notice(subscriber_id, kind, site_id=None, attempt=1):
    """A confirmation, welcome or "already subscribed" email to one reader,
    retried with backoff while the mail server is unreachable."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "gone"
    if kind == "welcome" and subscriber.status != Subscriber.Status.CONFIRMED:
        return "not confirmed"
    if kind == "confirm" and subscriber.status == Subscriber.Status.CONFIRMED:
        return "confirmed already"
    message = emails.notice(kind, subscriber, emails.site_info(site_id))
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= NOTICE_ATTEMPTS or not _queue_runs_later(send_notice):
            logger.error("Newsletter %s email to subscriber %s not sent: %s", kind, subscriber_id, error)
            return "failed"
        retry_at = timezone.now() + timedelta(seconds=sending.backoff(attempt))
        send_notice.using(run_after=retry_at).enqueue(subscriber_id, kind, site_id, attempt + 1)
        return "retrying"
    return "sent"


@task()
def send_test(page_id, email):
    """An editor's test of a page's email, to their own address."""
    from blog.models import ArticlePage

    page = ArticlePage.objects.filter(pk=page_id).first()
    if page is None:
        return "gone"
    emails.for_article(page).preview(email).send(fail_silently=False)
    return "sent"


@task()
def send_weekly_digests():
    """Periodic (hourly): this week's digest, once, when it is due."""
    edition = digest.create_weekly()
    return edition.pk if edition else None


@task()
def resume_editions():
    """Periodic (every few minutes): the safety net. Re-queues work a dead
    worker left behind (an edition never prepared, deliveries due with no
    task to send them), closes editions that have finished, and forgets
    addresses that were never confirmed after 30 days."""
    now = timezone.now()
    stale = now - timedelta(seconds=conf.get("NEWSLETTER_AMBIGUOUS_AFTER_SECONDS"))
    for edition_id in Edition.objects.filter(status=Edition.Status.QUEUED, created_at__lte=stale).values_list("pk", flat=True):
        prepare_edition.enqueue(edition_id)
    due = Delivery.objects.filter(edition=OuterRef("pk")).due(now)
    sending_editions = Edition.objects.filter(status=Edition.Status.SENDING)
    for edition_id in sending_editions.filter(Exists(due)).values_list("pk", flat=True):
        send_edition.enqueue(edition_id)
    for edition_id in sending_editions.exclude(Exists(due)).values_list("pk", flat=True):
        sending.finish_if_complete(edition_id)
    Subscriber.objects.filter(status=Subscriber.Status.PENDING, created_at__lte=now - UNCONFIRMED_KEPT_FOR, deliveries__isnull=True).delete()
    return "ok"
