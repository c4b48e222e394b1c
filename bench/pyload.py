"""The Python load generator: the fallback when wrk is not installed.

Runs as its own process (never in the harness), so its CPU use is visible
and separate, like wrk's:

    python -m bench.pyload --url http://127.0.0.1:PORT/path --concurrency 16 \
        --duration 4 [--max-requests 200000] [--cache-bust]

`concurrency` threads each keep one HTTP/1.1 connection (reopened when the
server closes it, as gunicorn's sync workers do) and send GETs back to back
until `duration` seconds have passed or `max-requests` have been sent:
bounded in time and in count. Latency is measured per request from send to
last body byte. Prints one JSON line shaped like load.run_wrk's result:
    {"requests", "duration_s", "bytes", "errors": {...}, "latency_ms": {"p50", "p95", "p99", "mean", "max"}}
Threads share the GIL, so at high concurrency the figures include some
client-side queueing; the report names the generator used.
"""

import argparse
import http.client
import json
import math
import statistics
import threading
import time
from urllib.parse import urlsplit


def percentile(sorted_values, pct):
    """Nearest-rank percentile of an already sorted list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), math.ceil(pct / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


def run(url, concurrency, duration, max_requests=200_000, cache_bust=False):
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("pyload only sends traffic to loopback addresses")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    host_header = parts.netloc
    lock = threading.Lock()
    state = {"sent": 0}
    errors = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}
    latencies, byte_counts = [], []
    start = time.perf_counter()
    deadline = start + duration

    def worker(index):
        conn = None
        local_lat, local_bytes, sent = [], 0, 0
        while time.perf_counter() < deadline:
            with lock:
                if state["sent"] >= max_requests:
                    break
                state["sent"] += 1
                number = state["sent"]
            target = f"{path}{'&' if '?' in path else '?'}_bench={number}" if cache_bust else path
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=10)
                t0 = time.perf_counter()
                conn.request("GET", target, headers={"Host": host_header, "User-Agent": "chronicle-bench"})
                response = conn.getresponse()
                body = response.read()
                local_lat.append(time.perf_counter() - t0)
                local_bytes += len(body)
                sent += 1
                if response.status >= 400:
                    with lock:
                        errors["status"] += 1
                if response.will_close:
                    conn.close()
                    conn = None
            except TimeoutError:
                with lock:
                    errors["timeout"] += 1
                conn = _reset(conn)
            except ConnectionRefusedError:
                with lock:
                    errors["connect"] += 1
                conn = _reset(conn)
                time.sleep(0.01)
            except (OSError, http.client.HTTPException):
                with lock:
                    errors["read"] += 1
                conn = _reset(conn)
        _reset(conn)
        with lock:
            latencies.extend(local_lat)
            byte_counts.append(local_bytes)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + 30)
    elapsed = time.perf_counter() - start
    latencies.sort()
    ms = [value * 1000 for value in latencies]
    return {
        "requests": len(latencies),
        "duration_s": round(elapsed, 3),
        "bytes": sum(byte_counts),
        "errors": errors,
        "latency_ms": {
            "p50": round(percentile(ms, 50), 3),
            "p95": round(percentile(ms, 95), 3),
            "p99": round(percentile(ms, 99), 3),
            "mean": round(statistics.fmean(ms), 3) if ms else 0.0,
            "max": round(ms[-1], 3) if ms else 0.0,
        },
    }


def _reset(conn):
    if conn is not None:
        try:
            conn.close()
        except OSError:
            pass
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.pyload")
    parser.add_argument("--url", required=True)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--duration", type=float, default=4.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--cache-bust", action="store_true", help="add ?_bench=N so that no two requests share a URL")
    args = parser.parse_args(argv)
    if not 0 < args.duration <= 120:
        raise SystemExit("--duration must be between 0 and 120 seconds")
    print(json.dumps(run(args.url, args.concurrency, args.duration, args.max_requests, args.cache_bust)))


if __name__ == "__main__":
    main()
