"""Newsletter figures for `make bench` (issue 9): how fast a real task worker
fans an edition out, how many SMTP connections it opens, and whether its
memory grows with the number of subscribers.

    .venv/bin/python -m bench.newsletter [--quick] [--rounds N]

prints the results as JSON, then the report rows. `python -m bench` calls
measure(args) and, in the report, rows(results).

Method, everything in child processes (the harness never imports Django):
  1. a throwaway database: var/bench/newsletter.sqlite3, deleted and
     recreated (from a migrated-schema template kept in var/bench-schema/
     when its key matches, see _schema_template), or BENCH_DATABASE_URL
     (PostgreSQL, every table dropped by the main bench's own step);
     migrate; a home page and blog index. One Django process
     (bench/newsletter_child.py serve) does every step but the worker.
  2. a mail server in its own process: aiosmtpd on a free loopback port
     (bench/smtpsink.py), counting per connection the messages and who
     each was for.
  3. N confirmed subscribers (bulk_create; 1,000 then topped up to 10,000,
     or 200 / 2,000 with --quick); then rounds of:
       publish a new article as an editor does (revision.publish(): the
       product's page_published receiver makes the edition and queues
       prepare_edition);
       baseline, first half: the edition's N messages built in advance with
       the product's own emails.for_edition(...).smtp_message, one SMTP
       connection opened with plain smtplib, half of them sent;
       fan-out: `manage.py db_worker --batch` as its own process, with
       production settings and EMAIL_HOST/EMAIL_PORT pointing at the sink,
       until the queue is empty; emails/s = N ÷ (first task started → last
       task finished, the worker's own timestamps in the task table:
       writing the deliveries and every batch, not Python start-up); peak
       RSS from wait4() (ru_maxrss), with /proc VmHWM polled alongside;
       baseline, second half, over the connection it kept open: baseline
       emails/s = N ÷ the time spent sending both halves, so a drift in the
       machine's load during the round weighs on both sides alike.
     The ratio is the median of the per-round ratios.
  4. Every run is checked: the sink saw each subscriber exactly once from
     the worker and exactly once from the baseline (none lost, none
     duplicated, none unexpected, To: header = envelope recipient), the
     edition is done with every delivery sent, no task failed, the worker
     exited 0. A run that fails a check gives no number: its figures fail.
"""

import argparse
import hashlib
import importlib
import importlib.metadata
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from contextlib import closing

from bench import OUT_DIR, REPO, bench_env
from bench.newsletter_child import address
from bench.report import DASH, fmt, fmt_ratio, row

SIZES = (1_000, 10_000)
QUICK_SIZES = (200, 2_000)
FANOUT_GOAL = 0.8
CONNECTIONS_GOAL = 20
RSS_GOAL = 1.2
SMALL_ROUNDS_MAX = 3  # the small size feeds the memory ratio and a note; the large one is the figure
WORKER_TIMEOUT_S = 600
DATABASE_FILE = "newsletter.sqlite3"
SCHEMA_CACHE = REPO / "var" / "bench-schema"  # outside var/bench, which each run wipes


def _harness():
    """bench/__main__.py's helpers (run_step, StepFailed, prepare_database…),
    the very module `python -m bench` runs when it is the caller, so that
    its StepFailed is the class it catches and its step timings get ours."""
    main = sys.modules.get("__main__")
    if getattr(getattr(main, "__spec__", None), "name", None) == "bench.__main__":
        return main
    return importlib.import_module("bench.__main__")


def _shown(path):
    """A path as the report shows it: relative to the checkout when inside it."""
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def _say(message):
    print(f"bench: newsletter: {message}", flush=True)


def _database(h):
    """(DATABASE_URL, description, template) of a fresh database for this
    part: the PostgreSQL one from BENCH_DATABASE_URL (reset by the main
    bench's prepare_database), else its own SQLite file under var/bench/,
    deleted and recreated from the migrated-schema template when there is
    one (see _schema_template; `migrate` still runs, and does nothing)."""
    if os.environ.get("BENCH_DATABASE_URL", "").strip():
        url, description = h.prepare_database()
        return url, description, None
    path = OUT_DIR / DATABASE_FILE
    for suffix in ("", "-wal", "-shm", "-journal"):
        (OUT_DIR / f"{DATABASE_FILE}{suffix}").unlink(missing_ok=True)
    template = _schema_template()
    description = f"SQLite (WAL, IMMEDIATE), {_shown(path)}"
    if template.exists():
        _copy_sqlite(template, path)
        description += " (from the migrated-schema template)"
    return f"sqlite:///{path}", description, template


