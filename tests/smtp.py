"""A real SMTP server on loopback (aiosmtpd) for tests where delivery is the
point. It records every message it accepts and every connection opened, and
can be stopped and started again to play "the mail server is down"."""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Recorder:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.sink.lock:
            self.sink.messages.append(message)
            self.sink.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


class _CountingSMTP(SMTP):
    def __init__(self, *args, sink=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._sink = sink

    def connection_made(self, transport):
        with self._sink.lock:
            self._sink.connections += 1
        super().connection_made(transport)


class _Controller(Controller):
    def __init__(self, sink, **kwargs):
        self._sink = sink
        super().__init__(_Recorder(sink), **kwargs)

    def factory(self):
        return _CountingSMTP(self.handler, sink=self._sink, **self.SMTP_kwargs)


class SMTPSink:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.lock = threading.Lock()
        self.messages = []
        self.envelopes = []
        self.connections = 0
        self._controller = None

    def start(self):
        self._controller = _Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        with self.lock:
            self.connections = 0  # start() opens one connection to check the server is up
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self):
        return self._controller is not None

    def to(self, address):
        """Messages whose envelope recipients include `address`."""
        with self.lock:
            return [message for message, (_, rcpts) in zip(self.messages, self.envelopes) if address in rcpts]

    def clear(self):
        with self.lock:
            self.messages.clear()
            self.envelopes.clear()
            self.connections = 0
