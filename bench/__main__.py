"""`python -m bench` (what `make bench` runs): build data in a throwaway
database, serve the site under gunicorn with production settings on a free
loopback port, measure, and report to stdout, var/bench/report.json and
var/bench/report.md.

Steps, each in a child process with bench.bench_env():
  1. a fresh database: var/bench/bench.sqlite3 (deleted and recreated; the
     WAL/IMMEDIATE options come from chronicle/settings/base.py through
     DATABASE_URL), or BENCH_DATABASE_URL (PostgreSQL; every table dropped)
  2. migrate; collectstatic into var/bench/static/
  3. build 10 articles and a store with 5 products; count SQL queries per page
  4. top up to 1,000 articles and 200 products, add four articles with 0, 20,
     200 and 500 comments (bench.shop, bench.comments); count again; save the
     article's HTML as var/bench/static/bench-article.html, the baseline for
     every page load figure
  5. gunicorn -w 2 on 127.0.0.1:<free port>; rounds of load (wrk, or the
     Python generator) on the static file, home, blog index, article, the
     0- and 200-comment articles, store and product page at concurrency 1
     and 16, in a rotating order; gunicorn always stopped
  6. the write figures (bench.writes): the Stripe stand-in, a second gunicorn
     under bench.settings (comment rate limits raised), rounds of comment
     POSTs, checkouts and signed webhooks at concurrency 8 with the Python
     client bench.postload, each beside GET /csrf/; then the database is
     counted against what the clients saw; everything stopped
  7. optionally `make run` in a fresh clone until the home page answers
  8. the report

Options: --quick (2 short rounds, no fresh clone unless --fresh-clone),
--rounds N, --duration S, --large N, --skip-fresh-clone / --fresh-clone
(or BENCH_SKIP_FRESH_CLONE=1 / BENCH_FRESH_CLONE=1), --load-generator
{auto,wrk,python}, --skip-writes, --strict (exit 1 when a figure fails its
goal).
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

from bench import OUT_DIR, REPO, bench_env, load, newsletter, report, writes
from bench.freshclone import fresh_clone_make_run
from bench.server import Gunicorn, cpu_seconds, free_port, http_get
from bench.shop import stripe_env as shop_env

SMALL = 10
LARGE = 1000
PRODUCTS = (5, 200)  # store products at the small and the large size
LOADED_THREADS = ("comments_0", "comments_200")  # the comment pages under load (all four are counted)
WRITE_CONCURRENCY = 8
WEBHOOKS_PER_SECOND_BUDGET = 100  # events made per round: 100 × duration (a faster site finishes a round early)


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


def optional_step(name, command, env, results, feature):
    """A step whose failure costs its own figures only: they are reported as
    errors and the rest of the bench goes on."""
    try:
        return last_json(run_step(name, command, env))
    except (StepFailed, ValueError, IndexError) as exc:
        say(str(exc))
        results.setdefault("feature_errors", {})[feature] = f"{name} failed; see var/bench/logs/{name}.log"
        results["warnings"].append(f"{name} failed, so its figures are missing: {str(exc).splitlines()[0]}")
        return None


def run_write_phase(database_url, port, standin, results, args, warnings):
    """Comment POSTs, checkouts and webhooks (bench.writes) against a second
    gunicorn under bench.settings, with Stripe's SDK pointed at the stand-in;
    then what the database holds, compared with what the clients saw."""
    py = sys.executable
    stripe = shop_env(standin.url)
    env = bench_env(database_url, extra=dict(stripe, DJANGO_SETTINGS_MODULE="bench.settings"))
    shop = results["store"][str(PRODUCTS[-1])]
    rounds = args.rounds
    budget = max(40, int(WEBHOOKS_PER_SECOND_BUDGET * args.duration))
    events_path = OUT_DIR / "stripe-events.json"
    host = f"127.0.0.1:{port}"
    made = last_json(run_step("stripe-events", [py, "-m", "bench.shop", "events", "--count", str(rounds * budget + 10), "--variant", str(shop["checkout"]["variant"]), "--host", host, "--out", str(events_path)], env))
    say(f"gunicorn (bench.settings: comment rate limits raised) on {host}, Stripe stand-in on {standin.url}")
    marker = writes.new_marker()
    options = writes.plan(results["comments"], shop, standin.url, str(events_path), marker, stripe["STRIPE_WEBHOOK_SECRET"], stripe["STRIPE_SECRET_KEY"])
    server = Gunicorn(env, port, log_path=OUT_DIR / "gunicorn-writes.log").start()
    try:
        raw = writes.run(server, options, args, WRITE_CONCURRENCY, say, load.settle, budget)
    finally:
        server.stop()
    raw["events_made"] = made
    raw["marker"] = marker
    raw["clients_saw"] = writes.totals(raw)
    raw["database"] = {
        "comments": last_json(run_step("verify-comments", [py, "-m", "bench.comments", "verify", "--marker", marker], env)),
        "store": last_json(run_step("verify-store", [py, "-m", "bench.shop", "verify"], env)),
    }
    saw, db = raw["clients_saw"], raw["database"]
    if db["comments"]["total"] != saw["comments_accepted"]:
        warnings.append(f"comment POSTs: the clients saw {saw['comments_accepted']} accepted, the database holds {db['comments']['total']}")
    paid = db["store"]["orders"].get("paid", 0)
    if paid != saw["webhooks_processed"] or sum(db["store"]["stripe_events"].values()) != saw["webhooks_processed"]:
        warnings.append(f"webhooks: the clients saw {saw['webhooks_processed']} processed; the database has {paid} paid orders and {db['store']['stripe_events']} events")
    for index, result in enumerate(raw["rounds"]):
        for scenario, burst in result.items():
            if burst.get("failed"):
                warnings.append(f"writes round {index + 1}, {scenario}: {burst['failed']}")
            elif burst.get("errors") or any(not code.startswith(("2", "3")) for code in burst.get("statuses", {})):
                warnings.append(f"writes round {index + 1}, {scenario}: statuses {burst.get('statuses')}, errors {burst.get('errors')} {burst.get('samples', [])[:2]}")
    if any(r.get("webhook", {}).get("ran_out") for r in raw["rounds"]):
        raw["webhook_ran_out"] = True
    results["writes"] = raw


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
        "write_load_generator": f"bench.postload (threads + http.client, Python {sys.version.split()[0]}), c={WRITE_CONCURRENCY}",
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
    parser.add_argument("--skip-writes", action="store_true", help="leave out comment POSTs, checkouts and webhooks")
    parser.add_argument("--skip-newsletter", action="store_true", help="leave out the newsletter fan-out figures")
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
    # Uncached pages (the article, the comment threads, the store and a
    # product) always get a unique URL per request, so that they are
    # rendered every time even if a page cache went undetected; the comment
    # threads' own cache stays on.
    bust = {"article", "store", "product", *LOADED_THREADS}
    if cache["detected"] and "article" in targets:
        targets["article_cached"] = urls["article"]
    names = list(targets)
    total = len(names) * 2 * args.rounds * args.duration
    say(f"load: {args.rounds} rounds × {len(names)} targets × c=1,16 × {args.duration:g} s ≈ {total / 60:.1f} min with {tool}")
    static_url = server.base_url + targets["static"]
    for name in names:  # warm-up, not recorded: workers import, templates compile, renditions exist
        load.measure(server.base_url + targets[name], 2, 1, tool, cache_bust=name in bust)
        load.settle(static_url)

    def measure(url, concurrency, cache_bust):
        # The workers' CPU time over the burst too: at c=1 (nothing left in
        # flight when the burst ends) CPU per request is what a render costs,
        # whatever else the machine is doing.
        pids = server.worker_pids()
        before = cpu_seconds(pids)
        measured = load.measure(url, concurrency, args.duration, tool, cache_bust=cache_bust)
        measured["server_cpu_s"] = round(cpu_seconds(pids) - before, 3)
        measured["server_cpu_ms_per_request"] = round(measured["server_cpu_s"] * 1000 / measured["requests"], 3) if measured["requests"] else None
        return measured

    rounds = []
    for index in range(args.rounds):
        order = names[index % len(names) :] + names[: index % len(names)]
        if index % 2:
            # Reversed in every other round: a rotation alone keeps each
            # target's neighbours, so a pair compared with each other (0 and
            # 200 comments) would always be measured in the same order.
            order.reverse()
        result = {name: {} for name in names}
        for concurrency in (1, 16):
            for name in order:
                measured = measure(server.base_url + targets[name], concurrency, name in bust)
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
        "config": {"quick": args.quick, "rounds": args.rounds, "duration_s": args.duration, "sizes": list(sizes), "products": list(PRODUCTS), "workers": 2, "concurrency": [1, 16], "write_concurrency": WRITE_CONCURRENCY},
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
        # Stripe test keys for every step, the SDK pointed at a loopback port
        # where nothing listens: page views never call Stripe, and nothing
        # the bench does can reach Stripe's servers. The write phase points
        # it at the stand-in.
        env = bench_env(database_url, extra=shop_env())
        py = sys.executable
        run_step("migrate", [py, "manage.py", "migrate", "--noinput"], env)
        # Before any page renders: production's manifest storage needs it.
        run_step("collectstatic", [py, "manage.py", "collectstatic", "--noinput"], env)

        results["data"], results["queries"], results["store"] = {}, {}, {}
        render_env = dict(env, PAGE_CACHE_SECONDS="0")  # count what a render costs, not a cache hit
        port = free_port()
        host = f"127.0.0.1:{port}"
        for size, products in zip(sizes, PRODUCTS):
            manifest = last_json(run_step(f"data-{size}", [py, "-m", "bench.data", "build", "--articles", str(size)], env))
            results["data"][str(size)] = manifest
            counted_urls = dict(manifest["urls"])
            # The store grows with the articles (5 products, then 200), and the
            # comment threads are built once, on the large data set.
            shop = optional_step(f"store-{products}", [py, "-m", "bench.shop", "build", "--products", str(products)], env, results, "store")
            if shop:
                results["store"][str(products)] = shop
                counted_urls.update(shop["urls"])
            if size == sizes[-1]:
                comments = optional_step("comments", [py, "-m", "bench.comments", "build"], env, results, "comments")
                if comments:
                    results["comments"] = comments
                    counted_urls.update(comments["urls"])
            save = ["--save-html", f"article={OUT_DIR / 'article.html'}", "--save-html", f"home={OUT_DIR / 'home.html'}"] if size == sizes[-1] else []
            counted = last_json(run_step(f"queries-{size}", [py, "-m", "bench.queries", "--label", str(size), "--urls", json.dumps(counted_urls), "--host", host] + save, render_env))
            results["queries"][str(size)] = counted
            for name, data in counted["pages"].items():
                if "error" in data:
                    warnings.append(f"{name} ({data['url']}) at {size} articles {data['error']} in-process (traceback in var/bench/logs/queries-{size}.log)")
        urls = dict(results["data"][str(sizes[-1])]["urls"])
        urls.update((results["store"].get(str(PRODUCTS[-1])) or {}).get("urls", {}))
        urls.update({name: url for name, url in (results.get("comments") or {}).get("urls", {}).items() if name in LOADED_THREADS})

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

        if args.skip_writes:
            results["writes_skipped"] = "--skip-writes"
        elif results.get("comments") and results["store"].get(str(PRODUCTS[-1])):
            try:
                standin = writes.StandIn(env).start()
                try:
                    run_write_phase(database_url, port, standin, results, args, warnings)
                finally:
                    standin.stop()
            except (StepFailed, RuntimeError, OSError, ValueError, KeyError) as exc:
                # Costs the write figures only: the page figures are still reported.
                say(f"the write phase failed: {exc}")
                results.setdefault("feature_errors", {})["writes"] = f"the write phase failed: {str(exc).splitlines()[0]} (see var/bench/logs/, var/bench/gunicorn-writes.log)"
                warnings.append(results["feature_errors"]["writes"])
        else:
            results["writes_skipped"] = "the store or the comment threads could not be built (see warnings)"

        if args.skip_newsletter:
            results["newsletter_skipped"] = "--skip-newsletter"
        else:
            # Last of the database work: on PostgreSQL it drops the tables again.
            say("newsletter: fan-out to an SMTP sink, connections, worker memory")
            results["newsletter"] = newsletter.measure(args)

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
        f"Store: the store demo (store.demo) plus generated products with variants, images and collections, {PRODUCTS[0]} then topped up to {PRODUCTS[1]} "
        "alongside the articles; the product page is the demo T-shirt (four sizes with counted stock). Stripe test keys are set throughout, so the store "
        "shows its buy buttons as a configured store does.",
        "Comments: four generated articles made from the same demo article (same body, image, categories and tags) with 0, 20, 200 and 500 approved comments "
        "(bench/comments.py: threaded up to the site's reply depth, a line to several paragraphs each, a few held ones that do not show), "
        "bulk-inserted, then each thread's cache invalidated as a save does. Readers get the first comment page of each thread (the default 20 conversations, each with its replies).",
        "Pages under load are fetched as an anonymous reader gets them: from the page cache when the response says so (X-Page-Cache / X-Cache: hit); "
        "the uncached article, the two comment pages, the store and the product page always add a unique ?_bench=N to every request so that each one "
        "is rendered (the comment thread's own cache stays on: that is what the 200-vs-0 figure measures).",
        f"Load: gunicorn -w 2 (sync), production settings, DEBUG off, on a free 127.0.0.1 port; {args.rounds} rounds, each measuring every target at c=1 and c=16 "
        f"for {args.duration:g} s in a rotating order (reversed in every other round), after one unrecorded warm-up burst per target. Values are medians over rounds; "
        "ratios are medians of per-round ratios to the static baseline of the same round.",
        "Static baseline: the article's own HTML (same bytes) saved as static/bench-article.html and served by whitenoise through the same gunicorn. "
        "Neither side is compressed (the load generators send no Accept-Encoding).",
        "Latency ratios are page ÷ static for p50 / p95 / p99 in turn. With 2 workers and 16 connections, c=16 latency includes queueing in gunicorn's backlog.",
        "The load generator runs as its own process on the same 2 cores as the server: it takes CPU from the server, more so for the static baseline.",
        f"Writes (comment POSTs, checkouts, webhooks): a second gunicorn -w 2 on the same database under bench.settings (production settings with the "
        f"comment rate limits raised: every client posts from 127.0.0.1), driven by bench.postload (Python threads, one process per burst) at c={WRITE_CONCURRENCY}; "
        f"{args.rounds} rounds of {args.duration:g} s, rotating order, after a 1 s warm-up burst of each. Each figure is divided by GET /csrf/ from the same "
        "client at the same concurrency in the same round (the cheapest request through the same middleware stack). Comment clients fetch /csrf/ and the "
        "article's form (signed timing token), wait out the form's minimum time once before the timed window, then post; the honeypot, timing token, "
        "CSRF and duplicate checks stay on. Afterwards the database is counted and compared with what the clients saw.",
        "Stripe: the test suite's stand-in (tests/store/stripe_standin.py) replaces Stripe's servers — a local HTTP server the real stripe SDK talks to "
        "through STRIPE_API_BASE; no request leaves the machine. Checkout: each iteration is a new shopper (add to cart, check out: one order, one Checkout "
        "Session, a 303 to Stripe's page, not followed). Webhooks: checkout.session.completed events for real pending orders (made beforehand through "
        "store.checkout.create_order and the stand-in), signed by the stripe SDK with the endpoint's secret at send time, each sent once.",
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