def _schema_template():
    """var/bench-schema/newsletter-schema-<key>.sqlite3: a database just
    migrated, kept between runs (var/bench/ is wiped by every `make bench`)
    because migrating from nothing takes 20-50 s here. The key covers
    everything that decides the schema: every migrations/ file and settings
    file in the checkout, the installed packages and their versions, and
    Python's version."""
    digest = hashlib.sha256(sys.version.encode())
    skip = {".venv", "var", "node_modules", ".git", "__pycache__"}
    for root, dirs, files in os.walk(REPO):
        dirs[:] = sorted(d for d in dirs if d not in skip and not d.startswith("."))
        if os.path.basename(root) == "migrations" or root.endswith(os.path.join("chronicle", "settings")):
            for name in sorted(f for f in files if f.endswith(".py")):
                file = os.path.join(root, name)
                digest.update(os.path.relpath(file, REPO).encode())
                with open(file, "rb") as handle:
                    digest.update(handle.read())
    for name, version in sorted((d.metadata["Name"] or "", d.version) for d in importlib.metadata.distributions()):
        digest.update(f"{name}=={version}\n".encode())
    return SCHEMA_CACHE / f"newsletter-schema-{digest.hexdigest()[:16]}.sqlite3"


def _copy_sqlite(source, target):
    """A consistent copy through SQLite's backup API (WAL included)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _save_schema_template(path, template):
    if template is None or template.exists():
        return
    for old in SCHEMA_CACHE.glob("newsletter-schema-*.sqlite3"):
        old.unlink(missing_ok=True)
    partial = template.with_suffix(".partial")
    _copy_sqlite(path, partial)
    partial.replace(template)


# --- the mail server -----------------------------------------------------------


class _Child:
    """A long-lived child process answering one line per command line."""

    def __init__(self, name, command, env):
        self.name = name
        self.log_path = OUT_DIR / "logs" / f"{name}.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(command, cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, text=True)
        first = self.process.stdout.readline()
        if not first:
            self.stop()
            raise RuntimeError(f"{name} did not start (see {_shown(self.log_path)})")
        self.ready = json.loads(first)

    def ask(self, line):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"{self.name} exited (exit {self.process.poll()}); see {_shown(self.log_path)}")
        return json.loads(answer)

    def stop(self, quit_line="quit"):
        if self.process.poll() is None:
            try:
                self.process.stdin.write(quit_line + "\n")
                self.process.stdin.flush()
                self.process.wait(timeout=15)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


class Sink(_Child):
    """bench/smtpsink.py: the aiosmtpd sink in its own process."""

    def __init__(self, env):
        super().__init__("newsletter-smtpsink", [sys.executable, "-m", "bench.smtpsink"], env)
        self.port = self.ready["port"]


class Driver(_Child):
    """bench/newsletter_child.py serve: one Django process for every step
    of the run but the worker (publish, baseline, verify…)."""

    def __init__(self, env):
        super().__init__("newsletter-driver", [sys.executable, "-m", "bench.newsletter_child", "serve"], env)

    def run(self, step, command, **arguments):
        answer = self.ask(json.dumps({"command": command, **arguments}))
        if "error" in answer:
            tail = "\n".join(answer["error"].strip().splitlines()[-6:])
            raise RuntimeError(f"{step} failed:\n{tail}")
        _say(f"{step}: {answer['seconds']:.1f} s")
        return answer["result"]

    def stop(self):
        super().stop(json.dumps({"command": "quit"}))


def _received(connections):
    """The sink's per-connection counts, added up."""
    total = {"connections": len(connections), "messages": 0, "bytes": 0, "header_mismatches": 0, "recipients": {}}
    for connection in connections:
        for key in ("messages", "bytes", "header_mismatches"):
            total[key] += connection[key]
        for recipient, count in connection["recipients"].items():
            total["recipients"][recipient] = total["recipients"].get(recipient, 0) + count
    return total


