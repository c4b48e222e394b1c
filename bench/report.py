"""Turn the harness's raw results into the report: a table of figures, each
with its value, the baseline measured in the same run, their ratio, the goal
from issue 9 and a status, plus the machine it ran on.

Contracts:
- build_rows(results) -> list of row dicts
      {"id", "figure", "value", "baseline", "ratio", "goal", "status", "note"}
  value/baseline/ratio are display strings ("—" when there is none); status
  is one of pass, fail, reported (a figure the issue asks to report, with no
  threshold), not yet (the feature does not exist: nothing is invented),
  skipped, error. Raw numbers stay in results["raw"] of the JSON.
- Ratios are medians of per-round ratios: each round measures the figure and
  its baseline back to back, so the ratio survives a noisy neighbour that a
  ratio of two separate medians would not.
- write(results, rows) writes var/bench/report.json and report.md and
  returns the text table printed to stdout.
- The newsletter's rows come from bench.newsletter.rows(results) (same row
  format) when that module exists and results["newsletter"] is set; until
  then they are "not yet" (NOT_YET).
"""

import json
import statistics

from bench import OUT_DIR

QUERY_GOAL = 12
CACHED_GOAL = 0.85
FRESH_CLONE_GOAL_S = 180
PAGES = (("home", "home page"), ("blog_index", "blog index"), ("article", "article page"))
PERCENTILES = ("p50_ms", "p95_ms", "p99_ms")
DASH = "—"

COMMENT_RATIO_GOAL = 1.0
COMMENT_SIZES = (0, 20, 500)  # counted and asserted; 200 is counted too and loaded against 0
STORE_PAGES = (("store", "store page"), ("product", "product page"))

# Figures whose feature another part of the bench measures when it can. The
# newsletter's are filled in by bench.newsletter.rows(results) when that
# module exists and the run measured it (results["newsletter"]); until then
# they stay "not yet".
NOT_YET = [
    ("newsletter_fanout", "newsletter fan-out emails/s ÷ same messages over one SMTP connection (aiosmtpd sink)", "≥ 0.8", "the newsletter is not measured yet"),
    ("smtp_connections", "SMTP connections opened for one edition to 10,000 subscribers", "≤ 20", "the newsletter is not measured yet"),
    ("worker_rss", "worker peak RSS at 10,000 ÷ at 1,000 subscribers", "≤ 1.2", "the newsletter is not measured yet"),
]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=1, unit=""):
    if value is None:
        return DASH
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and digits == 0):
        return f"{int(value):,}{unit}"
    return f"{value:,.{digits}f}{unit}"


def fmt_ratio(value):
    if value is None:
        return DASH
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def row(id, figure, value=DASH, baseline=DASH, ratio=DASH, goal=DASH, status="reported", note=""):
    return {"id": id, "figure": figure, "value": value, "baseline": baseline, "ratio": ratio, "goal": goal, "status": status, "note": note}


# --- figures -------------------------------------------------------------------


def _series(rounds, target, concurrency, key):
    return [r.get(target, {}).get(str(concurrency), {}).get(key) for r in rounds]


def _paired_ratio(rounds, target, baseline, concurrency, key):
    ratios = []
    for r in rounds:
        a = r.get(target, {}).get(str(concurrency), {}).get(key)
        b = r.get(baseline, {}).get(str(concurrency), {}).get(key)
        if a is not None and b:
            ratios.append(a / b)
    return median(ratios)


