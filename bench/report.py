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

NOT_YET = [
    ("comments_200_vs_0", "uncached article with 200 approved comments req/s ÷ same article with 0 comments", "≥ 1.0", "comments do not exist yet"),
    ("queries_article_comments", "SQL queries/request: article at 0 / 20 / 500 comments", "≤ 12, equal across sizes", "comments do not exist yet"),
    ("queries_store", "SQL queries/request: store and product pages at 5 / 200 products", "≤ 12, equal across sizes", "the store does not exist yet"),
    ("comment_post_rate", "comment POST: accepted comments/s at concurrency 8", "reported", "comments do not exist yet"),
    ("newsletter_fanout", "newsletter fan-out emails/s ÷ same messages over one SMTP connection (aiosmtpd sink)", "≥ 0.8", "the newsletter does not exist yet"),
    ("smtp_connections", "SMTP connections opened for one edition to 10,000 subscribers", "≤ 20", "the newsletter does not exist yet"),
    ("worker_rss", "worker peak RSS at 10,000 ÷ at 1,000 subscribers", "≤ 1.2", "the newsletter does not exist yet"),
    ("stripe", "Stripe: checkout sessions/s and webhooks handled/s against the local stand-in", "reported", "the store does not exist yet"),
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


def query_rows(results):
    rows = []
    queries = results.get("queries") or {}
    small, large = (str(size) for size in results["config"]["sizes"])
    for name, label in PAGES:
        few = (queries.get(small) or {}).get("pages", {}).get(name, {})
        many = (queries.get(large) or {}).get("pages", {}).get(name, {})
        for size, data, other in ((small, few, None), (large, many, few)):
            figure = f"SQL queries/request: {label} at {int(size):,} articles"
            if "queries" not in data:
                rows.append(row(f"queries_{name}_{size}", figure, goal=f"≤ {QUERY_GOAL}", status="error", note=data.get("error", "not measured")))
                continue
            count = data["queries"]
            note = "" if data.get("stable", True) else "count differed between two warm requests"
            if other is None:
                rows.append(row(f"queries_{name}_{size}", figure, str(count), goal=f"≤ {QUERY_GOAL}", status="pass" if count <= QUERY_GOAL else "fail", note=note))
                continue
            base_count = other.get("queries")
            equal = base_count == count
            ok = count <= QUERY_GOAL and equal
            if not equal:
                note = (note + "; " if note else "") + (f"grows with data: {base_count} at {int(small):,}" if base_count is not None else "no count at the small size")
            rows.append(row(
                f"queries_{name}_{size}", figure, str(count),
                f"{base_count} (at {int(small):,})" if base_count is not None else DASH,
                fmt_ratio(count / base_count) if base_count else DASH,
                f"≤ {QUERY_GOAL}, equal across sizes", "pass" if ok else "fail", note,
            ))  # fmt: skip
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
            rows.append(row(
                f"latency_{target}_c{concurrency}", figure,
                " / ".join(fmt(v, 1) for v in values) + " ms",
                " / ".join(fmt(v, 2) for v in bases) + " ms (static)",
                " / ".join(fmt(r, 0) if r and r >= 10 else fmt_ratio(r) for r in ratios),
                "reported", "reported", note,
            ))  # fmt: skip
    return rows


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
    rows.append(row(*NOT_YET[0][:2], goal=NOT_YET[0][2], status="not yet", note=NOT_YET[0][3]))
    rows += query_rows(results)
    rows += [row(i, f, goal=g, status="not yet", note=n) for i, f, g, n in NOT_YET[1:3]]
    rows += latency_rows(results)
    rows += [row(i, f, goal=g, status="not yet", note=n) for i, f, g, n in NOT_YET[3:]]
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
        f"database: {machine['database']} · {config['sizes'][0]:,} / {config['sizes'][1]:,} articles · total {results['total_seconds']:.0f} s",
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
    document = {k: v for k, v in results.items() if k not in ("load", "queries", "fresh_clone", "data")}
    document["figures"] = rows
    document["raw"] = {k: results.get(k) for k in ("data", "queries", "load", "fresh_clone", "page_cache", "static_file")}
    (OUT_DIR / "report.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    (OUT_DIR / "report.md").write_text(render_markdown(results, rows))
    return render_text(results, rows)