def _check_received(received, size, connections=None):
    """What is wrong with what the sink received, if anything: every one of
    the `size` subscribers exactly once, and nobody else."""
    problems = []
    recipients = received["recipients"]
    expected = {address(number) for number in range(size)}
    lost = [a for a in expected if a not in recipients]
    duplicated = {a: n for a, n in recipients.items() if n > 1}
    unexpected = [a for a in recipients if a not in expected]
    if lost:
        problems.append(f"{len(lost)} subscribers got nothing (e.g. {sorted(lost)[0]})")
    if duplicated:
        example = sorted(duplicated)[0]
        problems.append(f"{len(duplicated)} subscribers got it more than once (e.g. {example} × {duplicated[example]})")
    if unexpected:
        problems.append(f"{len(unexpected)} messages to unexpected addresses (e.g. {sorted(unexpected)[0]})")
    if received["messages"] != size:
        problems.append(f"{received['messages']} messages for {size} subscribers")
    if received["header_mismatches"]:
        problems.append(f"{received['header_mismatches']} messages whose To: header is not their envelope recipient")
    if connections is not None and received["connections"] != connections:
        problems.append(f"{received['connections']} SMTP connections where {connections} was expected")
    return problems


# --- one round -----------------------------------------------------------------


def _peak_rss_poller(pid, into, stop):
    """VmHWM/VmRSS from /proc every 50 ms while the worker lives (kB)."""
    while not stop.is_set():
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmHWM:"):
                        into["vmhwm_kb"] = max(into.get("vmhwm_kb", 0), int(line.split()[1]))
        except (OSError, ValueError):
            return
        stop.wait(0.05)


def _run_worker(env, name):
    """`manage.py db_worker --batch` until the queue is empty. Returns
    {exit, wall_s, maxrss_kb (wait4), vmhwm_kb (/proc), log}."""
    log_path = OUT_DIR / "logs" / f"{name}.log"
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0.1", "--worker-id", name]
    peak, stop = {}, threading.Event()
    with open(log_path, "w") as log:
        log.write(f"$ {' '.join(command)}\n")
        log.flush()
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        poller = threading.Thread(target=_peak_rss_poller, args=(process.pid, peak, stop), daemon=True)
        poller.start()
        try:
            while True:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    process.returncode = os.waitstatus_to_exitcode(status)
                    break
                if time.monotonic() - started > WORKER_TIMEOUT_S:
                    raise RuntimeError(f"the worker was still running after {WORKER_TIMEOUT_S} s (see {_shown(log_path)})")
                time.sleep(0.02)
        finally:
            stop.set()
            if process.returncode is None:
                process.kill()
                process.wait(timeout=10)
    return {
        "exit": process.returncode,
        "wall_s": round(time.monotonic() - started, 3),
        "maxrss_kb": usage.ru_maxrss,
        "vmhwm_kb": peak.get("vmhwm_kb"),
        "log": _shown(log_path),
    }