def throughput_rows(results):
    load = results.get("load") or {}
    rounds = load.get("rounds") or []
    rows = []
    cache = results.get("page_cache") or {}
    article_error = (results.get("page_errors") or {}).get("article")
    static_rps = median(_series(rounds, "static", 16, "rps"))
    base = f"{fmt(static_rps, 0)} req/s (static)" if static_rps else DASH

    figure = "cached article page req/s ÷ static HTML file of the same size (whitenoise, same gunicorn), c=16"
    if article_error:
        rows.append(row("cached_article_vs_static", figure, goal=f"≥ {CACHED_GOAL}", status="error", note=article_error))
    elif not cache.get("detected"):
        rows.append(row("cached_article_vs_static", figure, goal=f"≥ {CACHED_GOAL}", status="not yet",
                        note=f"no page cache for anonymous readers yet ({cache.get('evidence', 'not probed')})"))  # fmt: skip
    else:
        value = median(_series(rounds, "article_cached", 16, "rps"))
        ratio = _paired_ratio(rounds, "article_cached", "static", 16, "rps")
        status = DASH if ratio is None else ("pass" if ratio >= CACHED_GOAL else "fail")
        rows.append(row("cached_article_vs_static", figure, f"{fmt(value, 0)} req/s", base, fmt_ratio(ratio), f"≥ {CACHED_GOAL}", status,
                        f"page cache detected: {cache.get('evidence')}"))  # fmt: skip

    figure = "uncached article page req/s ÷ static HTML file of the same size, c=16"
    if article_error:
        rows.append(row("uncached_article_vs_static", figure, status="error", note=article_error))
    elif rounds:
        value = median(_series(rounds, "article", 16, "rps"))
        ratio = _paired_ratio(rounds, "article", "static", 16, "rps")
        c1 = _paired_ratio(rounds, "article", "static", 1, "rps")
        note = f"at c=1: {fmt(median(_series(rounds, 'article', 1, 'rps')), 0)} ÷ {fmt(median(_series(rounds, 'static', 1, 'rps')), 0)} req/s = {fmt_ratio(c1)}"
        note += "; a unique ?_bench=N per request, so every request is rendered"
        rows.append(row("uncached_article_vs_static", figure, f"{fmt(value, 0)} req/s", base, fmt_ratio(ratio), "reported", "reported", note))
    return rows


def count_rows(id_prefix, label, sized):
    """Rows for one page counted at several sizes: `sized` is
    [(size label, data from bench.queries)], the first one the baseline
    every other size must equal."""
    rows = []
    base_label, base = sized[0]
    for size_label, data in sized:
        figure = f"SQL queries/request: {label} at {size_label}"
        rid = f"{id_prefix}_{size_label.split()[0].replace(',', '')}"
        if "queries" not in data:
            rows.append(row(rid, figure, goal=f"≤ {QUERY_GOAL}", status="error", note=data.get("error", "not measured")))
            continue
        count = data["queries"]
        note = "" if data.get("stable", True) else "count differed between two warm requests"
        if data is base:
            rows.append(row(rid, figure, str(count), goal=f"≤ {QUERY_GOAL}", status="pass" if count <= QUERY_GOAL else "fail", note=note))
            continue
        base_count = base.get("queries")
        equal = base_count == count
        if not equal:
            note = (note + "; " if note else "") + (f"grows with data: {base_count} at {base_label}" if base_count is not None else f"no count at {base_label}")
        rows.append(row(
            rid, figure, str(count),
            f"{base_count} (at {base_label})" if base_count is not None else DASH,
            fmt_ratio(count / base_count) if base_count else DASH,
            f"≤ {QUERY_GOAL}, equal across sizes", "pass" if count <= QUERY_GOAL and equal else "fail", note,
        ))  # fmt: skip
    return rows


def _pages(results, size):
    return ((results.get("queries") or {}).get(str(size)) or {}).get("pages", {})


def query_rows(results):
    rows = []
    small, large = results["config"]["sizes"]
    for name, label in PAGES:
        rows += count_rows(f"queries_{name}", label, [(f"{size:,} articles", _pages(results, size).get(name, {})) for size in (small, large)])
    return rows


def _missing(results, feature, what):
    error = (results.get("feature_errors") or {}).get(feature)
    return {"error": error or f"{what} not measured"}


def comment_query_rows(results):
    """The article at 0 / 20 / 500 comments (all on the large data set, the
    thread's cache warm as after the first reader), 200 in the last note."""
    pages = _pages(results, results["config"]["sizes"][1])
    missing = _missing(results, "comments", "comment threads")
    sized = [(f"{n:,} comments", pages.get(f"comments_{n}", missing)) for n in COMMENT_SIZES]
    rows = count_rows("queries_article_comments", "article", sized)
    extra = pages.get("comments_200", {})
    if rows and "queries" in extra:
        rows[-1]["note"] = "; ".join(filter(None, [rows[-1]["note"], f"{extra['queries']} at 200 comments; the thread's HTML comes from its cache"]))
    return rows


