"""Sending an edition's deliveries: exactly once, in batches, by any number
of workers at once.

A batch opens one SMTP connection and sends up to NEWSLETTER_BATCH_SIZE
messages over it. Each delivery is claimed on its own, just before it is
handed to the mail server: one statement, in one short transaction,
records the previous message as *sent* and claims the next queued row as
*sending* (`SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL, so two
workers never claim the same row; SQLite serialises writers). A worker killed at
any moment therefore leaves at most one row in *sending*, and every other
row is either sent (never sent again) or still queued (sent later).

That one row is **ambiguous**: the server may or may not have accepted it.
It is never resent by itself (a duplicate in a reader's inbox is worse than
a rare gap, and Ghost makes the same choice). After
NEWSLETTER_AMBIGUOUS_AFTER_SECONDS it shows as "ambiguous" in the admin,
where an editor can resend it or mark it sent (see `resolve_ambiguous`).

Failures: a server that cannot be reached puts the edition's waiting rows
back with a backoff; a temporary refusal (4xx) retries that recipient; a
permanent one (5xx) records the delivery as failed. After
NEWSLETTER_MAX_ATTEMPTS a delivery is failed for good (editors can retry)."""

import logging
import re
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from . import conf, emails
from .claims import Claimer
from .models import Delivery, Edition, Subscriber

logger = logging.getLogger(__name__)

# Mailbox unavailable / unknown user / bad address: the address is dead.
DEAD_ADDRESS_CODES = {550, 551, 553}


@dataclass
class BatchOutcome:
    claimed: int = 0
    sent: int = 0
    full: bool = False  # stopped because the batch reached its size
    connected: bool = False
    retry_at: object = None  # when waiting rows become due, if none is due now

    def as_dict(self):
        return {"claimed": self.claimed, "sent": self.sent, "full": self.full, "retry_at": self.retry_at.isoformat() if self.retry_at else None}


def backoff(attempt):
    """Seconds to wait before attempt number `attempt + 1`."""
    base = conf.get("NEWSLETTER_RETRY_BASE_SECONDS")
    return min(base * 2 ** max(0, attempt - 1), conf.get("NEWSLETTER_RETRY_MAX_SECONDS"))


def _skip(delivery, reason):
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SKIPPED, sending_since=None, last_error=reason[:500])


def _fail(delivery, error):
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, sending_since=None, last_error=str(error)[:500])


def _retry_later(delivery, error):
    """Back to the queue with a backoff, or failed after the last attempt."""
    attempt = delivery.attempts + 1
    if attempt >= conf.get("NEWSLETTER_MAX_ATTEMPTS"):
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, attempts=attempt, sending_since=None, last_error=str(error)[:500])
        return None
    retry_at = timezone.now() + timedelta(seconds=backoff(attempt))
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.QUEUED, attempts=attempt, next_attempt_at=retry_at, sending_since=None, last_error=str(error)[:500]
    )
    return retry_at


def _server_unreachable(edition_id, delivery, error):
    """Nothing was handed over: the claimed row and every row due now wait
    for the next attempt together (one attempt counted each)."""
    attempt = delivery.attempts + 1
    retry_at = timezone.now() + timedelta(seconds=backoff(attempt))
    message = f"Mail server unreachable: {error}"[:500]
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.QUEUED, sending_since=None)
        waiting = Delivery.objects.filter(edition_id=edition_id).due()
        waiting.update(attempts=F("attempts") + 1, next_attempt_at=retry_at, last_error=message)
        Delivery.objects.filter(edition_id=edition_id, status=Delivery.Status.QUEUED, attempts__gte=conf.get("NEWSLETTER_MAX_ATTEMPTS")).update(
            status=Delivery.Status.FAILED
        )
    logger.warning("Newsletter edition %s: %s; retrying at %s", edition_id, message, retry_at.isoformat())
    return retry_at