def _round(driver, worker_env, sink, size, index, number):
    """One edition: published, then the baseline's first half, the fan-out,
    the baseline's second half (over the connection it kept open), and the
    checks."""
    label = f"newsletter-{size}-r{index + 1}"
    edition = driver.run(f"{label}-publish", "publish", number=number)["edition"]
    sink.ask("reset")
    opened = driver.run(f"{label}-baseline-1", "baseline_open", edition=edition, port=sink.port)
    worker = _run_worker(worker_env, f"{label}-worker")
    closed = driver.run(f"{label}-baseline-2", "baseline_close")
    connections = sink.ask("stats")["connections"]
    outcome = driver.run(f"{label}-verify", "verify", edition=edition)

    base = _received([c for c in connections if c["port"] == opened["client_port"]])
    fan = _received([c for c in connections if c["port"] != opened["client_port"]])
    base_problems = _check_received(base, size, connections=1)
    fan_problems = _check_received(fan, size)
    if worker["exit"] != 0:
        fan_problems.append(f"the worker exited with {worker['exit']} (see {worker['log']})")
    progress = outcome["progress"]
    if outcome["status"] != "done" or progress["sent"] != size or outcome["total"] != size:
        fan_problems.append(f"edition {outcome['status']} with {progress['sent']} of {outcome['total']} sent for {size} subscribers: {progress}")
    if outcome["errors"]:
        fan_problems.append(f"failed tasks: {outcome['errors'][:3]}")
    if not outcome["window_s"]:
        fan_problems.append(f"the worker left tasks unfinished: {outcome['tasks']}")
    window = outcome["window_s"]
    result = {
        "edition": edition,
        "baseline": {
            "emails_per_s": round(size / closed["seconds"], 1) if closed["seconds"] else None,
            "seconds": closed["seconds"],
            "halves_s": [opened["first_half_seconds"], closed["second_half_seconds"]],
            "build_s": opened["build_seconds"],
            "connections": base["connections"],
            "bytes_per_message": round(base["bytes"] / base["messages"]) if base["messages"] else None,
            "problems": base_problems,
        },
        "fanout": {
            "emails_per_s": round(size / window, 1) if window else None,
            "window_s": window,
            "prepare_s": outcome["prepare_s"],
            "send_s": outcome["send_s"],
            "tasks": outcome["tasks"],
            "sent_by_batch": outcome["sent_by_batch"],
            "connections": fan["connections"],
            "bytes_per_message": round(fan["bytes"] / fan["messages"]) if fan["messages"] else None,
            "worker": worker,
            "peak_rss_kb": worker["maxrss_kb"],
            "problems": fan_problems,
        },
    }
    fan, base = result["fanout"], result["baseline"]
    result["valid"] = not fan["problems"] and not base["problems"]
    result["ratio"] = round(fan["emails_per_s"] / base["emails_per_s"], 4) if result["valid"] and fan["emails_per_s"] and base["emails_per_s"] else None
    _say(
        f"{size:,} subscribers, round {index + 1}: fan-out {fmt(fan['emails_per_s'], 0)} emails/s over {fan['connections']} connections, "
        f"baseline {fmt(base['emails_per_s'], 0)} emails/s, ratio {fmt_ratio(result['ratio'])}, worker peak RSS {fan['peak_rss_kb'] / 1024:.1f} MiB"
        + ("" if result["valid"] else f"; PROBLEMS: {fan['problems'] + base['problems']}")
    )
    return result


# --- measure -------------------------------------------------------------------


def measure(args):
    """Run the newsletter figures; returns a JSON-able dict (never raises for
    a failed step: the error is recorded and rows() reports it)."""
    h = _harness()
    quick = bool(getattr(args, "quick", False))
    rounds = getattr(args, "rounds", None) or (2 if quick else 5)
    sizes = QUICK_SIZES if quick else SIZES
    plan = {sizes[0]: min(rounds, SMALL_ROUNDS_MAX), sizes[1]: rounds}
    results = {
        "sizes": list(sizes),
        "quick": quick,
        "rounds_per_size": {str(size): n for size, n in plan.items()},
        "load_average_start": " ".join(f"{v:.2f}" for v in os.getloadavg()),
        "rounds": {str(size): [] for size in sizes},
    }
    started = time.monotonic()
    (OUT_DIR / "logs").mkdir(parents=True, exist_ok=True)
    sink = driver = None
    try:
        database_url, database, template = _database(h)
        results["database"] = database
        env = bench_env(database_url)
        worker_env = bench_env(
            database_url,
            extra={"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1", "EMAIL_USE_TLS": "false", "EMAIL_TIMEOUT": "30"},
        )
        _say(f"{database}; {plan[sizes[0]]} rounds at {sizes[0]:,} and {plan[sizes[1]]} at {sizes[1]:,} subscribers")
        h.run_step("newsletter-migrate", [sys.executable, "manage.py", "migrate", "--noinput"], env)
        _save_schema_template(OUT_DIR / DATABASE_FILE, template)
        driver = Driver(env)
        results["site"] = driver.run("newsletter-setup", "setup")
        sink = Sink(env)
        worker_env["EMAIL_PORT"] = str(sink.port)
        number = 0
        for size in sizes:
            driver.run(f"newsletter-subscribers-{size}", "subscribers", count=size)
            for index in range(plan[size]):
                number += 1
                results["rounds"][str(size)].append(_round(driver, worker_env, sink, size, index, number))
    except Exception as exc:  # noqa: BLE001 - reported as the figures' error
        results["error"] = str(exc)
        _say(f"failed: {exc}")
    finally:
        for child in (driver, sink):
            if child is not None:
                child.stop()
    results["load_average_end"] = " ".join(f"{v:.2f}" for v in os.getloadavg())
    results["seconds"] = round(time.monotonic() - started, 1)
    results["summary"] = summarise(results)
    return results


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(results):
    """The three figures from the rounds (medians; connections: the most
    any round opened)."""
    small, large = (str(size) for size in results["sizes"])
    summary = {}
    for size in (small, large):
        rounds = results["rounds"].get(size) or []
        valid = [r for r in rounds if r.get("valid")]
        summary[size] = {
            "rounds": len(rounds),
            "valid_rounds": len(valid),
            "problems": [f"{int(size):,} subscribers, round {i + 1}: {p}" for i, r in enumerate(rounds) for p in r["fanout"]["problems"] + r["baseline"]["problems"]],
            "vmhwm_gap": max((abs(r["fanout"]["worker"]["maxrss_kb"] - (r["fanout"]["worker"]["vmhwm_kb"] or 0)) / r["fanout"]["worker"]["maxrss_kb"] for r in valid), default=None),
            "fanout_emails_per_s": _median(r["fanout"]["emails_per_s"] for r in valid),
            "baseline_emails_per_s": _median(r["baseline"]["emails_per_s"] for r in valid),
            "ratio": _median(r["ratio"] for r in valid),
            "ratios": [r["ratio"] for r in valid],
            "fanout_window_s": _median(r["fanout"]["window_s"] for r in valid),
            "prepare_s": _median(r["fanout"]["prepare_s"] for r in valid),
            "connections_max": max((r["fanout"]["connections"] for r in valid), default=None),
            "peak_rss_kb": _median(r["fanout"]["peak_rss_kb"] for r in valid),
            "peak_rss_kb_all": [r["fanout"]["peak_rss_kb"] for r in valid],
            "bytes_per_message": _median(r["fanout"]["bytes_per_message"] for r in valid),
            "baseline_bytes_per_message": _median(r["baseline"]["bytes_per_message"] for r in valid),
        }
    a, b = summary[small]["peak_rss_kb"], summary[large]["peak_rss_kb"]
    summary["rss_ratio"] = round(b / a, 4) if a and b else None
    return summary