def store_query_rows(results):
    sizes = results["config"]["sizes"]
    products = results["config"].get("products") or [None] * len(sizes)
    rows = []
    for name, label in STORE_PAGES:
        sized = [
            (f"{count:,} products" if count else f"{size:,} articles", _pages(results, size).get(name) or _missing(results, "store", "the store"))
            for size, count in zip(sizes, products)
        ]
        rows += count_rows(f"queries_{name}", label, sized)
    return rows


def latency_rows(results):
    load = results.get("load") or {}
    rounds = load.get("rounds") or []
    errors = results.get("page_errors") or {}
    cache = results.get("page_cache") or {}
    cached_pages = {name for name, probe in (cache.get("pages") or {}).items() if probe.get("detected")}
    targets = []
    for name, label in PAGES:
        if name == "article":
            if "article" in cached_pages:
                targets.append(("article_cached", "article page, page cache hit", "served from the page cache"))
            targets.append(("article", "article page, uncached render", "a unique ?_bench=N per request, so every request is rendered"))
        else:
            targets.append((name, label, "served from the page cache" if name in cached_pages else ""))
    rows = []
    loaded = load.get("targets") or {}
    products = (results["config"].get("products") or [None])[-1]
    rendered = "a unique ?_bench=N per request, so every request is rendered"
    for target, label, feature, how in (
        ("comments_0", "article with 0 comments, uncached render", "comments", rendered),
        ("comments_200", "article with 200 approved comments, uncached render", "comments", rendered + "; the thread's HTML from its cache"),
        ("store", f"store page ({products:,} products), uncached render" if products else "store page, uncached render", "store", rendered),
        ("product", "product page, uncached render", "store", rendered),
    ):  # fmt: skip
        if target in loaded or target in errors:
            targets.append((target, label, how))
        elif rounds:
            error = (results.get("feature_errors") or {}).get(feature, "not measured")
            rows += [row(f"latency_{target}_c{c}", f"latency p50 / p95 / p99: {label}, c={c}", status="error", note=error) for c in (1, 16)]
    for target, label, how in targets:
        page = "article" if target == "article_cached" else target
        for concurrency in (1, 16):
            figure = f"latency p50 / p95 / p99: {label}, c={concurrency}"
            if page in errors:
                rows.append(row(f"latency_{target}_c{concurrency}", figure, status="error", note=errors[page]))
                continue
            if not rounds:
                continue
            values = [median(_series(rounds, target, concurrency, p)) for p in PERCENTILES]
            bases = [median(_series(rounds, "static", concurrency, p)) for p in PERCENTILES]
            ratios = [_paired_ratio(rounds, target, "static", concurrency, p) for p in PERCENTILES]
            rps = median(_series(rounds, target, concurrency, "rps"))
            note = f"{fmt(rps, 1)} req/s" + (f"; {how}" if how else "")
            cpu = median(_series(rounds, target, concurrency, "server_cpu_ms_per_request"))
            if concurrency == 1 and cpu is not None:
                note += f"; server CPU {fmt(cpu, 2)} ms/request"
            rows.append(row(
                f"latency_{target}_c{concurrency}", figure,
                " / ".join(fmt(v, 1) for v in values) + " ms",
                " / ".join(fmt(v, 2) for v in bases) + " ms (static)",
                " / ".join(fmt(r, 0) if r and r >= 10 else fmt_ratio(r) for r in ratios),
                "reported", "reported", note,
            ))  # fmt: skip
    return rows


