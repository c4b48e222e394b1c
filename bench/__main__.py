"""`python -m bench` (what `make bench` runs): build data in a throwaway
database, serve the site under gunicorn with production settings on a free
loopback port, measure, and report to stdout, var/bench/report.json and
var/bench/report.md.

Steps, each in a child process with bench.bench_env():
  1. a fresh database: var/bench/bench.sqlite3 (deleted and recreated; the
     WAL/IMMEDIATE options come from chronicle/settings/base.py through
     DATABASE_URL), or BENCH_DATABASE_URL (PostgreSQL; every table dropped)
  2. migrate; collectstatic into var/bench/static/
  3. build 10 articles; count SQL queries per page
  4. top up to 1,000 articles; count again; save the article's HTML as
     var/bench/static/bench-article.html, the baseline for every load figure
  5. gunicorn -w 2 on 127.0.0.1:<free port>; rounds of load (wrk, or the
     Python generator) on the static file, home, blog index and article at
     concurrency 1 and 16, in a rotating order; gunicorn always stopped
  6. optionally `make run` in a fresh clone until the home page answers
  7. the report

Options: --quick (2 short rounds, no fresh clone unless --fresh-clone),
--rounds N, --duration S, --large N, --skip-fresh-clone / --fresh-clone
(or BENCH_SKIP_FRESH_CLONE=1 / BENCH_FRESH_CLONE=1), --load-generator
{auto,wrk,python}, --strict (exit 1 when a figure fails its goal).
Exit status: 0 when the report was written (figures may still fail their
goals unless --strict), 1 with --strict and a failed figure, 2 when the
harness itself could not finish.
"""

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit

from bench import OUT_DIR, REPO, bench_env, load, report
from bench.freshclone import fresh_clone_make_run
from bench.server import Gunicorn, free_port, http_get

SMALL = 10
LARGE = 1000


class StepFailed(RuntimeError):
    pass


STEP_SECONDS = {}  # name -> wall seconds of each child step, for the JSON report


def say(message):
    print(f"bench: {message}", flush=True)


def run_step(name, command, env, timeout=600):
    """Run a child process, log its output to var/bench/logs/<name>.log,
    return its stdout. Raises StepFailed with the log's tail on failure."""
    logs = OUT_DIR / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        out = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise StepFailed(f"{name} took longer than {timeout} s") from exc
    (logs / f"{name}.log").write_text(f"$ {' '.join(command)}\n--- stdout\n{out.stdout}\n--- stderr\n{out.stderr}")
    if out.returncode != 0:
        tail = "\n".join((out.stderr or out.stdout).strip().splitlines()[-15:])
        raise StepFailed(f"{name} failed (exit {out.returncode}); see var/bench/logs/{name}.log\n{tail}")
    STEP_SECONDS[name] = round(time.monotonic() - started, 1)
    say(f"{name}: {STEP_SECONDS[name]:.1f} s")
    return out.stdout


def last_json(stdout):
    return json.loads(stdout.strip().splitlines()[-1])


def masked(url):
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


def cpu_reference(rounds=3):
    """Seconds for a fixed pure-Python workload (median of `rounds`): a
    yardstick for figures that have no natural baseline in the run."""

    def once():
        started = time.perf_counter()
        total = 0
        for i in range(1_500_000):
            total += i * i % 7
        return time.perf_counter() - started

    return round(statistics.median(once() for _ in range(rounds)), 4)