# --- rows ----------------------------------------------------------------------


def rows(results):
    """The report rows (bench/report.py's row()) for the three figures.
    Takes the whole bench results (reads results["newsletter"]) or
    measure()'s own dict."""
    data = results.get("newsletter", results) if isinstance(results, dict) else {}
    sizes = data.get("sizes") or list(SIZES)
    small, large = sizes
    quick_note = f"--quick: {small:,} / {large:,} subscribers instead of {SIZES[0]:,} / {SIZES[1]:,}; " if data.get("quick") else ""
    fan_figure = "newsletter fan-out emails/s ÷ the same pre-built messages over one SMTP connection (aiosmtpd sink on loopback)"
    conn_figure = f"SMTP connections opened for one edition to {large:,} subscribers"
    rss_figure = f"worker peak memory (RSS) at {large:,} ÷ at {small:,} subscribers"
    goals = {"newsletter_fanout": f"≥ {FANOUT_GOAL}", "smtp_connections": f"≤ {CONNECTIONS_GOAL}", "worker_rss": f"≤ {RSS_GOAL}"}
    if data.get("error") or "summary" not in data:
        error = data.get("error") or "not measured"
        return [
            row("newsletter_fanout", fan_figure, goal=goals["newsletter_fanout"], status="error", note=error),
            row("smtp_connections", conn_figure, goal=goals["smtp_connections"], status="error", note=error),
            row("worker_rss", rss_figure, goal=goals["worker_rss"], status="error", note=error),
        ]
    summary = data["summary"]
    few, many = summary[str(small)], summary[str(large)]
    batch = (data.get("site") or {}).get("batch_size")
    out = []

    # Fan-out: the large size is the figure; the small one is in the note.
    problems = few["problems"] + many["problems"]
    ratio = many["ratio"]
    if problems or ratio is None:
        status, note = "fail", "mail lost or duplicated, or a run failed its checks: " + "; ".join(problems[:3])
    else:
        status = "pass" if ratio >= FANOUT_GOAL else "fail"
        note = ""
    note += (
        f"{quick_note}one `manage.py db_worker --batch` process (production settings, {database_name(data)}), {large:,} subscribers, "
        f"median of {many['valid_rounds']} rounds (per-round ratios {', '.join(fmt_ratio(r) for r in many['ratios'])}); at {small:,}: "
        f"{fmt(few['fanout_emails_per_s'], 0)} ÷ {fmt(few['baseline_emails_per_s'], 0)} emails/s = {fmt_ratio(few['ratio'])}. Fan-out time: "
        f"the worker's first task started → its last finished, from the task table (writing the {large:,} deliveries took "
        f"{fmt(many['prepare_s'], 2)} s of {fmt(many['fanout_window_s'], 1)} s; worker start-up not counted). Baseline: the edition's messages "
        f"built beforehand by the product's own smtp_message(), sent by smtplib over one connection, half before the fan-out and half after; "
        f"only sending timed. Every run checked at the sink: each subscriber exactly once from each side, To: = envelope "
        f"({fmt(many['bytes_per_message'], 0)} vs {fmt(many['baseline_bytes_per_message'], 0)} bytes/message)."
    )
    out.append(row(
        "newsletter_fanout", fan_figure,
        f"{fmt(many['fanout_emails_per_s'], 0)} emails/s" if many["fanout_emails_per_s"] else DASH,
        f"{fmt(many['baseline_emails_per_s'], 0)} emails/s (one connection)" if many["baseline_emails_per_s"] else DASH,
        fmt_ratio(ratio), goals["newsletter_fanout"], status, note,
    ))  # fmt: skip

    connections = many["connections_max"]
    if many["problems"] or connections is None:
        status, note = "fail", "a run failed its checks: " + "; ".join(many["problems"][:3])
    else:
        status, note = ("pass" if connections <= CONNECTIONS_GOAL else "fail"), ""
    note += (
        f"{quick_note}counted by the sink (connections accepted) while the worker sent the edition; the most of "
        f"{many['valid_rounds']} rounds; NEWSLETTER_BATCH_SIZE {fmt(batch, 0)} (one connection per batch); at {small:,}: {fmt(few['connections_max'], 0)}"
    )
    out.append(row(
        "smtp_connections", conn_figure, fmt(connections, 0) if connections is not None else DASH,
        "1 (the baseline's one connection)", DASH, goals["smtp_connections"], status, note,
    ))  # fmt: skip

    rss_ratio = summary.get("rss_ratio")
    if problems or rss_ratio is None:
        status, note = "fail", "a run failed its checks: " + "; ".join(problems[:3])
    else:
        status, note = ("pass" if rss_ratio <= RSS_GOAL else "fail"), ""
    note += (
        f"{quick_note}peak RSS of the `db_worker` process over the whole edition (ru_maxrss from wait4(); /proc VmHWM polled every 50 ms "
        f"within {fmt((many['vmhwm_gap'] or 0) * 100, 1)}%), median of {few['valid_rounds']} / {many['valid_rounds']} rounds, a new worker "
        f"per edition; per round at {large:,}: {', '.join(fmt(kb / 1024, 1) for kb in many['peak_rss_kb_all'])} MiB"
        + (f"; {(many['peak_rss_kb'] - few['peak_rss_kb']) / 1024:+.1f} MiB for {large - small:,} more subscribers" if many["peak_rss_kb"] and few["peak_rss_kb"] else "")
    )
    out.append(row(
        "worker_rss", rss_figure,
        f"{many['peak_rss_kb'] / 1024:.1f} MiB" if many["peak_rss_kb"] else DASH,
        f"{few['peak_rss_kb'] / 1024:.1f} MiB (at {small:,})" if few["peak_rss_kb"] else DASH,
        fmt_ratio(rss_ratio), goals["worker_rss"], status, note,
    ))  # fmt: skip
    return out


def database_name(data):
    database = data.get("database") or ""
    return "PostgreSQL" if database.startswith("PostgreSQL") else "SQLite"


# --- python -m bench.newsletter ------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.newsletter", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SIZES[0]:,} / {QUICK_SIZES[1]:,} subscribers, 2 rounds")
    parser.add_argument("--rounds", type=int, help=f"rounds at the large size (default 5; quick 2); at most {SMALL_ROUNDS_MAX} at the small size")
    args = parser.parse_args(argv)
    args.rounds = args.rounds or (2 if args.quick else 5)
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds must be between 1 and 20")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    results = measure(args)
    print(json.dumps(results, indent=2, default=str))
    print()
    for r in rows(results):
        print(f"{r['figure']}\n    value {r['value']} | baseline {r['baseline']} | ratio {r['ratio']} | goal {r['goal']} | {r['status']}\n    {r['note']}")
    return 0 if "error" not in results else 2


if __name__ == "__main__":
    sys.exit(main())