def comments_ratio_row(results):
    """Uncached article with 200 approved comments ÷ the same article with
    none, paired per round at c=16 (c=1 in the note)."""
    load = results.get("load") or {}
    rounds = load.get("rounds") or []
    errors = results.get("page_errors") or {}
    figure = "uncached article with 200 approved comments req/s ÷ the same article with 0 comments, c=16"
    goal = f"≥ {COMMENT_RATIO_GOAL}"
    broken = [errors[name] for name in ("comments_0", "comments_200") if name in errors]
    if broken or not results.get("comments"):
        note = "; ".join(broken) or (results.get("feature_errors") or {}).get("comments", "the comment threads were not built")
        return row("comments_200_vs_0", figure, goal=goal, status="error", note=note)
    if not rounds:
        return row("comments_200_vs_0", figure, goal=goal, status="skipped", note="no load rounds")
    value = median(_series(rounds, "comments_200", 16, "rps"))
    base = median(_series(rounds, "comments_0", 16, "rps"))
    ratio = _paired_ratio(rounds, "comments_200", "comments_0", 16, "rps")
    c1 = _paired_ratio(rounds, "comments_200", "comments_0", 1, "rps")
    per_round = [fmt_ratio(a / b) for a, b in zip(_series(rounds, "comments_200", 16, "rps"), _series(rounds, "comments_0", 16, "rps")) if a is not None and b]
    pages = _pages(results, results["config"]["sizes"][1])
    sizes = [pages.get(name, {}).get("bytes") for name in ("comments_0", "comments_200")]
    note = f"at c=1: {fmt_ratio(c1)}; per round at c=16: {', '.join(per_round)}"
    if all(sizes):
        note += f"; pages of {sizes[1] / 1024:,.0f} KiB and {sizes[0] / 1024:,.0f} KiB"
    note += "; readers get the thread's first comment page (20 conversations, CommentSettings.threads_per_page), its rendered HTML cached until a comment on it is approved, edited or removed; a unique ?_bench=N per request bypasses the page cache"
    status = DASH if ratio is None else ("pass" if ratio >= COMMENT_RATIO_GOAL else "fail")
    return row("comments_200_vs_0", figure, f"{fmt(value, 1)} req/s", f"{fmt(base, 1)} req/s (0 comments)", fmt_ratio(ratio), goal, status, note)


def comments_cpu_row(results):
    """The same pair by the workers' CPU time per request at c=1: what the
    render costs, nearly untouched by other jobs taking the machine's CPU."""
    rounds = (results.get("load") or {}).get("rounds") or []
    figure = "server CPU per request: uncached article with 200 approved comments ÷ with 0 comments, c=1 (gunicorn workers' CPU time)"
    values = {name: median(_series(rounds, name, 1, "server_cpu_ms_per_request")) for name in ("comments_0", "comments_200")}
    if not rounds or None in values.values():
        return row("comments_200_vs_0_cpu", figure, status="skipped", note="not measured")
    ratio = _paired_ratio(rounds, "comments_200", "comments_0", 1, "server_cpu_ms_per_request")
    per_round = [fmt_ratio(a / b) for a, b in zip(_series(rounds, "comments_200", 1, "server_cpu_ms_per_request"), _series(rounds, "comments_0", 1, "server_cpu_ms_per_request")) if a and b]
    note = f"per round: {', '.join(per_round)}; ≤ 1 means the 200 comments cost the render nothing; CPU time read from /proc before and after each burst"
    return row("comments_200_vs_0_cpu", figure, f"{fmt(values['comments_200'], 2)} ms", f"{fmt(values['comments_0'], 2)} ms (0 comments)", fmt_ratio(ratio), "reported", "reported", note)


def _writes_series(rounds, scenario, key="rps"):
    return [r.get(scenario, {}).get(key) for r in rounds]


def _writes_ratio(rounds, scenario, baseline="csrf"):
    ratios = []
    for r in rounds:
        a, b = r.get(scenario, {}).get("rps"), r.get(baseline, {}).get("rps")
        if a is not None and b and not r.get(scenario, {}).get("failed"):
            ratios.append(a / b)
    return median(ratios)


def _n(value):
    return f"{value:,}" if isinstance(value, int) else "?"


def _latency(rounds, scenario):
    values = [median([r.get(scenario, {}).get("latency_ms", {}).get(p) for r in rounds]) for p in ("p50", "p95")]
    return " / ".join(fmt(v, 0) for v in values) + " ms"


