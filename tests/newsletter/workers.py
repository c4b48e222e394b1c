"""Real task workers and mail servers that misbehave, for the reliability
tests: `manage.py db_worker` in this process or in others, and loopback SMTP
sinks that are slow or refuse for a while."""

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tests.smtp import SMTPSink, _Recorder

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: workers claim with SELECT ... FOR UPDATE SKIP LOCKED there; SQLite runs one worker (CI runs this in its PostgreSQL pass)",
)


def drain_in_process():
    """Run the database backend's worker here until no task is ready."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)


def start_worker(sink, batch_size, *, batch=True, worker_id=None):
    """`manage.py db_worker` in another process, against this test's
    database and `sink`."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.newsletter.worker_settings",
        NL_SMTP_PORT=str(sink.port),
        NL_BATCH_SIZE=str(batch_size),
        PYTHONDONTWRITEBYTECODE="1",
    )
    if connection.vendor == "postgresql":
        env["NL_TEST_DB_NAME"] = connection.settings_dict["NAME"]
    command = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1", "-v", "0"]
    if batch:
        command.append("--batch")
    if worker_id:
        command += ["--worker-id", worker_id]
    # Output goes to a file, not a pipe: nobody reads a pipe while the worker
    # runs, and a full one would stall it. `output()` reads it for a failure.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log = log
    return process


def output(process):
    """What a worker started by `start_worker` has printed so far."""
    process.log.seek(0)
    return process.log.read().decode(errors="replace")


def wait_until(condition, timeout=60, interval=0.05, explain=None):
    """Poll `condition` until it holds; on timeout, fail with what
    `explain()` says about the state things were left in."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    raise AssertionError("condition not met in time" + (f"\n{explain()}" if explain else ""))


def stop(process):
    """Ask a worker to finish its current task and exit (SIGTERM)."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        kill(process)


def kill(process):
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


class _SlowRecorder(_Recorder):
    """Accepts each message only after a pause (the worker waits for the
    250 reply, which is when a kill leaves a delivery ambiguous)."""

    def __init__(self, sink, delay):
        super().__init__(sink)
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        await asyncio.sleep(self.delay)
        return reply


class _RefusingRecorder(_Recorder):
    """Answers "451 try again later" to the first `refusals` messages."""

    def __init__(self, sink, refusals):
        super().__init__(sink)
        self.refusals = refusals

    async def handle_DATA(self, server, session, envelope):
        with self.sink.lock:
            if self.refusals > 0:
                self.refusals -= 1
                return "451 4.3.0 Try again later"
        return await super().handle_DATA(server, session, envelope)


class SlowSMTPSink(SMTPSink):
    def __init__(self, delay=0.02, **kwargs):
        super().__init__(**kwargs)
        self.delay = delay

    def start(self):
        from tests.smtp import _Controller

        self._controller = _Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.handler = _SlowRecorder(self, self.delay)
        self._controller.start()
        with self.lock:
            self.connections = 0
        return self


class RefusingSMTPSink(SMTPSink):
    def __init__(self, refusals, **kwargs):
        super().__init__(**kwargs)
        self.refusals = refusals

    def start(self):
        from tests.smtp import _Controller

        self._controller = _Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.handler = _RefusingRecorder(self, self.refusals)
        self._controller.start()
        with self.lock:
            self.connections = 0
        return self


def counts_by_recipient(sink):
    counts = {}
    with sink.lock:
        for _, recipients in sink.envelopes:
            for recipient in recipients:
                counts[recipient] = counts.get(recipient, 0) + 1
    return counts
