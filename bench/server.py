"""Processes the bench starts, and how they always stop.

Contracts:
- free_port() returns a loopback TCP port that was free a moment ago; never 8000.
- Gunicorn(...) runs `gunicorn chronicle.wsgi -w 2 -b 127.0.0.1:PORT` from the
  venv in its own process group; use it as a context manager (or call stop()
  in a finally): on exit the whole group (master and workers) is terminated,
  then killed if it has not gone within a few seconds.
- stop_group(proc) is that teardown for any Popen started with
  start_new_session=True; it is safe to call twice.
- http_get(url) is a small loopback GET returning (status, headers, body).
- Gunicorn.worker_pids() and cpu_seconds(pids): the CPU time the workers
  used, read from /proc, for figures that should not depend on how busy
  the rest of the machine is.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

from bench import OUT_DIR, REPO

FORBIDDEN_PORTS = {8000}


def free_port():
    for _ in range(20):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in FORBIDDEN_PORTS:
            return port
    raise RuntimeError("no free loopback port")


def http_get(url, timeout=10, headers=None):
    """GET a loopback URL; returns (status, {header: value} lower-cased, body bytes)."""
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"the bench only talks to loopback addresses, not {parts.hostname}")
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


def wait_for_200(url, timeout, proc=None, interval=0.25):
    """Poll url until it answers 200. Returns seconds waited. Raises
    RuntimeError on timeout or if `proc` exits first."""
    started = time.monotonic()
    last = "no answer yet"
    while time.monotonic() - started < timeout:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the process exited with code {proc.returncode} before {url} answered ({last})")
        try:
            status, _, _ = http_get(url, timeout=5)
            if status == 200:
                return time.monotonic() - started
            last = f"HTTP {status}"
        except OSError as exc:
            last = str(exc) or type(exc).__name__
        time.sleep(interval)
    raise RuntimeError(f"{url} did not answer 200 within {timeout:.0f} s ({last})")


def stop_group(proc, grace=8.0):
    """Terminate the process group `proc` leads (SIGTERM, then SIGKILL after
    `grace` seconds) and reap it. Only ever signals that one group."""
    if proc is None:
        return
    try:
        pgid = os.getpgid(proc.pid)
    except ProcessLookupError:
        pgid = None
    if pgid is not None and pgid == proc.pid:  # started with start_new_session=True
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(pgid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                proc.poll()
                try:
                    os.killpg(pgid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
            else:
                continue
            break
    elif proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        pass


class Gunicorn:
    """The site under its production server on 127.0.0.1:port."""

    def __init__(self, env, port, workers=2, log_path=None):
        self.env = env
        self.port = port
        self.workers = workers
        self.log_path = log_path or OUT_DIR / "gunicorn.log"
        self.proc = None
        self.base_url = f"http://127.0.0.1:{port}"

    @property
    def command(self):
        return [
            sys.executable, "-m", "gunicorn", "chronicle.wsgi",
            "-w", str(self.workers),
            "-b", f"127.0.0.1:{self.port}",
            "--log-level", "warning",
        ]  # fmt: skip

    def start(self, ready_path="/", timeout=60):
        if self.port in FORBIDDEN_PORTS:
            raise RuntimeError(f"refusing to bind port {self.port}")
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen(
                self.command, cwd=REPO, env=self.env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        finally:
            log.close()
        try:
            wait_for_200(self.base_url + ready_path, timeout, proc=self.proc)
        except Exception:
            self.stop()
            raise
        return self

    def stop(self):
        stop_group(self.proc)
        self.proc = None

    def worker_pids(self):
        """The worker processes (children of the master), from /proc."""
        if self.proc is None:
            return []
        pids = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.proc.pid:  # fields[1]: ppid
                pids.append(int(entry))
        return pids

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False


def cpu_seconds(pids):
    """User + system CPU time the processes `pids` have used so far (a
    process that has gone counts 0). Unlike wall-clock rates, this barely
    moves when other jobs on the machine take CPU away."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / tick
