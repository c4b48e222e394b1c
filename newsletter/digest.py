"""The weekly digest: one edition per ISO week; each weekly subscriber's
delivery lists the posts published since their previous digest that match
their topics. It goes through the same delivery machinery as a new post
(exactly once, retries, ambiguity rule).

`tasks.send_weekly_digests` may run as often as you like (hourly is
plenty): it creates the week's edition once, from NEWSLETTER_DIGEST_WEEKDAY
at NEWSLETTER_DIGEST_HOUR on, and otherwise does nothing."""

from datetime import timedelta
from itertools import islice

from django.db import transaction
from django.utils import timezone

from . import conf, emails
from .models import Delivery, Edition, Subscriber

CHUNK = 1000
# However long ago someone's last digest was, a digest never reaches back
# further than this.
LONGEST_WINDOW = timedelta(weeks=8)
FIRST_WINDOW = timedelta(weeks=1)


def week_key(now):
    year, week, _ = timezone.localtime(now).isocalendar()
    return f"{year}-W{week:02d}"


def is_due(now):
    local = timezone.localtime(now)
    weekday, hour = conf.get("NEWSLETTER_DIGEST_WEEKDAY"), conf.get("NEWSLETTER_DIGEST_HOUR")
    return local.weekday() > weekday or (local.weekday() == weekday and local.hour >= hour)


def _candidate_articles(now):
    """Live public articles from the longest window, oldest first, with
    their category ids: few enough to hold (weeks of posts, not readers)."""
    from blog.models import ArticlePage

    pages = (
        ArticlePage.objects.published()
        .filter(first_published_at__gt=now - LONGEST_WINDOW, first_published_at__lte=now)
        .order_by("first_published_at", "pk")
        .only("pk", "first_published_at", "series_id")
        .prefetch_related("categories")
    )
    return [(page.pk, page.first_published_at, {category.pk for category in page.categories.all()}, page.series_id) for page in pages]


def _wanted(articles, since, category_ids, series_ids):
    everything = not category_ids and not series_ids
    return [
        pk
        for pk, published, categories, series_id in articles
        if published > since and (everything or categories & category_ids or (series_id and series_id in series_ids))
    ]


def create_weekly(now=None, force=False):
    """This week's digest edition with its deliveries, made once. Returns
    the edition (None when it is not yet digest time)."""
    from . import tasks

    now = now or timezone.now()
    if not force and not is_due(now):
        return None
    site = emails.site_info()
    with transaction.atomic():
        edition, created = Edition.objects.get_or_create(
            digest_key=week_key(now),
            defaults={"kind": Edition.Kind.DIGEST, "subject": f"Weekly digest {week_key(now)}", "site_name": site.name, "base_url": site.base_url},
        )
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status == Edition.Status.QUEUED:
            _fill(edition, now)
        transaction.on_commit(lambda: tasks.send_edition.enqueue(edition.pk))
    return edition


def _fill(edition, now):
    articles = _candidate_articles(now)
    through_categories = Subscriber.categories.through
    through_series = Subscriber.series.through
    ids = Subscriber.objects.weekly(now).order_by("pk").values_list("pk", "last_digest_at").iterator(chunk_size=CHUNK)
    iterator = iter(ids)
    while chunk := list(islice(iterator, CHUNK)):
        pks = [pk for pk, _ in chunk]
        categories, series = {}, {}
        for subscriber_id, category_id in through_categories.objects.filter(subscriber_id__in=pks).values_list("subscriber_id", "category_id"):
            categories.setdefault(subscriber_id, set()).add(category_id)
        for subscriber_id, series_id in through_series.objects.filter(subscriber_id__in=pks).values_list("subscriber_id", "series_id"):
            series.setdefault(subscriber_id, set()).add(series_id)
        deliveries = []
        for pk, last_digest_at in chunk:
            since = max(last_digest_at or now - FIRST_WINDOW, now - LONGEST_WINDOW)
            wanted = _wanted(articles, since, categories.get(pk, set()), series.get(pk, set()))
            if wanted:
                deliveries.append(Delivery(edition_id=edition.pk, subscriber_id=pk, article_ids=wanted))
        Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
        Subscriber.objects.filter(pk__in=pks).update(last_digest_at=now)
    edition.total = edition.deliveries.count()
    edition.status = Edition.Status.SENDING
    edition.started_at = now
    edition.save(update_fields=["total", "status", "started_at"])


def render(edition, article_ids):
    """The digest email for these articles (those still live, newest
    first), or None if none is."""
    from blog.models import ArticlePage

    pages = ArticlePage.objects.published().filter(pk__in=list(article_ids)).only("pk", "title", "intro", "url_path", "path", "depth", "first_published_at")
    articles = [{"title": page.title, "intro": page.intro, "url": page.get_full_url() or ""} for page in pages]
    if not articles:
        return None
    site = emails.SiteInfo(edition.site_name, edition.base_url)
    return emails.for_digest(articles, site)
