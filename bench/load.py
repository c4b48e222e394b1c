"""Load generation: wrk when it is installed, the Python generator otherwise.

Contracts:
- generator(prefer) -> "wrk" | "python": wrk if it is on PATH (and not
  refused with prefer="python").
- measure(url, concurrency, duration, tool, cache_bust=False) runs one bounded
  burst in a separate process and returns a flat dict:
      {"tool", "concurrency", "requests", "rps", "errors", "error_detail",
       "p50_ms", "p95_ms", "p99_ms", "mean_ms", "max_ms", "bytes"}
  rps counts completed responses of any status; errors counts connection
  errors, timeouts and HTTP statuses >= 400, which the report flags.
- settle(url) waits until the server has drained the requests a previous
  burst left queued (gunicorn's sync workers finish every accepted
  connection, even after the client has gone): two quick answers in a row
  from a static URL. Call it between bursts so that no burst pays for the
  one before.
- probe_page_cache(url) -> (hit: bool, evidence: str): the hook for the
  "cached article" figure. A page cache for anonymous readers is taken to be
  present when one of up to ten identical GETs says it was a cache hit:
  an X-Cache / X-Cache-Status / X-Page-Cache header containing "HIT", or an
  Age header above 0. (chronicle/page_cache.py sends `X-Page-Cache: hit`.)
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from bench import REPO
from bench.server import http_get

CACHE_HIT_HEADERS = ("x-cache", "x-cache-status", "x-page-cache")

# wrk's Lua hooks: a percentile summary as one JSON line (wrk --latency
# prints 50/75/90/99 only; the issue asks for p95), and optionally a unique
# query string per request so that a page cache can be bypassed.
WRK_DONE = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p95": %d, "p99": %d, "mean": %.1f, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max))
end
"""
WRK_CACHE_BUST = r"""
local counter = 0
local salt = tostring(math.random(1, 1000000000))
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "_bench=" .. salt .. "-" .. counter)
end
"""


def generator(prefer=None):
    if prefer == "python":
        return "python"
    if shutil.which("wrk"):
        return "wrk"
    if prefer == "wrk":
        raise SystemExit("--load-generator wrk asked for, but wrk is not installed (apt-get install -y wrk)")
    return "python"


def generator_version(tool):
    if tool != "wrk":
        return f"bench.pyload (threads + http.client, Python {sys.version.split()[0]})"
    try:
        out = subprocess.run(["wrk", "--version"], capture_output=True, text=True, timeout=10)
        first = (out.stdout or out.stderr).strip().splitlines()
        return first[0].split(" Copyright")[0] if first else "wrk"
    except (OSError, subprocess.TimeoutExpired):
        return "wrk"


def _flat(tool, concurrency, requests, seconds, nbytes, errors, p50, p95, p99, mean, maximum):
    return {
        "tool": tool,
        "concurrency": concurrency,
        "requests": requests,
        "rps": round(requests / seconds, 1) if seconds > 0 else 0.0,
        "errors": sum(errors.values()),
        "error_detail": errors,
        "p50_ms": round(p50, 3),
        "p95_ms": round(p95, 3),
        "p99_ms": round(p99, 3),
        "mean_ms": round(mean, 3),
        "max_ms": round(maximum, 3),
        "bytes": nbytes,
    }


def run_wrk(url, concurrency, duration, cache_bust=False):
    seconds = max(1, round(duration))
    threads = max(1, min(concurrency, 2))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write((WRK_CACHE_BUST if cache_bust else "") + WRK_DONE)
    try:
        out = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(concurrency), "-d", f"{seconds}s", "--timeout", "10s", "-s", script.name, url],
            capture_output=True, text=True, timeout=seconds + 60,
        )  # fmt: skip
    finally:
        os.unlink(script.name)
    line = next((row for row in out.stdout.splitlines() if row.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no summary (exit {out.returncode}): {out.stderr.strip() or out.stdout.strip()}")
    data = json.loads(line[len("BENCH_JSON ") :])
    lat = {key: value / 1000 for key, value in data["latency_us"].items()}
    return _flat("wrk", concurrency, data["requests"], data["duration_us"] / 1e6, data["bytes"], data["errors"], lat["p50"], lat["p95"], lat["p99"], lat["mean"], lat["max"])


def run_python(url, concurrency, duration, cache_bust=False):
    command = [sys.executable, "-m", "bench.pyload", "--url", url, "--concurrency", str(concurrency), "--duration", str(duration)]
    if cache_bust:
        command.append("--cache-bust")
    out = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, cwd=REPO)
    if out.returncode != 0:
        raise RuntimeError(f"bench.pyload failed (exit {out.returncode}): {out.stderr.strip()[-500:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    lat = data["latency_ms"]
    return _flat("python", concurrency, data["requests"], data["duration_s"], data["bytes"], data["errors"], lat["p50"], lat["p95"], lat["p99"], lat["mean"], lat["max"])


def measure(url, concurrency, duration, tool, cache_bust=False):
    runner = run_wrk if tool == "wrk" else run_python
    return runner(url, concurrency, duration, cache_bust=cache_bust)


def settle(url, timeout=15.0, quick_ms=50.0):
    """Seconds spent waiting (see the module docstring)."""
    started = time.monotonic()
    quick_in_a_row = 0
    while quick_in_a_row < 2 and time.monotonic() - started < timeout:
        t0 = time.perf_counter()
        try:
            http_get(url, timeout=timeout)
        except OSError:
            time.sleep(0.1)
            continue
        quick_in_a_row = quick_in_a_row + 1 if (time.perf_counter() - t0) * 1000 < quick_ms else 0
    return time.monotonic() - started


def cache_hit_evidence(headers):
    """The header that says a response came from a cache, or None.
    `headers` maps lower-cased names to values."""
    for name in CACHE_HIT_HEADERS:
        if "hit" in headers.get(name, "").lower():
            return f"{name}: {headers[name]}"
    age = headers.get("age", "").strip()
    if age.isdigit() and int(age) > 0:
        return f"age: {age}"
    return None


def probe_page_cache(url, attempts=10):
    """(hit, evidence): see the module docstring. Each gunicorn worker may
    keep its own cache (local memory), so one repeat can land on a worker
    that has not seen the URL yet: ask up to `attempts` times."""
    status = None
    for _ in range(attempts):
        status, headers, _ = http_get(url)
        evidence = cache_hit_evidence(headers)
        if evidence:
            return True, evidence
    return False, f"HTTP {status}; no {'/'.join(CACHE_HIT_HEADERS)} HIT or Age header in {attempts} identical GETs"