def write_rows(results):
    """Comment POSTs and Stripe (bench.writes): each figure ÷ GET /csrf/ from
    the same client at the same concurrency in the same round."""
    writes = results.get("writes")
    concurrency = results["config"].get("write_concurrency", 8)
    figures = {
        "comment_post_rate": (f"comment POST: accepted comments/s at concurrency {concurrency} (rate limits raised for the run)", "comment"),
        "stripe_checkout": (f"Stripe: checkout sessions created/s through the site (new shopper: add to cart, check out), c={concurrency}, local stand-in", "checkout"),
        "stripe_webhooks": (f"Stripe: signed checkout.session.completed webhooks handled/s, c={concurrency}", "webhook"),
    }
    if not writes:
        reason = results.get("writes_skipped") or (results.get("feature_errors") or {}).get("writes") or "not measured"
        return [row(rid, figure, goal="reported", status="skipped" if results.get("writes_skipped") == "--skip-writes" else "error", note=reason) for rid, (figure, _) in figures.items()]
    rounds = writes["rounds"]
    base = median(_writes_series(rounds, "csrf"))
    baseline = f"{fmt(base, 0)} req/s (GET /csrf/, same client, c={concurrency})"
    saw, db = writes.get("clients_saw", {}), writes.get("database", {})
    rows = []
    for rid, (figure, scenario) in figures.items():
        value = median(_writes_series(rounds, scenario))
        ratio = _writes_ratio(rounds, scenario)
        failed = [r[scenario]["failed"] for r in rounds if r.get(scenario, {}).get("failed")]
        statuses = {}
        for r in rounds:
            for code, n in r.get(scenario, {}).get("statuses", {}).items():
                statuses[code] = statuses.get(code, 0) + n
        answered = ", ".join(f"{n:,} × {code}" for code, n in sorted(statuses.items()))
        if scenario == "comment":
            comments = db.get("comments", {})
            note = (
                f"POST latency p50 / p95 {_latency(rounds, scenario)}; answers: {answered}; {saw.get('comments_accepted', 0):,} accepted in all "
                f"(warm-up included), {_n(comments.get('total'))} in the database afterwards {comments.get('by_status', {})}; "
                "returning readers' addresses (published at once under the default rules, so each one invalidates the thread's cache), a third of them replies"
            )
        elif scenario == "checkout":
            standin = median(_writes_series(rounds, "standin"))
            made = writes.get("events_made", {})
            note = (
                "the stand-in (tests/store/stripe_standin.py) replaces Stripe's servers; "
                f"checkout POST latency p50 / p95 {_latency(rounds, scenario)}; answers to it: {answered}; the stand-in alone creates {fmt(standin, 0)} sessions/s "
                f"at c={concurrency}; the store's checkout service in-process (create_order + session, {made.get('threads', '?')} threads): "
                f"{fmt(made.get('sessions_per_s_in_process'), 0)} sessions/s"
            )
        else:
            store = db.get("store", {})
            note = (
                f"latency p50 / p95 {_latency(rounds, scenario)}; answers: {answered}; {saw.get('webhooks_processed', 0):,} processed in all (warm-up "
                f"included), {_n(store.get('orders', {}).get('paid', 0))} orders paid and {sum(store.get('stripe_events', {}).values()):,} events recorded "
                "afterwards; each event marks a real pending order paid and queues its confirmation email; the stand-in replaces Stripe's servers"
            )
            if writes.get("webhook_ran_out"):
                note += "; some rounds ran out of events before the time was up: their rate is over the time they took"
        if failed:
            rows.append(row(rid, figure, goal="reported", status="error", note="; ".join(failed[:2])))
            continue
        rows.append(row(rid, figure, f"{fmt(value, 1)}/s", baseline, fmt_ratio(ratio), "reported", "reported" if value else "error", note))
    return rows


def newsletter_rows(results):
    """The seam for bench/newsletter.py (written separately): its rows(results)
    when the module exists and the run measured the newsletter, else "not yet"."""
    import importlib.util

    if results.get("newsletter") is not None and importlib.util.find_spec("bench.newsletter") is not None:
        from bench import newsletter

        return newsletter.rows(results)
    return [row(i, f, goal=g, status="not yet", note=n) for i, f, g, n in NOT_YET]


