"""How a batch talks to the mail server (newsletter/sending.py, _SMTPSession).

The worker's own work overlaps the server's instead of following it: the
next MAIL FROM goes out before the next delivery is claimed, and each
message is built while the server checks its recipient (issue 9: fan-out
emails/s against the same messages sent bare over one connection). Nothing
is handed over before DATA, so the exactly-once rules do not move; these
tests watch them from the server's side, command by command."""

import asyncio

import pytest
from django.db import connection

from newsletter import sending
from newsletter.models import Delivery, Edition, Subscriber
from tests.smtp import SMTPSink, _Controller, _Recorder

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class _Scripted(_Recorder):
    """Logs every command of the conversation, and refuses what the sink's
    `refuse` says: {("MAIL", n): reply} for the n-th MAIL FROM (from 1),
    {("RCPT", address): reply}."""

    def __init__(self, sink):
        super().__init__(sink)
        self.mails = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.mails += 1
        self.sink.commands.append("MAIL")
        refusal = self.sink.refuse.get(("MAIL", self.mails))
        if refusal:
            return refusal
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.sink.commands.append(f"RCPT {address}")
        refusal = self.sink.refuse.get(("RCPT", address))
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_RSET(self, server, session, envelope):
        self.sink.commands.append("RSET")
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):
        self.sink.commands.append("QUIT")
        return "221 Bye"

    async def handle_DATA(self, server, session, envelope):
        self.sink.commands.append("DATA")
        if self.sink.on_data is not None:  # the ORM, in a thread of its own (not in the server's event loop)
            await asyncio.get_running_loop().run_in_executor(None, self.sink.on_data, envelope.rcpt_tos[0])
        return await super().handle_DATA(server, session, envelope)


class ScriptedSink(SMTPSink):
    def __init__(self, refuse=None, on_data=None):
        super().__init__()
        self.refuse = refuse or {}
        self.on_data = on_data
        self.commands = []

    def start(self):
        self._controller = _Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.handler = _Scripted(self)
        self._controller.start()
        with self.lock:
            self.connections = 0
        self.commands.clear()  # the controller's own check that the server is up
        return self


@pytest.fixture
def scripted_sink(settings):
    sinks = []

    def start(**kwargs):
        sink = ScriptedSink(**kwargs).start()
        sinks.append(sink)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        return sink

    yield start
    for sink in sinks:
        sink.stop()


def edition_for(readers):
    edition = Edition.objects.create(subject="Pacing", url="http://localhost/pacing/", status=Edition.Status.SENDING)
    Delivery.objects.bulk_create([Delivery(edition=edition, subscriber=reader) for reader in readers])
    return edition


def received(sink):
    counts = {}
    for _, recipients in sink.envelopes:
        for recipient in recipients:
            counts[recipient] = counts.get(recipient, 0) + 1
    return counts


def test_each_message_is_recorded_before_the_server_has_it(scripted_sink, make_subscriber):
    """When the server takes each message, the database (read by another
    connection) already says: this one is being sent, every one before it
    is sent, every one after it is still queued. The look-ahead never has
    two in flight, and each claim is committed on its own."""
    readers = [make_subscriber() for _ in range(5)]
    edition = edition_for(readers)
    seen = {}

    def snapshot(recipient):
        try:
            seen[recipient] = dict(Delivery.objects.filter(edition=edition).values_list("subscriber__email", "status"))
        finally:
            connection.close()

    sink = scripted_sink(on_data=snapshot)
    outcome = sending.send_batch(edition.pk)

    assert outcome.sent == 5 and received(sink) == {reader.email: 1 for reader in readers}
    order = [reader.email for reader in sorted(readers, key=lambda reader: reader.pk)]
    for position, email in enumerate(order):
        expected = {other: "sent" for other in order[:position]}
        expected[email] = "sending"
        expected.update({other: "queued" for other in order[position + 1 :]})
        assert seen[email] == expected
    assert sink.connections == 1


def test_the_next_mail_from_goes_out_ahead_and_is_abandoned_cleanly(scripted_sink, make_subscriber):
    """MAIL FROM for the next message is sent before the next delivery is
    claimed; one that no message follows (a reader who left meanwhile, the
    end of the batch) is carried over or closed by QUIT, with the replies
    still in step."""
    first, second, leaving, last = (make_subscriber() for _ in range(4))
    edition = edition_for([first, second, leaving, last])
    Subscriber.objects.filter(pk=leaving.pk).update(status=Subscriber.Status.UNSUBSCRIBED)
    sink = scripted_sink()

    outcome = sending.send_batch(edition.pk)

    assert outcome.sent == 3
    assert sink.commands == [
        "MAIL", f"RCPT {first.email}", "DATA",
        "MAIL", f"RCPT {second.email}", "DATA",
        "MAIL", f"RCPT {last.email}", "DATA",  # the MAIL sent ahead of `leaving` waited for the next reader
        "MAIL", "QUIT",  # sent ahead of a claim that found nobody
    ]  # fmt: skip
    assert received(sink) == {first.email: 1, second.email: 1, last.email: 1}
    assert Delivery.objects.get(edition=edition, subscriber=leaving).status == Delivery.Status.SKIPPED
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.DONE


