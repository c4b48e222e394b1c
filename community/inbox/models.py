"""The contact inbox: messages visitors send through the contact page, the
replies and internal notes editors add, and the emails each one causes.

Personal data lives here and nowhere else: the contact page stores no Wagtail
form submissions, messages are kept out of the search index, and a message's
string form carries no personal detail (it ends up in admin logs)."""

import email.utils
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def new_message_id():
    """A Message-ID in the site's own mail domain (from DEFAULT_FROM_EMAIL)."""
    _, address = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)
    domain = address.rpartition("@")[2] or "localhost"
    return email.utils.make_msgid(domain=domain)


class Topic(models.Model):
    """What a message is about, chosen by the visitor from a list editors keep."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    asks_for_order_number = models.BooleanField(default=False, help_text="Ask the visitor for their order number when they pick this topic.")
    sort_order = models.IntegerField(default=0, editable=False)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("asks_for_order_number")]
    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "contact topic"

    def __str__(self):
        return self.name


class CannedReply(models.Model):
    """A ready-made answer editors can start a reply from."""

    title = models.CharField(max_length=120)
    body = models.TextField(max_length=5000, help_text="{name} is replaced by the sender's name.")

    panels = [FieldPanel("title"), FieldPanel("body")]

    class Meta:
        ordering = ["title"]
        verbose_name = "canned reply"
        verbose_name_plural = "canned replies"

    def __str__(self):
        return self.title

    def render_for(self, message):
        return self.body.replace("{name}", message.name)


def validate_address_list(value):
    for address in split_addresses(value):
        validate_email(address)


def split_addresses(value):
    return [part.strip() for part in re.split(r"[\s,;]+", value or "") if part.strip()]


@register_setting(icon="mail")
class InboxSettings(BaseSiteSetting):
    staff_emails = models.TextField(
        "staff addresses",
        blank=True,
        validators=[validate_address_list],
        help_text="Who is told about each new message, one address per line. Empty: every user who can work the inbox.",
    )
    include_message_in_notification = models.BooleanField(
        default=False,
        help_text="Put the message text in the staff email. Off by default: readers often share health details, which then stay in mailboxes.",
    )
    retention_days = models.PositiveIntegerField(
        default=365,
        validators=[MinValueValidator(7), MaxValueValidator(3650)],
        help_text="Messages older than this many days are deleted with their replies and notes.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("staff_emails"), FieldPanel("include_message_in_notification")], heading="Notifications"),
        FieldPanel("retention_days"),
    ]

    class Meta:
        verbose_name = "inbox settings"

    def staff_recipients(self):
        return split_addresses(self.staff_emails)


class MessageQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(status=Message.Status.NEW)

    def for_email(self, address):
        return self.filter(email__iexact=(address or "").strip())

    def received_before(self, moment):
        return self.filter(received_at__lt=moment)


class Message(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        READ = "read", "Read"
        REPLIED = "replied", "Replied"
        ARCHIVED = "archived", "Archived"
        SPAM = "spam", "Spam"

    site = models.ForeignKey("wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages")
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, db_index=True)
    subject = models.CharField(max_length=150)
    body = models.TextField("message", max_length=5000)
    order_number = models.CharField(max_length=40, blank=True)
    extra_fields = models.JSONField(default=list, blank=True, help_text="Answers to the fields editors added to the contact page: [{label, value}].")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    received_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    mail_message_id = models.CharField("Message-ID", max_length=255, unique=True, default=new_message_id, editable=False)
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False, help_text="Spots the same message sent twice.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "message"

    def __str__(self):
        # Shown in admin logs and confirmations, which outlive an erasure:
        # nothing the visitor wrote.
        return f"Message #{self.pk}"

    @property
    def sender(self):
        return f"{self.name} <{self.email}>"

    def thread(self):
        """The conversation so far: the message, then each reply, oldest first."""
        return list(self.replies.select_related("author").order_by("created_at", "pk"))

    def mark_read(self):
        """Opening a new message marks it read; other statuses stay."""
        if self.status == self.Status.NEW:
            Message.objects.filter(pk=self.pk, status=self.Status.NEW).update(status=self.Status.READ, updated_at=timezone.now())
            self.status = self.Status.READ


class Reply(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=10000)
    created_at = models.DateTimeField(default=timezone.now)
    mail_message_id = models.CharField("Message-ID", max_length=255, unique=True, default=new_message_id, editable=False)
    # The reply form carries a one-time key, so a double click or a re-sent
    # form stores (and emails) one reply.
    submission_key = models.UUIDField(editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "replies"
        constraints = [models.UniqueConstraint(fields=["message", "submission_key"], name="inbox_reply_once_per_submission")]

    def __str__(self):
        return f"Reply #{self.pk} to message #{self.message_id}"


class Note(models.Model):
    """An internal note on a message: seen by editors, never sent."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note #{self.pk}"


class OutgoingEmail(models.Model):
    """One email the inbox owes someone, and how its delivery went.

    pending -> sending (claimed by one worker, attempt counted) -> sent;
    an SMTP failure puts it back to pending with a later next_attempt_at,
    until MAX_ATTEMPTS, then failed. A row left in *sending* (a worker killed
    mid-send) is ambiguous: it is shown to editors, never resent silently."""

    class Kind(models.TextChoices):
        ACKNOWLEDGEMENT = "ack", "Acknowledgement to the sender"
        STAFF_NOTIFICATION = "staff", "Notification to staff"
        REPLY = "reply", "Reply to the sender"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Not needed"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="emails")
    reply = models.OneToOneField(Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="email")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "kind"],
                condition=Q(kind__in=["ack", "staff"]),
                name="inbox_one_ack_and_one_notification_per_message",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for message #{self.message_id}"

    def clean(self):
        if (self.kind == self.Kind.REPLY) != (self.reply_id is not None):
            raise ValidationError("A reply email needs its reply, and only a reply email has one.")


from .pages import ContactFormField, ContactPage  # noqa: E402,F401  (page models live beside their form)