def machine_info(tool, database):
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), model)
    except OSError:
        pass
    memory = "unknown"
    try:
        with open("/proc/meminfo") as handle:
            kib = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
            memory = f"{kib / 2**20:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout.strip()

    def version(dist):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    return {
        "nproc": f"{len(os.sched_getaffinity(0))} usable of {os.cpu_count()}",
        "cpu_model": model,
        "memory": memory,
        "kernel": platform.release(),
        "python": sys.version.split()[0],
        "load_generator": f"{tool} ({load.generator_version(tool)})",
        "server": f"gunicorn {version('gunicorn')}, 2 sync workers, whitenoise {version('whitenoise')}, DEBUG off",
        "stack": f"Django {version('Django')}, Wagtail {version('wagtail')}",
        "database": database,
        "git_commit": commit + (" + uncommitted changes" if dirty else ""),
        "load_average_start": " ".join(f"{v:.2f}" for v in os.getloadavg()),
    }


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run: 2 rounds of 1 s, no fresh clone unless --fresh-clone")
    parser.add_argument("--rounds", type=int, help="rounds per load figure (default 5; quick 2)")
    parser.add_argument("--duration", type=float, help="seconds per load burst (default 3; quick 1)")
    parser.add_argument("--large", type=int, default=LARGE, help=f"articles in the large data set (default {LARGE})")
    parser.add_argument("--skip-fresh-clone", action="store_true", help="do not time `make run` from a fresh clone")
    parser.add_argument("--fresh-clone", action="store_true", help="time `make run` from a fresh clone even with --quick")
    parser.add_argument("--load-generator", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a figure fails its goal")
    args = parser.parse_args(argv)
    args.rounds = args.rounds or (2 if args.quick else 5)
    args.duration = args.duration or (1.0 if args.quick else 3.0)
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds must be between 1 and 20")
    if not 0.5 <= args.duration <= 30:
        parser.error("--duration must be between 0.5 and 30 seconds")
    if args.large <= SMALL:
        parser.error(f"--large must be more than {SMALL}")
    fresh = args.fresh_clone or os.environ.get("BENCH_FRESH_CLONE") == "1"
    skip = args.skip_fresh_clone or os.environ.get("BENCH_SKIP_FRESH_CLONE") == "1"
    args.do_fresh_clone = not skip and (fresh or not args.quick)
    return args


def prepare_database():
    """A fresh throwaway database; returns (DATABASE_URL, description)."""
    url = os.environ.get("BENCH_DATABASE_URL", "").strip()
    if url:
        if urlsplit(url).scheme not in ("postgres", "postgresql", "pgsql", "postgis"):
            raise StepFailed("BENCH_DATABASE_URL must be a PostgreSQL URL")
        run_step("reset-database", [sys.executable, "-m", "bench.data", "reset"], bench_env(url))
        return url, f"PostgreSQL ({masked(url)})"
    path = OUT_DIR / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        (OUT_DIR / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}", f"SQLite {sqlite3.sqlite_version} (WAL, IMMEDIATE), {path.relative_to(REPO)}"


def run_load(server, urls, page_errors, cache, args, tool, warnings):
    """The load rounds. Returns {"tool", "rounds": [{target: {"1": result, "16": result}}]}."""
    targets = {"static": "/static/bench-article.html"}
    targets.update({name: url for name, url in urls.items() if name not in page_errors})
    # The uncached article always gets a unique URL per request, so that it
    # is rendered every time even if a page cache went undetected.
    bust = {"article"}
    if cache["detected"] and "article" in targets:
        targets["article_cached"] = urls["article"]
    names = list(targets)
    total = len(names) * 2 * args.rounds * args.duration
    say(f"load: {args.rounds} rounds × {len(names)} targets × c=1,16 × {args.duration:g} s ≈ {total / 60:.1f} min with {tool}")
    static_url = server.base_url + targets["static"]
    for name in names:  # warm-up, not recorded: workers import, templates compile, renditions exist
        load.measure(server.base_url + targets[name], 2, 1, tool, cache_bust=name in bust)
        load.settle(static_url)
    rounds = []
    for index in range(args.rounds):
        order = names[index % len(names) :] + names[: index % len(names)]
        result = {name: {} for name in names}
        for concurrency in (1, 16):
            for name in order:
                measured = load.measure(server.base_url + targets[name], concurrency, args.duration, tool, cache_bust=name in bust)
                result[name][str(concurrency)] = measured
                load.settle(static_url)
                if not measured["requests"]:
                    warnings.append(f"round {index + 1}, {name} at c={concurrency}: no response completed within {args.duration:g} s")
                if measured["errors"]:
                    warnings.append(f"round {index + 1}, {name} at c={concurrency}: {measured['errors']} errors {measured['error_detail']}")
        rounds.append(result)
        summary = ", ".join(f"{n} {result[n]['16']['rps']:.0f}" for n in names)
        say(f"round {index + 1}/{args.rounds} (req/s at c=16): {summary}")
    return {"tool": tool, "targets": targets, "rounds": rounds}


def main(argv=None):
    args = parse_args(argv)
    started = time.monotonic()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # finally blocks still run
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))

    shutil.rmtree(OUT_DIR, ignore_errors=True)
    OUT_DIR.mkdir(parents=True)
    tool = load.generator(None if args.load_generator == "auto" else args.load_generator)
    warnings, page_errors = [], {}
    if tool == "python" and args.load_generator == "auto":
        warnings.append("wrk is not installed: the Python load generator was used (apt-get install -y wrk for lighter client overhead)")
    sizes = (SMALL, args.large)
    results = {
        "started_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "config": {"quick": args.quick, "rounds": args.rounds, "duration_s": args.duration, "sizes": list(sizes), "workers": 2, "concurrency": [1, 16]},
        "warnings": warnings,
        "page_errors": page_errors,
        "steps": STEP_SECONDS,
    }
    server = None
    try:
        database_url, database = prepare_database()
        results["machine"] = machine_info(tool, database)
        if os.getloadavg()[0] > len(os.sched_getaffinity(0)):
            warnings.append(f"the machine was busy at the start (load average {os.getloadavg()[0]:.2f}): ratios hold up better than absolute figures")
        env = bench_env(database_url)
        py = sys.executable
        run_step("migrate", [py, "manage.py", "migrate", "--noinput"], env)
        # Before any page renders: production's manifest storage needs it.
        run_step("collectstatic", [py, "manage.py", "collectstatic", "--noinput"], env)

        results["data"], results["queries"] = {}, {}
        render_env = dict(env, PAGE_CACHE_SECONDS="0")  # count what a render costs, not a cache hit
        port = free_port()
        host = f"127.0.0.1:{port}"
        for size in sizes:
            manifest = last_json(run_step(f"data-{size}", [py, "-m", "bench.data", "build", "--articles", str(size)], env))
            results["data"][str(size)] = manifest
            save = ["--save-html", f"article={OUT_DIR / 'article.html'}", "--save-html", f"home={OUT_DIR / 'home.html'}"] if size == sizes[-1] else []
            counted = last_json(run_step(f"queries-{size}", [py, "-m", "bench.queries", "--label", str(size), "--urls", json.dumps(manifest["urls"]), "--host", host] + save, render_env))
            results["queries"][str(size)] = counted
            for name, data in counted["pages"].items():
                if "error" in data:
                    warnings.append(f"{name} ({data['url']}) at {size} articles {data['error']} in-process (traceback in var/bench/logs/queries-{size}.log)")
        urls = results["data"][str(sizes[-1])]["urls"]

        source = next((name for name in ("article", "home") if (OUT_DIR / f"{name}.html").exists()), None)
        if source is None:
            raise StepFailed("neither the article nor the home page rendered: nothing to measure (see var/bench/logs/)")
        static_path = OUT_DIR / "static" / "bench-article.html"
        shutil.copyfile(OUT_DIR / f"{source}.html", static_path)
        results["static_file"] = {"path": str(static_path.relative_to(REPO)), "source": source, "bytes": static_path.stat().st_size}
        if source != "article":
            warnings.append("the article page failed, so the static baseline is the size of the home page instead")

        say(f"gunicorn on {host}")
        server = Gunicorn(env, port).start()
        for name, url in urls.items():
            status, _, body = http_get(server.base_url + url)
            if status != 200:
                page_errors[name] = f"{url} answered HTTP {status} under gunicorn (see var/bench/gunicorn.log)"
            elif name == source:
                results["static_file"]["page_bytes_via_gunicorn"] = len(body)
        status, _, body = http_get(server.base_url + "/static/bench-article.html")
        if status != 200:
            raise StepFailed(f"whitenoise did not serve the static baseline (HTTP {status})")
        results["static_file"]["served_bytes"] = len(body)
        page_bytes = results["static_file"].get("page_bytes_via_gunicorn")
        if page_bytes and abs(page_bytes - len(body)) > 0.02 * page_bytes:
            warnings.append(f"static baseline is {len(body)} bytes but the page is {page_bytes} bytes")
        pages_cache = {}
        for name, url in urls.items():
            if name not in page_errors:
                detected, evidence = load.probe_page_cache(server.base_url + url)
                pages_cache[name] = {"detected": detected, "evidence": evidence}
        cache = dict(pages_cache.get("article") or {"detected": False, "evidence": "the article page failed"}, pages=pages_cache)
        results["page_cache"] = cache
        if cache["detected"]:
            say(f"page cache detected ({cache['evidence']}): the cached article is measured too")
        results["load"] = run_load(server, urls, page_errors, cache, args, tool, warnings)
        server.stop()
        server = None

        if args.do_fresh_clone:
            results["cpu_reference_s"] = cpu_reference()
            say("fresh clone: `make run` until the home page answers (up to 300 s)")
            results["fresh_clone"] = fresh_clone_make_run(timeout=300)
            fresh = results["fresh_clone"]
            say(f"fresh clone: {fresh['seconds']} s" if fresh["ok"] else f"fresh clone failed: {fresh['error']}")
        else:
            results["fresh_clone"] = {"skipped": "--quick" if args.quick and not args.skip_fresh_clone else "--skip-fresh-clone / BENCH_SKIP_FRESH_CLONE=1"}
    except StepFailed as exc:
        say(str(exc))
        return 2
    finally:
        if server is not None:
            server.stop()

    results["machine"]["load_average_end"] = " ".join(f"{v:.2f}" for v in os.getloadavg())
    if results.get("cpu_reference_s"):
        results["machine"]["cpu_reference"] = f"{results['cpu_reference_s']:.3f} s (fixed pure-Python loop, median of 3)"
    results["finished_at"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    results["total_seconds"] = round(time.monotonic() - started, 1)
    results["method"] = [
        f"Data: the demo site (blog.demo) plus generated articles, {sizes[0]:,} then topped up to {sizes[1]:,} in the same database; "
        "generated articles reuse the demo bodies, images, authors and categories and are dated before the demo articles, so the first page of each listing is the same at both sizes.",
        "SQL queries: in-process with django.test.Client and CaptureQueriesContext, production settings with the page cache off "
        "(PAGE_CACHE_SECONDS=0: the count is what a render costs), after two warm-up requests; the SQL of each counted request is in var/bench/sql/.",
        "Pages under load are fetched as an anonymous reader gets them: from the page cache when the response says so (X-Page-Cache / X-Cache: hit); "
        "the uncached article always adds a unique ?_bench=N to every request so that each one is rendered.",
        f"Load: gunicorn -w 2 (sync), production settings, DEBUG off, on a free 127.0.0.1 port; {args.rounds} rounds, each measuring every target at c=1 and c=16 "
        f"for {args.duration:g} s in a rotating order, after one unrecorded warm-up burst per target. Values are medians over rounds; "
        "ratios are medians of per-round ratios to the static baseline of the same round.",
        "Static baseline: the article's own HTML (same bytes) saved as static/bench-article.html and served by whitenoise through the same gunicorn. "
        "Neither side is compressed (the load generators send no Accept-Encoding).",
        "Latency ratios are page ÷ static for p50 / p95 / p99 in turn. With 2 workers and 16 connections, c=16 latency includes queueing in gunicorn's backlog.",
        "The load generator runs as its own process on the same 2 cores as the server: it takes CPU from the server, more so for the static baseline.",
        "\"not yet\": the feature the figure measures does not exist yet; nothing is estimated.",
    ]
    rows = report.build_rows(results)
    print()
    print(report.write(results, rows))
    if args.strict and any(r["status"] in ("fail", "error") for r in rows):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