def test_refused_recipients_mid_batch_leave_the_others_in_step(scripted_sink, make_subscriber):
    """A recipient refused for good (550) is failed and suppressed, one
    refused for now (451) waits for a retry; the transaction is reset and
    everyone else still gets exactly one message over the same connection."""
    readers = [make_subscriber() for _ in range(6)]
    gone, busy = readers[1], readers[3]
    edition = edition_for(readers)
    sink = scripted_sink(refuse={("RCPT", gone.email): "550 5.1.1 No such user", ("RCPT", busy.email): "451 4.2.1 Try again later"})

    sending.send_batch(edition.pk)

    assert received(sink) == {reader.email: 1 for reader in readers if reader not in (gone, busy)}
    assert sink.commands.count("RSET") == 2 and sink.connections == 1
    assert Delivery.objects.get(edition=edition, subscriber=gone).status == Delivery.Status.FAILED
    assert Subscriber.objects.get(pk=gone.pk).status == Subscriber.Status.BOUNCED
    waiting = Delivery.objects.get(edition=edition, subscriber=busy)
    assert waiting.status == Delivery.Status.QUEUED and waiting.attempts == 1 and "451" in waiting.last_error
    assert Delivery.objects.filter(edition=edition, status=Delivery.Status.SENT).count() == 4


def test_a_refused_mail_from_sent_ahead_is_retried_and_the_rest_go_out(scripted_sink, make_subscriber):
    """The third MAIL FROM (sent ahead, before the third delivery was
    claimed) is refused for now: that delivery waits for a retry, and the
    next message starts a fresh transaction."""
    readers = [make_subscriber() for _ in range(5)]
    third = sorted(readers, key=lambda reader: reader.pk)[2]
    edition = edition_for(readers)
    sink = scripted_sink(refuse={("MAIL", 3): "451 4.3.2 Not now"})

    sending.send_batch(edition.pk)

    assert received(sink) == {reader.email: 1 for reader in readers if reader != third}
    waiting = Delivery.objects.get(edition=edition, subscriber=third)
    assert waiting.status == Delivery.Status.QUEUED and waiting.attempts == 1
    assert f"RCPT {third.email}" not in sink.commands
    assert sink.connections == 1


def test_a_message_built_ahead_for_a_reader_someone_else_took_is_never_sent(scripted_sink, make_subscriber):
    """While the server takes the first message, the second reader's is
    built ahead; another worker sends to that reader meanwhile, so the next
    claim returns the third: the third reader gets a message of their own
    (address and links), the second nothing from us."""
    from newsletter import tokens

    from .conftest import link, path_of

    first, second, third = sorted((make_subscriber() for _ in range(3)), key=lambda reader: reader.pk)
    edition = edition_for([first, second, third])

    def another_worker_takes_the_second(recipient):
        if recipient == first.email:
            try:
                Delivery.objects.filter(edition=edition, subscriber=second).update(status=Delivery.Status.SENT)
            finally:
                connection.close()

    sink = scripted_sink(on_data=another_worker_takes_the_second)
    sending.send_batch(edition.pk)

    assert received(sink) == {first.email: 1, third.email: 1}
    for message, (_, (recipient,)) in zip(sink.messages, sink.envelopes):
        assert message["To"] == recipient
        token = path_of(link(message, "/newsletter/unsubscribe/")).rstrip("/").rsplit("/", 1)[-1]
        assert tokens.read(tokens.UNSUBSCRIBE, token).email == recipient


def test_each_message_is_built_once_and_ahead_of_its_claim(scripted_sink, make_subscriber, monkeypatch):
    """The first message is built when it is claimed; every next one while
    the server takes the one before, so before its own claim."""
    from newsletter import claims, emails

    readers = [make_subscriber() for _ in range(4)]
    edition = edition_for(readers)
    log, build, claim = [], emails.Rendered.smtp_message, claims.Claimer.next

    def logged_build(rendered, subscriber):
        log.append(("build", subscriber.email))
        return build(rendered, subscriber)

    def logged_claim(claimer, sent_id):
        delivery = claim(claimer, sent_id)
        log.append(("claim", delivery.subscriber.email if delivery else None))
        return delivery

    monkeypatch.setattr(emails.Rendered, "smtp_message", logged_build)
    monkeypatch.setattr(claims.Claimer, "next", logged_claim)
    sink = scripted_sink()
    sending.send_batch(edition.pk)

    a, b, c, d = (reader.email for reader in sorted(readers, key=lambda reader: reader.pk))
    assert log == [
        ("claim", a), ("build", a),
        ("build", b), ("claim", b),
        ("build", c), ("claim", c),
        ("build", d), ("claim", d),
        ("claim", None),
    ]  # fmt: skip
    assert received(sink) == {a: 1, b: 1, c: 1, d: 1}
