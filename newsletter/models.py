"""Subscribers, editions (one email per new article, or a weekly digest) and
deliveries (one row per edition and recipient, the unit of exactly-once)."""

import secrets
from datetime import timedelta

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from . import conf


def new_nonce():
    return secrets.token_urlsafe(12)


def normalize_email(value):
    """One spelling per address: trimmed and lower-cased (mail providers treat
    the local part case-insensitively in practice; two rows that differ only
    in case would mean two emails to one reader)."""
    return (value or "").strip().lower()


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def suppressed(self):
        """Addresses we keep only to never mail them again."""
        return self.filter(status__in=Subscriber.SUPPRESSED)

    def receiving(self, now=None):
        """Confirmed and not paused: who gets mail today."""
        now = now or timezone.now()
        return self.confirmed().filter(Q(paused_until__isnull=True) | Q(paused_until__lte=now))

    def every_post(self, now=None):
        return self.receiving(now).filter(frequency=Subscriber.Frequency.EVERY_POST)

    def weekly(self, now=None):
        return self.receiving(now).filter(frequency=Subscriber.Frequency.WEEKLY)

    def interested_in(self, category_ids, series_id):
        """Subscribers who chose no topics (they get everything), or chose one
        of these categories, or this series."""
        through_categories = Subscriber.categories.through
        through_series = Subscriber.series.through
        any_category = through_categories.objects.filter(subscriber_id=OuterRef("pk"))
        any_series = through_series.objects.filter(subscriber_id=OuterRef("pk"))
        wants_everything = ~Exists(any_category) & ~Exists(any_series)
        condition = wants_everything
        if category_ids:
            condition |= Exists(any_category.filter(category_id__in=list(category_ids)))
        if series_id:
            condition |= Exists(any_series.filter(series_id=series_id))
        return self.filter(condition)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        BOUNCED = "bounced", "Bounced"
        COMPLAINED = "complained", "Marked as spam"

    SUPPRESSED = (Status.UNSUBSCRIBED, Status.BOUNCED, Status.COMPLAINED)

    class Frequency(models.TextChoices):
        EVERY_POST = "every", "Every new post"
        WEEKLY = "weekly", "A weekly digest"

    class Source(models.TextChoices):
        FOOTER = "footer", "Subscribe box (footer)"
        ARTICLE = "article", "Subscribe box (end of article)"
        HOME = "home", "Subscribe box (home page)"
        PAGE = "page", "Subscribe page"
        IMPORT = "import", "Imported"
        ADMIN = "admin", "Added by an editor"

    email = models.EmailField(max_length=254, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.EVERY_POST)
    categories = models.ManyToManyField("blog.Category", blank=True, related_name="+", help_text="Only posts in these categories (none: all posts).")
    series = models.ManyToManyField("blog.Series", blank=True, related_name="+", help_text="Also every part of these series.")
    paused_until = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PAGE)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    consent_text = models.TextField(blank=True, help_text="What the reader agreed to, as shown to them.")
    consented_at = models.DateTimeField(null=True, blank=True, help_text="When they confirmed (or, for imports, their original consent date).")
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    suppressed_at = models.DateTimeField(null=True, blank=True, editable=False)
    suppression_reason = models.CharField(max_length=300, blank=True, editable=False)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Changes whenever an outstanding confirmation link must stop working
    # (a new request, an unsubscribe): confirm tokens carry it.
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.email

    def clean(self):
        from django.core.exceptions import ValidationError

        from .forms import check_address

        try:
            check_address(self.email)
        except ValidationError as error:
            raise ValidationError({"email": error.messages})
        self.email = normalize_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_suppressed(self):
        return self.status in self.SUPPRESSED

    @property
    def is_paused(self):
        return bool(self.paused_until and self.paused_until > timezone.now())


class Edition(models.Model):
    """What is sent: one article's email, or one week's digest."""

    class Kind(models.TextChoices):
        POST = "post", "New post"
        DIGEST = "digest", "Weekly digest"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Not sent"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.POST)
    # First publication creates at most one edition per page (the unique
    # constraint is what makes re-publishing send nothing).
    page = models.OneToOneField("blog.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="newsletter_edition")
    digest_key = models.CharField(max_length=20, null=True, blank=True, unique=True)
    subject = models.CharField(max_length=255)
    intro = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    # The site the email speaks for, as it was when the edition was made.
    site_name = models.CharField(max_length=255, blank=True)
    base_url = models.URLField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject

    def progress(self):
        """Counts by state: queued, sending (in flight), ambiguous, sent,
        failed, skipped and total."""
        return Delivery.objects.filter(edition=self).progress()


class DeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(status=Delivery.Status.QUEUED, next_attempt_at__lte=now or timezone.now())

    def ambiguous(self, now=None):
        """Handed to the mail server by a worker that died before recording
        the outcome: maybe delivered, maybe not. Never resent by itself."""
        return self.filter(status=Delivery.Status.SENDING, sending_since__lte=ambiguous_cutoff(now))

    def in_flight(self, now=None):
        return self.filter(status=Delivery.Status.SENDING, sending_since__gt=ambiguous_cutoff(now))

    def progress(self, now=None):
        cutoff = ambiguous_cutoff(now)
        sending = Q(status=Delivery.Status.SENDING)
        counts = self.aggregate(
            total=Count("pk"),
            queued=Count("pk", filter=Q(status=Delivery.Status.QUEUED)),
            sending=Count("pk", filter=sending & Q(sending_since__gt=cutoff)),
            ambiguous=Count("pk", filter=sending & Q(sending_since__lte=cutoff)),
            sent=Count("pk", filter=Q(status=Delivery.Status.SENT)),
            failed=Count("pk", filter=Q(status=Delivery.Status.FAILED)),
            skipped=Count("pk", filter=Q(status=Delivery.Status.SKIPPED)),
        )
        return counts


def ambiguous_cutoff(now=None):
    return (now or timezone.now()) - timedelta(seconds=conf.get("NEWSLETTER_AMBIGUOUS_AFTER_SECONDS"))


class Delivery(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped (no longer subscribed)"

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    # A digest's articles for this reader (page ids); empty for a post.
    article_ids = models.JSONField(default=list, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [models.UniqueConstraint(fields=["edition", "subscriber"], name="newsletter_one_delivery_per_recipient")]
        indexes = [
            # Claiming walks an edition's queued rows in id order.
            models.Index(fields=["edition", "status", "id"], name="newsletter_delivery_claim"),
            models.Index(fields=["status", "sending_since"], name="newsletter_delivery_stale"),
        ]

    def __str__(self):
        return f"{self.edition} → {self.subscriber}"
