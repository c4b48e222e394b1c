"""The newsletter bench's mail server: an aiosmtpd sink on loopback, in its
own process (tests/smtp.py's SMTPSink with a lean handler: it never parses
a message, so that the sink stays cheap and the figures measure the
sender). It counts, per connection, the messages accepted, their bytes and
who each was for.

    python -m bench.smtpsink            # prints {"port": N} on its first line

then one command per line on stdin, one JSON answer per line on stdout:

    reset    forget every connection counted so far   -> {"ok": true}
    stats    {"connections": [{"port": client port, "messages", "bytes",
               "header_mismatches", "recipients": {address: messages}}, ...]}
             in the order the connections were opened
    quit     stop the server and exit (so does end of input)

Per connection, so that a baseline connection held open across a fan-out
is told apart from the worker's by its client port (unique while it is
open). Each message's own To:
header is checked against its envelope recipient (header_mismatches): a
sender that mixed up two readers' messages would be caught, not only one
that lost or duplicated them. Run by bench/newsletter.py."""

import collections
import json
import re
import sys

from tests.smtp import SMTPSink, _Controller, _CountingSMTP

_TO = re.compile(rb"^To: *(.*?)\r?$", re.MULTILINE | re.IGNORECASE)


def _connection(port):
    return {"port": port, "messages": 0, "bytes": 0, "header_mismatches": 0, "recipients": collections.Counter()}


class _Counter:
    """aiosmtpd handler: count, never parse."""

    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        end = content.find(b"\r\n\r\n")
        match = _TO.search(content[: end if end >= 0 else 4096])
        to_header = match.group(1).strip().decode("ascii", "replace") if match else ""
        with self.sink.lock:
            stats = server.bench_stats
            stats["messages"] += 1
            stats["bytes"] += len(content)
            for recipient in envelope.rcpt_tos:
                stats["recipients"][recipient] += 1
            if list(envelope.rcpt_tos) != [to_header]:
                stats["header_mismatches"] += 1
        return "250 Message accepted for delivery"


class _PerConnectionSMTP(_CountingSMTP):
    def connection_made(self, transport):
        self.bench_stats = _connection((transport.get_extra_info("peername") or ("", 0))[1])
        with self._sink.lock:
            self._sink.opened.append(self.bench_stats)
        super().connection_made(transport)


class _PerConnectionController(_Controller):
    def factory(self):
        return _PerConnectionSMTP(self.handler, sink=self._sink, **self.SMTP_kwargs)


class CountingSink(SMTPSink):
    def __init__(self, port=None):
        super().__init__(port)
        self.opened = []

    def start(self):
        self._controller = _PerConnectionController(self, hostname="127.0.0.1", port=self.port)
        self._controller.handler = _Counter(self)
        self._controller.start()
        self.reset()  # start() opens one connection to check the server is up
        return self

    def reset(self):
        with self.lock:
            self.connections = 0
            self.opened = []

    def stats(self):
        with self.lock:
            return {"connections": [dict(c, recipients=dict(c["recipients"])) for c in self.opened]}


def main():
    sink = CountingSink().start()
    out = sys.stdout
    out.write(json.dumps({"port": sink.port}) + "\n")
    out.flush()
    try:
        for line in sys.stdin:
            command = line.strip()
            if command == "reset":
                sink.reset()
                answer = {"ok": True}
            elif command == "stats":
                answer = sink.stats()
            elif command == "quit":
                break
            else:
                answer = {"error": f"unknown command {command!r}"}
            out.write(json.dumps(answer) + "\n")
            out.flush()
    finally:
        sink.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