def _handle_refusal(delivery, error):
    """A recipient- or message-level SMTP error: permanent (5xx) or not."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = next(iter(error.recipients.values()), (0, b""))[0]
    else:
        code = getattr(error, "smtp_code", 0)
    if 500 <= code < 600:
        _fail(delivery, error)
        if code in DEAD_ADDRESS_CODES and isinstance(error, smtplib.SMTPRecipientsRefused):
            from . import subscriptions

            subscriptions.suppress(delivery.subscriber.email, Subscriber.Status.BOUNCED, f"Refused by the mail server ({code}).")
        return None
    return _retry_later(delivery, error)


class _Content:
    """The edition's email, rendered once per batch (per distinct set of
    articles for digests)."""

    def __init__(self, edition):
        self.edition = edition
        self._rendered = {}

    def rendered_for(self, delivery):
        if self.edition.kind == Edition.Kind.POST:
            key = ()
        else:
            key = tuple(delivery.article_ids or ())
        if key not in self._rendered:
            if len(self._rendered) > 64:
                self._rendered.clear()
            if self.edition.kind == Edition.Kind.POST:
                self._rendered[key] = emails.for_edition(self.edition)
            else:
                from . import digest

                self._rendered[key] = digest.render(self.edition, key)
        return self._rendered[key]


class _SMTPSession:
    """One SMTP connection (Django's SMTP backend's smtplib.SMTP), driven a
    step ahead where that hands nothing over, so that the worker's own work
    overlaps the mail server's instead of following it:

    - the next message's MAIL FROM goes out before the next delivery is
      claimed (the sender is the same for every message), and its reply is
      read after the claim has committed;
    - the message is built while the server checks its RCPT TO, or was
      built already while the server took the message before (send_batch's
      build_ahead, from the deliveries the claimer read up front).

    Nothing is handed over before DATA, so every message is still claimed
    before it is handed over and the exactly-once rules above are
    unchanged: a MAIL FROM that no message follows is reset or abandoned by
    QUIT (RFC 5321). Replies are always read in order, and refusals raise
    what smtplib's sendmail() raises (this is sendmail() without the
    optional SIZE parameter, which needs the message first)."""

    def __init__(self, smtp):
        self.smtp = smtp
        self.sender = None  # the last message's MAIL FROM address
        self.mail_pending = False  # a MAIL FROM sent ahead, its reply not yet read
        self.broken = None  # the error that broke the connection while sending ahead
        self._quoted_cache = {}

    def _quoted(self, address):
        """smtplib.quoteaddr(), without its parser for a plain address."""
        if _PLAIN_ADDRESS.fullmatch(address):
            return f"<{address}>"
        if address not in self._quoted_cache:
            self._quoted_cache[address] = smtplib.quoteaddr(address)
        return self._quoted_cache[address]

    def _reset(self, code=None):
        """After a refusal or a message abandoned mid-way: the server is
        leaving (421), or the transaction is reset for the next message."""
        if code == 421:
            self.smtp.close()
            return
        try:
            self.smtp.rset()
        except (smtplib.SMTPException, OSError):
            pass

    def mail_ahead(self):
        """The next message's MAIL FROM (the last one's sender), before the
        next delivery is claimed. A broken connection surfaces at send()."""
        try:
            self.smtp.putcmd("mail", f"FROM:{self._quoted(self.sender)}")
        except (smtplib.SMTPException, OSError) as error:
            self.broken = error
        else:
            self.mail_pending = True

    def settle(self, reset=True):
        """Read the reply to a MAIL FROM sent ahead that no message will
        follow, and (unless the connection is about to close) reset the
        transaction it opened."""
        if not self.mail_pending:
            return
        self.mail_pending = False
        try:
            code, _ = self.smtp.getreply()
        except (smtplib.SMTPException, OSError):
            return
        if code == 250 and reset:
            self._reset()

    def send(self, from_address, to_address, build, while_accepting=None):
        """MAIL FROM (unless sent ahead), RCPT TO, then DATA with the bytes
        `build()` returns. `while_accepting()` runs once the message is
        handed over, while the server takes it (before its reply is read)."""
        smtp = self.smtp
        if self.broken is not None:
            raise self.broken
        rcpt = f"TO:{self._quoted(to_address)}"
        if not rcpt.isascii():  # smtplib would fail to encode it after MAIL FROM
            self.settle()
            raise ValueError(f"The address {to_address!r} cannot be sent without SMTPUTF8.")
        if self.mail_pending and from_address == self.sender:
            self.mail_pending = False
        else:
            self.settle()
            smtp.ehlo_or_helo_if_needed()
            smtp.putcmd("mail", f"FROM:{self._quoted(from_address)}")
        code, reply = smtp.getreply()
        if code != 250:
            self._reset(code)
            raise smtplib.SMTPSenderRefused(code, reply, from_address)
        smtp.putcmd("rcpt", rcpt)
        try:
            data = build()  # while the server checks the recipient
        except BaseException:
            smtp.getreply()
            self._reset()
            raise
        code, reply = smtp.getreply()
        if code not in (250, 251):
            self._reset(code)
            raise smtplib.SMTPRecipientsRefused({to_address: (code, reply)})
        smtp.putcmd("data")
        code, reply = smtp.getreply()
        if code != 354:
            self._reset(code)
            raise smtplib.SMTPDataError(code, reply)
        smtp.send(_dot_stuffed(data))
        if while_accepting is not None:
            try:
                while_accepting()
            except Exception:  # noqa: BLE001 - only ever work done ahead of time, done again (and reported) later
                logger.debug("Newsletter: preparing the next message ahead failed", exc_info=True)
        code, reply = smtp.getreply()
        if code != 250:
            self._reset(code)
            raise smtplib.SMTPDataError(code, reply)
        self.sender = from_address


def _dot_stuffed(data):
    """DATA as RFC 5321 wants it (and smtplib.SMTP.data() sends it): a dot
    doubled at the start of a line, CRLF at the end, then the lone dot."""
    data = _LEADING_DOT.sub(b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


_LEADING_DOT = re.compile(rb"(?m)^\.")
_PLAIN_ADDRESS = re.compile(r"[^\s<>()\[\]\\,;:\"@]+@[^\s<>()\[\]\\,;:\"@]+")


def _send(connection, session, rendered, subscriber, built=None, while_accepting=None):
    """Hand one message to the mail server. Django's SMTP backend gets the
    pre-assembled bytes (`built` ahead, or built now) straight into its
    smtplib connection (see _SMTPSession); any other backend (an ESP
    through anymail, the console, tests' locmem) gets an ordinary
    EmailMessage."""
    if session is not None:
        from_address, to_address = rendered.smtp_envelope(subscriber)
        session.send(from_address, to_address, (lambda: built) if built is not None else (lambda: rendered.smtp_message(subscriber)[2]), while_accepting)
    else:
        connection.send_messages([rendered.message(subscriber, connection=connection)])


def send_batch(edition_id, on_connected=None, batch_size=None):
    """Send up to one batch of the edition's due deliveries over one
    connection to the mail server. `on_connected()` runs once the
    connection is open and a first delivery is claimed: the task queues its
    follow-up there, so that a worker killed mid-batch leaves the rest to
    the next worker."""
    outcome = BatchOutcome()
    edition = Edition.objects.filter(pk=edition_id, status=Edition.Status.SENDING).first()
    if edition is None:
        return outcome
    size = batch_size or conf.get("NEWSLETTER_BATCH_SIZE")
    content = _Content(edition)
    claimer = Claimer(edition_id, size)
    connection = session = None
    handed_over = None  # accepted by the server, not yet recorded as sent
    rendered = None
    ahead = {}  # delivery id -> its message, built while the server took the one before

    def build_ahead():
        """The message the next claim will most likely need, built while
        the server takes this one (a new post's email: the same content
        for every reader but their links). Only ever work done early: a
        claim that returns another delivery builds its own."""
        ahead.clear()
        if edition.kind != Edition.Kind.POST or outcome.claimed >= size:
            return
        upcoming = claimer.upcoming()
        if upcoming is not None and upcoming[2]:
            ahead[upcoming[0]] = rendered.smtp_message(upcoming[1])[2]

    try:
        while outcome.claimed < size:
            if handed_over is not None and session is not None:
                session.mail_ahead()  # its reply comes while the claim commits
            delivery = claimer.next(handed_over)
            handed_over = None
            if delivery is None:
                break
            outcome.claimed += 1
            if not delivery.receiving:
                _skip(delivery, "No longer subscribed, or paused.")
                continue
            rendered = content.rendered_for(delivery)
            if rendered is None:
                _skip(delivery, "Nothing left to send (the articles were unpublished).")
                continue
            if connection is None:
                connection = get_connection(fail_silently=False)
                try:
                    connection.open()
                except (smtplib.SMTPException, OSError) as error:
                    connection = None
                    outcome.retry_at = _server_unreachable(edition_id, delivery, error)
                    break
                outcome.connected = True
                if isinstance(connection, SMTPBackend):
                    session = _SMTPSession(connection.connection)
                if on_connected is not None:
                    on_connected()
            try:
                _send(connection, session, rendered, delivery.subscriber, ahead.pop(delivery.pk, None), build_ahead if session is not None else None)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
                _handle_refusal(delivery, error)
            except (smtplib.SMTPException, OSError) as error:
                # The connection broke: this one was not accepted (no 250).
                _retry_later(delivery, error)
                break
            except ValueError as error:  # an address that cannot be encoded
                _fail(delivery, error)
            except Exception as error:  # noqa: BLE001 - another backend's error (an ESP's API): try again later
                logger.warning("Newsletter delivery %s: %r", delivery.pk, error)
                _retry_later(delivery, error)
                break
            else:
                handed_over = delivery.pk
                outcome.sent += 1
    finally:
        if handed_over is not None:
            claimer.mark_sent(handed_over)
        claimer.close()
        if session is not None:
            session.settle(reset=False)  # QUIT follows
        if connection is not None:
            try:
                connection.close()
            except (smtplib.SMTPException, OSError):
                pass
    outcome.full = outcome.claimed >= size
    if outcome.retry_at is None:
        waiting_until = next_due(edition_id)
        if waiting_until is None:
            # Checked after every batch, full ones too: a batch that ends
            # exactly full on the last delivery may be the last one to
            # finish (another worker's batch found the queue empty while
            # this one's last message was still in flight, and closed
            # nothing), so nobody else would close the edition.
            finish_if_complete(edition_id)
        elif not outcome.full:
            outcome.retry_at = waiting_until
    return outcome


def next_due(edition_id):
    """When the edition's next waiting delivery becomes due, if none is due
    now (None when nothing waits, or something is due already)."""
    queued = Delivery.objects.filter(edition_id=edition_id, status=Delivery.Status.QUEUED)
    earliest = queued.aggregate(at=Min("next_attempt_at"))["at"]
    if earliest is None or earliest <= timezone.now():
        return None
    return earliest


def finish_if_complete(edition_id):
    """Mark the edition done once nothing waits and nothing is in flight
    (ambiguous rows do not hold it open). Returns whether it is done."""
    deliveries = Delivery.objects.filter(edition_id=edition_id)
    if deliveries.filter(status=Delivery.Status.QUEUED).exists() or deliveries.in_flight().exists():
        return False
    Edition.objects.filter(pk=edition_id, status=Edition.Status.SENDING).update(status=Edition.Status.DONE, finished_at=timezone.now())
    return True


def resolve_ambiguous(edition_id, resend):
    """An editor's decision on the edition's ambiguous deliveries: resend
    them (accepting a possible duplicate) or record them as sent. Returns
    how many were changed."""
    ambiguous = Delivery.objects.filter(edition_id=edition_id).ambiguous()
    if resend:
        changed = ambiguous.update(status=Delivery.Status.QUEUED, sending_since=None, next_attempt_at=timezone.now(), last_error="Resent by an editor (was ambiguous).")
        if changed:
            Edition.objects.filter(pk=edition_id).update(status=Edition.Status.SENDING, finished_at=None)
    else:
        changed = ambiguous.update(status=Delivery.Status.SENT, sent_at=F("sending_since"), last_error="Marked sent by an editor (was ambiguous).")
    return changed


def retry_failed(edition_id):
    """Put an edition's failed deliveries back in the queue (an editor's
    action, e.g. after fixing the mail settings)."""
    changed = Delivery.objects.filter(edition_id=edition_id, status=Delivery.Status.FAILED).update(
        status=Delivery.Status.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )
    if changed:
        Edition.objects.filter(pk=edition_id).update(status=Edition.Status.SENDING, finished_at=None)
    return changed