def fresh_clone_row(results):
    figure = "fresh clone: `make run` until the home page answers (warm pip cache)"
    fresh = results.get("fresh_clone")
    goal = f"< {FRESH_CLONE_GOAL_S} s"
    if not fresh or fresh.get("skipped"):
        return row("fresh_clone", figure, goal=goal, status="skipped", note=(fresh or {}).get("skipped", "not run"))
    if not fresh.get("ok"):
        return row("fresh_clone", figure, goal=goal, status="error", note=f"{fresh.get('error')} (log: var/bench/fresh-clone.log)")
    seconds = fresh["seconds"]
    reference = results.get("cpu_reference_s")
    return row(
        "fresh_clone", figure, f"{seconds:.1f} s", f"{reference:.3f} s (CPU reference)" if reference else DASH,
        fmt(seconds / reference, 0) if reference else DASH, goal, "pass" if seconds < FRESH_CLONE_GOAL_S else "fail",
        f"commit {fresh.get('commit')}; pip cache: {fresh.get('pip_cache')}; ratio in units of a fixed pure-Python workload timed in this run",
    )  # fmt: skip


def build_rows(results):
    rows = throughput_rows(results)
    rows.append(comments_ratio_row(results))
    rows.append(comments_cpu_row(results))
    rows += query_rows(results)
    rows += comment_query_rows(results)
    rows += store_query_rows(results)
    rows += latency_rows(results)
    rows += write_rows(results)[:1]
    rows += newsletter_rows(results)
    rows += write_rows(results)[1:]
    rows.append(fresh_clone_row(results))
    return rows


# --- output --------------------------------------------------------------------

COLUMNS = (("figure", "figure"), ("value", "value"), ("baseline", "baseline (same run)"), ("ratio", "ratio"), ("goal", "goal"), ("status", "status"))


def _md_cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(results, rows):
    config, machine = results["config"], results["machine"]
    lines = [
        "# Chronicle benchmark report",
        "",
        f"{results['finished_at']} · commit `{machine['git_commit']}` · "
        f"{'**quick smoke run: short rounds, not for comparison** · ' if config['quick'] else ''}"
        f"{config['rounds']} rounds × {config['duration_s']} s per load figure · load generator: **{machine['load_generator']}** · "
        f"database: {machine['database']} · {config['sizes'][0]:,} / {config['sizes'][1]:,} articles"
        + (f", {config['products'][0]:,} / {config['products'][1]:,} products" if config.get("products") else "")
        + (f" · writes: **{machine['write_load_generator']}**" if machine.get("write_load_generator") else "")
        + f" · total {results['total_seconds']:.0f} s",
        "",
        "| " + " | ".join(title for _, title in COLUMNS) + " | note |",
        "| " + " | ".join("---" for _ in COLUMNS) + " | --- |",
    ]
    for r in rows:
        lines.append("| " + " | ".join(_md_cell(r[key]) for key, _ in COLUMNS) + f" | {_md_cell(r['note'])} |")
    lines += ["", "## Machine", "", "| | |", "| --- | --- |"]
    for key, value in machine.items():
        lines.append(f"| {key.replace('_', ' ')} | {_md_cell(value)} |")
    lines += ["", "## Method", ""] + [f"- {line}" for line in results["method"]]
    if results.get("warnings"):
        lines += ["", "## Warnings", ""] + [f"- {_md_cell(w)}" for w in results["warnings"]]
    return "\n".join(lines) + "\n"


def render_text(results, rows):
    widths = {key: max(len(title), *(len(str(r[key])) for r in rows)) for key, title in COLUMNS}
    widths["figure"] = min(widths["figure"], 70)

    def cut(text, width):
        text = str(text)
        return text if len(text) <= width else text[: width - 1] + "…"

    header = "  ".join(title.ljust(widths[key]) for key, title in COLUMNS)
    out = [header, "-" * len(header)]
    for r in rows:
        out.append("  ".join(cut(r[key], widths[key]).ljust(widths[key]) for key, _ in COLUMNS).rstrip())
    machine = results["machine"]
    out += ["", "machine: " + "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in machine.items())]
    for warning in results.get("warnings", []):
        out.append(f"warning: {warning}")
    out.append(f"written: {OUT_DIR / 'report.json'}, {OUT_DIR / 'report.md'}")
    return "\n".join(out)


def write(results, rows):
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    raw_keys = ("data", "store", "comments", "queries", "load", "writes", "fresh_clone", "page_cache", "static_file")
    document = {k: v for k, v in results.items() if k not in raw_keys}
    document["figures"] = rows
    document["raw"] = {k: results.get(k) for k in raw_keys}
    (OUT_DIR / "report.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    (OUT_DIR / "report.md").write_text(render_markdown(results, rows))
    return render_text(results, rows)
