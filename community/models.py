"""Comments on articles ("Leave a Reply") and the rules editors set for them."""

import hashlib

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.search import index


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def for_thread(self, page_id):
        """The approved comments of one article with only what the thread
        shows, oldest first: one query however many there are."""
        return (
            self.approved()
            .filter(page_id=page_id)
            .only("id", "parent_id", "depth", "name", "url", "text", "created_at", "is_staff_reply", "page_id", "status")
            .order_by("created_at", "id")
        )

    def by_email(self, email):
        return self.filter(email__iexact=email.strip())


class Comment(index.Indexed, models.Model):
    # Readers' words, not content: no article "Usage" entry and no
    # reference-index task per save or moderation click.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    page = models.ForeignKey("blog.ArticlePage", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    name = models.CharField(max_length=80)
    email = models.EmailField(max_length=254, blank=True)
    url = models.URLField("website", max_length=300, blank=True)
    text = models.TextField(max_length=5000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    moderation_reason = models.CharField(max_length=200, blank=True)
    is_staff_reply = models.BooleanField(default=False)
    notify_replies = models.BooleanField("notify me of replies by email", default=False)
    parent_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderators_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommentQuerySet.as_manager()

    search_fields = [
        index.SearchField("text"),
        index.SearchField("name"),
        index.SearchField("email"),
        index.FilterField("status"),
        index.FilterField("page_id"),
        index.FilterField("created_at"),
    ]

    panels = [
        FieldPanel("status"),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("url"),
        FieldPanel("text"),
        FieldPanel("notify_replies"),
    ]

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "status", "created_at"])]
        permissions = [("moderate_comment", "Can moderate comments")]

    def __str__(self):
        return f"{self.name}: {self.text[:60]}"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._loaded_status = self.status

    def save(self, *args, **kwargs):
        from . import moderation

        if self.parent_id and not self.depth:
            self.depth = (self.parent.depth + 1) if self.parent else 0
        # A new row has no stored status: one saved approved (an editor's
        # reply from the admin) has just become approved too.
        became_approved = self.status == self.Status.APPROVED and (self._state.adding or self._loaded_status != self.Status.APPROVED)
        super().save(*args, **kwargs)
        self._loaded_status = self.status
        moderation.after_save(self, became_approved=became_approved)

    @property
    @admin.display(description="Comment")
    def excerpt(self):
        return self.text[:120] + ("…" if len(self.text) > 120 else "")

    @property
    def anchor(self):
        return f"comment-{self.pk}"

    @property
    def initials(self):
        parts = [part for part in self.name.split() if part[:1].isalnum()]
        letters = "".join(part[0] for part in parts[:2]) or "?"
        return letters.upper()

    @property
    def avatar_tone(self):
        """One of eight calm colours, stable per display name; made here,
        never looked up on a third-party service."""
        return int(hashlib.sha256(self.name.encode()).hexdigest()[:4], 16) % 8

    def get_absolute_url(self):
        """The article's URL on the comment page that shows this comment, at
        its anchor (community.threads.comment_url). Costs a query or two:
        for links built off the article page."""
        from .threads import comment_url

        return comment_url(self)

    def get_full_url(self):
        """As get_absolute_url, with the site's scheme and host (for email)."""
        from .threads import comment_url

        return comment_url(self, full=True)


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    max_depth = models.PositiveSmallIntegerField(
        "maximum reply depth", default=3, help_text="Replies deeper than this attach to the deepest allowed level (0: no threads)."
    )
    close_after_days = models.PositiveIntegerField(
        default=0, help_text="Close comments on articles older than this many days (0: never)."
    )
    hold_first_time = models.BooleanField(
        "hold first-time commenters", default=True, help_text="Until an address has one approved comment, hold its comments for moderation."
    )
    max_links = models.PositiveSmallIntegerField(default=2, help_text="Hold comments with more links than this.")
    hold_keywords = models.TextField(blank=True, help_text="One word or phrase per line: comments containing it are held.")
    reject_keywords = models.TextField(blank=True, help_text="One word or phrase per line: comments containing it are marked spam.")
    blocked_email_domains = models.TextField(blank=True, help_text="One domain per line, e.g. spam.example.")
    blocked_ips = models.TextField("blocked IP addresses", blank=True, help_text="One address per line.")
    edit_window_minutes = models.PositiveIntegerField(default=15, help_text="How long readers may edit or delete their own comment.")
    threads_per_page = models.PositiveSmallIntegerField(
        "conversations per page",
        default=20,
        help_text="Top-level comments per page, each with its replies (0: all on one page).",
    )
    moderator_emails = models.TextField(blank=True, help_text="Who is emailed about comments held for moderation, one address per line.")
    ip_retention_days = models.PositiveIntegerField(
        default=30, help_text="Commenter IP addresses and browsers are kept this long for moderation, then cleared."
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("max_depth"), FieldPanel("close_after_days"), FieldPanel("edit_window_minutes"), FieldPanel("threads_per_page")],
            heading="Discussion",
        ),
        MultiFieldPanel(
            [FieldPanel("hold_first_time"), FieldPanel("max_links"), FieldPanel("hold_keywords"), FieldPanel("reject_keywords")],
            heading="Moderation rules",
        ),
        MultiFieldPanel([FieldPanel("blocked_email_domains"), FieldPanel("blocked_ips")], heading="Block lists"),
        MultiFieldPanel([FieldPanel("moderator_emails"), FieldPanel("ip_retention_days")], heading="Notifications and privacy"),
    ]

    class Meta:
        verbose_name = "Comment settings"

    @staticmethod
    def lines(text):
        return [line.strip().lower() for line in (text or "").splitlines() if line.strip()]
