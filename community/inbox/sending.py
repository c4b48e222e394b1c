"""Delivering the inbox's emails: exactly once where SMTP allows it, retried
with backoff while the mail server is down.

Each OutgoingEmail is claimed by one worker with a conditional UPDATE
(pending -> sending), sent, then marked sent. Running a delivery twice, or
two workers at once, sends one email. A transient failure puts it back to
pending with a later next_attempt_at and re-enqueues the task for then
(backends that cannot defer rely on `retry_due`, run by the clock). After
MAX_ATTEMPTS it is marked failed and shown to editors, who can send it again.

The one window nothing closes: a worker killed after SMTP accepted the email
but before it was marked sent leaves the row in *sending*. Such rows are
never resent automatically; the message view flags them as "may not have
been sent" and an editor decides."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

RETRY_GRACE = datetime.timedelta(minutes=5)
STALE_SENDING = datetime.timedelta(minutes=15)


class DeliveryPostponed(Exception):
    """The mail server could not take the email now; a retry is scheduled."""


class NothingToSend(Exception):
    """Nobody to send this email to (e.g. no staff address anywhere)."""


def max_attempts():
    return getattr(settings, "INBOX_MAX_SEND_ATTEMPTS", 12)


def backoff(attempts):
    """Delay before the next attempt: 1, 2, 4 … minutes, at most an hour."""
    return datetime.timedelta(seconds=min(60 * 2 ** max(0, attempts - 1), 3600))


def queue_after_commit(outgoing_emails):
    """Enqueue one delivery task per email once the surrounding transaction
    commits (a worker must never look for rows that are not there yet)."""
    ids = [outgoing.pk for outgoing in outgoing_emails]

    def enqueue():
        from .tasks import deliver_email

        for outgoing_id in ids:
            deliver_email.enqueue(outgoing_id)

    transaction.on_commit(enqueue)


def _is_permanent(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return True
    code = getattr(error, "smtp_code", None)
    return isinstance(error, smtplib.SMTPResponseException) and isinstance(code, int) and 500 <= code < 600 and not isinstance(error, smtplib.SMTPSenderRefused)


def _describe(error):
    return f"{type(error).__name__}: {error}"[:300]


def deliver(outgoing_id):
    """Send one owed email if it is due and nobody else is sending it.
    Returns "sent", "failed", "skipped" or "not due"; raises
    DeliveryPostponed after scheduling a retry."""
    from . import emails

    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(pk=outgoing_id, status=OutgoingEmail.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=OutgoingEmail.Status.SENDING, sending_since=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "not due"
    outgoing = OutgoingEmail.objects.select_related("message__site", "message__topic", "reply").filter(pk=outgoing_id).first()
    if outgoing is None:  # erased meanwhile
        return "skipped"
    mine = OutgoingEmail.objects.filter(pk=outgoing_id, status=OutgoingEmail.Status.SENDING)
    try:
        mail = emails.build(outgoing)
    except NothingToSend as reason:
        mine.update(status=OutgoingEmail.Status.SKIPPED, sending_since=None, last_error=str(reason)[:300])
        return "skipped"
    try:
        mail.send()
    except (smtplib.SMTPException, OSError) as error:
        if _is_permanent(error) or outgoing.attempts >= max_attempts():
            mine.update(status=OutgoingEmail.Status.FAILED, sending_since=None, next_attempt_at=None, last_error=_describe(error))
            logger.warning("inbox: giving up on email %s after %s attempts: %s", outgoing_id, outgoing.attempts, _describe(error))
            return "failed"
        retry_at = timezone.now() + backoff(outgoing.attempts)
        mine.update(status=OutgoingEmail.Status.PENDING, sending_since=None, next_attempt_at=retry_at, last_error=_describe(error))
        schedule_retry(outgoing_id, retry_at)
        raise DeliveryPostponed(f"email {outgoing_id}: attempt {outgoing.attempts} failed, next at {retry_at.isoformat()}") from error
    mine.update(status=OutgoingEmail.Status.SENT, sending_since=None, sent_at=timezone.now(), next_attempt_at=None, last_error="")
    return "sent"


def schedule_retry(outgoing_id, when):
    from .tasks import deliver_email

    if deliver_email.get_backend().supports_defer:
        deliver_email.using(run_after=when).enqueue(outgoing_id)


def retry_due(now=None):
    """Enqueue deliveries whose retry is overdue (or whose first task was
    lost, e.g. a crash between commit and enqueue). Returns how many."""
    from .tasks import deliver_email

    now = now or timezone.now()
    cutoff = now - RETRY_GRACE
    due = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).filter(
        Q(next_attempt_at__lte=cutoff) | Q(next_attempt_at__isnull=True, created_at__lte=cutoff)
    )
    ids = list(due.values_list("pk", flat=True)[:500])
    for outgoing_id in ids:
        deliver_email.enqueue(outgoing_id)
    return len(ids)


def may_not_have_been_sent(outgoing, now=None):
    """A delivery stuck in *sending*: SMTP may or may not have taken it."""
    now = now or timezone.now()
    return outgoing.status == OutgoingEmail.Status.SENDING and outgoing.sending_since is not None and outgoing.sending_since < now - STALE_SENDING


def send_again(outgoing):
    """An editor's decision to resend a failed or ambiguous email."""
    now = timezone.now()
    if outgoing.status == OutgoingEmail.Status.SENDING and not may_not_have_been_sent(outgoing, now):
        return False
    updated = OutgoingEmail.objects.filter(
        pk=outgoing.pk, status__in=[OutgoingEmail.Status.FAILED, OutgoingEmail.Status.SENDING, OutgoingEmail.Status.SKIPPED]
    ).update(status=OutgoingEmail.Status.PENDING, attempts=0, next_attempt_at=None, sending_since=None)
    if updated:
        queue_after_commit([outgoing])
    return bool(updated)
