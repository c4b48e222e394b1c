"""From a published article to one delivery row per recipient.

1. `on_page_published` (connected in apps.py) runs inside Wagtail's publish:
   on an article's first publication it records one Edition for the page
   (unique per page, so re-publishing finds it and sends nothing) and, after
   the commit, enqueues `tasks.prepare_edition`.
2. `prepare` writes a Delivery per recipient in one transaction, with one
   INSERT ... SELECT (no subscriber passes through Python: memory stays
   flat however many subscribers there are), then enqueues sending (see
   sending.py).
Both are safe to run twice."""

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.db.models.constants import OnConflict
from django.utils import timezone

from .emails import one_line
from .models import Delivery, Edition, Subscriber


def snapshot(page):
    """An unsaved Edition with what the email will say about `page`."""
    site = page.get_site()
    return Edition(
        kind=Edition.Kind.POST,
        page=page,
        subject=one_line(page.title, 255),
        intro=page.intro or "",
        url=page.get_full_url() or "",
        site_name=(site.site_name if site else "") or settings.WAGTAIL_SITE_NAME,
        base_url=site.root_url if site else settings.WAGTAILADMIN_BASE_URL,
    )


def is_first_publication(page):
    return page.first_published_at is not None and page.first_published_at == page.last_published_at


def on_page_published(instance, **kwargs):
    """Receiver for wagtail's page_published (see apps.py)."""
    from blog.models import ArticlePage

    if isinstance(instance, ArticlePage) and is_first_publication(instance):
        create_for_page(instance)


def create_for_page(page):
    """The page's edition, created once. Returns (edition, created)."""
    if Edition.objects.filter(page=page).exists():
        return Edition.objects.get(page=page), False
    edition = snapshot(page)
    if not page.email_subscribers:
        edition.status, edition.note = Edition.Status.SKIPPED, "The editor chose not to email this post."
    elif page.get_view_restrictions().exists():
        edition.status, edition.note = Edition.Status.SKIPPED, "The page is private."
    try:
        with transaction.atomic():
            edition.save()
    except IntegrityError:  # published twice at the same moment: the other one won
        return Edition.objects.get(page=page), False
    if edition.status == Edition.Status.QUEUED:
        from . import tasks

        transaction.on_commit(lambda: tasks.prepare_edition.enqueue(edition.pk))
    return edition, True


def recipients_for(edition, now=None):
    """Who gets a new post: confirmed, not paused, every-post subscribers whose
    topics (if any) include one of the article's categories or its series."""
    page = edition.page
    category_ids = list(page.categories.values_list("pk", flat=True))
    return Subscriber.objects.every_post(now).interested_in(category_ids, page.series_id)


def _write_deliveries(edition):
    """A queued delivery for each of the edition's recipients, written by the
    database itself in one INSERT ... SELECT (no subscriber passes through
    Python, so memory stays flat and 10,000 rows take a fraction of what
    model instances in chunks took). Rows that exist already are kept as
    they are (a second run adds nothing). Every other column gets its
    model default."""
    connection = connections[Delivery.objects.db]
    ops = connection.ops
    recipients, recipient_params = recipients_for(edition).order_by().values("pk").query.sql_with_params()
    columns, values, params = [], [], []
    for field in Delivery._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(ops.quote_name(field.column))
        if field.name == "subscriber":
            values.append("s.id")
            continue
        values.append("%s")
        params.append(field.get_db_prep_save(edition.pk if field.name == "edition" else field.get_default(), connection))
    statement = (
        f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} {ops.quote_name(Delivery._meta.db_table)} ({', '.join(columns)})"
        f" SELECT {', '.join(values)} FROM {ops.quote_name(Subscriber._meta.db_table)} s"
        f" WHERE s.id IN ({recipients}) ORDER BY s.id"
        f" {ops.on_conflict_suffix_sql(None, OnConflict.IGNORE, None, None)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params + list(recipient_params))


def prepare(edition_id):
    """Write the edition's deliveries (once) and start sending. Returns the
    number of deliveries."""
    from . import tasks

    with transaction.atomic():
        edition = Edition.objects.select_for_update().filter(pk=edition_id).first()
        if edition is None or edition.status in (Edition.Status.SKIPPED, Edition.Status.DONE):
            return 0
        if edition.status == Edition.Status.QUEUED:
            if edition.kind == Edition.Kind.POST and edition.page is None:
                edition.status, edition.note = Edition.Status.SKIPPED, "The page was deleted before sending."
                edition.save(update_fields=["status", "note"])
                return 0
            _write_deliveries(edition)
            edition.total = edition.deliveries.count()
            edition.status = Edition.Status.SENDING
            edition.started_at = timezone.now()
            edition.save(update_fields=["total", "status", "started_at"])
        transaction.on_commit(lambda: tasks.send_edition.enqueue(edition.pk))
        return edition.total
