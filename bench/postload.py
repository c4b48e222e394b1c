"""The write-load client: readers posting comments, shoppers checking out,
Stripe delivering webhooks. Like bench.pyload it runs as its own process
(never in the harness) and talks only to loopback addresses:

    python -m bench.postload SCENARIO --base http://127.0.0.1:PORT \
        --concurrency 8 --duration 3 [scenario options]

Scenarios (each thread is one client with its own cookies and connection):

  csrf      GET /csrf/ back to back: the cheapest request through the same
            middleware stack, the same client and the same concurrency —
            the baseline every write figure is divided by.
  comment   As a browser with script on: GET /csrf/ (token and cookie), GET
            the article and take the form's signed timing token, wait out
            the form's minimum time (--min-wait) once, outside the timed
            window, then POST comments back to back with that token, the CSRF
            token, an empty honeypot, a unique text, an address from --emails
            and, for about a third, a parent from --parents. An accepted
            comment is the 302 back to the article; anything else is counted
            by status (the first few bodies are kept for the report).
  checkout  A shopper per iteration: a fresh session, POST the add-to-cart
            form (--product, --variant), then POST "Check out", which creates
            the order and a Checkout Session on the stand-in and answers 303
            to checkout.stripe.com/... (not followed). One iteration is one
            Checkout Session; the checkout POST's own latency is reported too.
  webhook   POST the events in --events (a JSON list, from bench.shop events)
            as Stripe does: raw JSON body and a Stripe-Signature header made
            with --secret and the current time by the stripe SDK itself.
            Each event is sent once (--skip-events: sent by earlier bursts;
            --limit: at most this many now); the answer body says processed,
            duplicate or ignored. Stops early when the events run out: the
            rate is then over the time it took.
  standin   POST /v1/checkout/sessions straight to the stand-in (--base is
            the stand-in): how fast the stand-in alone answers, to show it
            is not what limits the checkout figure.

Timing starts when every thread has done its setup. Prints one JSON line:
    {"scenario", "concurrency", "duration_s", "ok", "rps", "statuses",
     "errors", "latency_ms": {"p50", "p95", "p99", "mean", "max"},
     "samples": [...], ...scenario extras}
`ok` counts what the scenario is for (accepted comments, sessions created,
events processed, 200s); rps = ok / duration_s."""

import argparse
import http.client
import json
import re
import secrets
import statistics
import threading
import time
import urllib.parse
from urllib.parse import urlsplit

from bench.pyload import percentile

FORM_TOKEN = re.compile(r'name="form_token"[^>]*\bvalue="([^"]+)"|value="([^"]+)"[^>]*name="form_token"')
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class Client:
    """One HTTP/1.1 connection with a cookie jar (gunicorn's sync workers
    close after each response; the connection is reopened as needed)."""

    def __init__(self, base):
        parts = urlsplit(base)
        if parts.hostname not in LOOPBACK:
            raise SystemExit("postload only sends traffic to loopback addresses")
        self.host, self.port, self.netloc = parts.hostname, parts.port or 80, parts.netloc
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.cookies = {}
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        headers = {"Host": self.netloc, "User-Agent": "chronicle-bench", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
                self.close()
                if attempt == 2:
                    raise
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""') or "max-age=0" in header.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        if response.will_close:
            self.close()
        return response.status, response, data

    def post_form(self, path, fields):
        body = urllib.parse.urlencode(fields)
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.origin})

    def csrf_token(self):
        status, _, data = self.request("GET", "/csrf/")
        if status != 200:
            raise RuntimeError(f"GET /csrf/ answered {status}")
        return json.loads(data)["token"]

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
        self.conn = None


class Run:
    """Shared counters for one burst."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ok = 0
        self.statuses = {}
        self.errors = {}
        self.latencies = []
        self.samples = []
        self.extra = {}

    def status(self, code, body=b""):
        with self.lock:
            self.statuses[str(code)] = self.statuses.get(str(code), 0) + 1
            if code >= 400 and len(self.samples) < 5:
                html = body.decode("utf-8", "replace")
                # A form page: its error messages say more than its first words.
                errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
                text = " | ".join(errors) if errors else html
                text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
                self.samples.append(f"{code}: {text.strip()[:300]}")

    def error(self, exc):
        with self.lock:
            name = type(exc).__name__
            self.errors[name] = self.errors.get(name, 0) + 1
            if len(self.samples) < 5:
                self.samples.append(f"{name}: {exc}"[:300])


# --- scenarios ------------------------------------------------------------------
# Each is (setup(client, args, index) -> state, step(client, args, state, run, index) -> None).


def csrf_setup(client, args, index):
    return None


def csrf_step(client, args, state, run, index):
    t0 = time.perf_counter()
    status, _, data = client.request("GET", "/csrf/")
    run.latencies.append(time.perf_counter() - t0)
    run.status(status, data)
    if status == 200:
        with run.lock:
            run.ok += 1


def comment_setup(client, args, index):
    token = client.csrf_token()
    status, _, html = client.request("GET", args.article)
    match = FORM_TOKEN.search(html.decode("utf-8", "replace")) if status == 200 else None
    if match is None:
        raise RuntimeError(f"no comment form on {args.article} (HTTP {status})")
    return {"csrf": token, "form_token": match.group(1) or match.group(2), "fetched": time.time(), "sent": 0, "ids": []}


def comment_step(client, args, state, run, index):
    state["sent"] += 1
    number = state["sent"]
    email = args.emails[(index * 7 + number) % len(args.emails)]
    fields = {
        "csrfmiddlewaretoken": state["csrf"],
        "form_token": state["form_token"],
        "homepage": "",
        "name": email.split("@")[0].replace(".", " ").title()[:60],
        "email": email,
        "url": "",
        "text": (
            f"{args.marker} {args.nonce}-{index}-{number}: Heat helps me too, especially in the evening. "
            "I keep a wheat bag by the sofa and use it before I try to stretch, and I pace the afternoon around it."
        ),
    }
    if args.parents and number % 3 == 0:
        fields["parent"] = str(args.parents[(index + number) % len(args.parents)])
    t0 = time.perf_counter()
    status, response, data = client.post_form(args.post, fields)
    run.latencies.append(time.perf_counter() - t0)
    run.status(status, data)
    if status in (302, 303):
        location = response.getheader("Location", "")
        with run.lock:
            run.ok += 1
            if "#comment-" in location:
                run.extra.setdefault("comment_ids", []).append(int(location.rsplit("-", 1)[1]))


def checkout_setup(client, args, index):
    return {"csrf": client.csrf_token()}


def checkout_step(client, args, state, run, index):
    client.cookies = {k: v for k, v in client.cookies.items() if k == "csrftoken"}  # a new shopper, same browser
    fields = {"csrfmiddlewaretoken": state["csrf"], "product": args.product, "variant": args.variant, "quantity": "1"}
    status, _, data = client.post_form("/shop/cart/add/", fields)
    if status not in (302, 303):
        run.status(status, data)
        return
    t0 = time.perf_counter()
    status, response, data = client.post_form("/shop/checkout/", {"csrfmiddlewaretoken": state["csrf"]})
    run.latencies.append(time.perf_counter() - t0)
    run.status(status, data)
    location = response.getheader("Location", "")
    if status == 303 and location.startswith("https://checkout.stripe.com/"):
        with run.lock:
            run.ok += 1
    elif len(run.samples) < 5:
        with run.lock:
            run.samples.append(f"checkout answered {status} to {location[:120]}")


def webhook_setup(client, args, index):
    import stripe

    return {"sign": stripe.WebhookSignature.generate_signature_header}


def webhook_step(client, args, state, run, index):
    with run.lock:
        if not args.queue:
            run.extra["ran_out"] = True
            raise StopIteration
        body = args.queue.pop()
    headers = {"Content-Type": "application/json; charset=utf-8", "Stripe-Signature": state["sign"](body, args.secret)}
    t0 = time.perf_counter()
    status, _, data = client.request("POST", "/shop/stripe/webhook/", body.encode(), headers)
    run.latencies.append(time.perf_counter() - t0)
    run.status(status, data)
    if status == 200:
        outcome = data.decode().strip()
        with run.lock:
            run.extra[outcome] = run.extra.get(outcome, 0) + 1
            if outcome == "processed":
                run.ok += 1


def standin_setup(client, args, index):
    return {"sent": 0}


def standin_step(client, args, state, run, index):
    state["sent"] += 1
    fields = {
        "mode": "payment",
        "line_items[0][quantity]": "1",
        "line_items[0][price_data][currency]": "gbp",
        "line_items[0][price_data][unit_amount]": "1200",
        "line_items[0][price_data][product_data][name]": "Spoonie mug — Mug",
        "success_url": "http://127.0.0.1/shop/checkout/success/?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "http://127.0.0.1/shop/checkout/cancel/",
    }
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Authorization": f"Bearer {args.secret_key}",
        "Idempotency-Key": f"bench-{args.marker}-{index}-{state['sent']}",
    }
    t0 = time.perf_counter()
    status, _, data = client.request("POST", "/v1/checkout/sessions", urllib.parse.urlencode(fields), headers)
    run.latencies.append(time.perf_counter() - t0)
    run.status(status, data)
    if status == 200:
        with run.lock:
            run.ok += 1


SCENARIOS = {
    "csrf": (csrf_setup, csrf_step),
    "comment": (comment_setup, comment_step),
    "checkout": (checkout_setup, checkout_step),
    "webhook": (webhook_setup, webhook_step),
    "standin": (standin_setup, standin_step),
}


def run(args):
    setup, step = SCENARIOS[args.scenario]
    result = Run()
    ready = threading.Barrier(args.concurrency + 1)
    go = threading.Event()
    states = [None] * args.concurrency
    clock = {}

    def worker(index):
        client = Client(args.base)
        try:
            states[index] = setup(client, args, index)
        except Exception as exc:  # noqa: BLE001 - reported, the thread sits the burst out
            result.error(exc)
        ready.wait()
        go.wait()
        if states[index] is None and args.scenario != "csrf":
            return
        deadline = clock["deadline"]
        while time.perf_counter() < deadline:
            try:
                step(client, args, states[index], result, index)
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - connection errors and the like are counted
                result.error(exc)
                client.close()
                time.sleep(0.01)
        client.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(args.concurrency)]
    for thread in threads:
        thread.start()
    ready.wait()  # every client has its tokens
    if args.min_wait:
        # The form's timing token must be at least this old: wait once,
        # outside the timed window, as a reader typing would.
        time.sleep(args.min_wait)
    started = time.perf_counter()
    clock["deadline"] = started + args.duration
    go.set()
    for thread in threads:
        thread.join(args.duration + 60)
    elapsed = time.perf_counter() - started
    ms = sorted(value * 1000 for value in result.latencies)
    out = {
        "scenario": args.scenario,
        "concurrency": args.concurrency,
        "duration_s": round(elapsed, 3),
        "ok": result.ok,
        "rps": round(result.ok / elapsed, 1) if elapsed > 0 else 0.0,
        "requests": len(ms),
        "statuses": result.statuses,
        "errors": result.errors,
        "latency_ms": {
            "p50": round(percentile(ms, 50), 3),
            "p95": round(percentile(ms, 95), 3),
            "p99": round(percentile(ms, 99), 3),
            "mean": round(statistics.fmean(ms), 3) if ms else 0.0,
            "max": round(ms[-1], 3) if ms else 0.0,
        },
        "samples": result.samples,
    }
    extra = dict(result.extra)
    ids = extra.pop("comment_ids", None)
    if ids is not None:
        out["comment_ids"] = {"count": len(ids), "distinct": len(set(ids))}
    if args.scenario == "webhook":
        out["events_left"] = len(args.queue)
        out["sent"] = args.queue_size - len(args.queue)
    out.update(extra)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.postload")
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=3.0)
    parser.add_argument("--article", help="comment: the article's path")
    parser.add_argument("--post", help="comment: the form's action, /comments/post/<id>/")
    parser.add_argument("--emails", default="[]", help="comment: JSON list of addresses to post as")
    parser.add_argument("--parents", default="[]", help="comment: JSON list of approved comment ids to reply to")
    parser.add_argument("--min-wait", type=float, default=0.0, help="comment: seconds the timing token must age before the first POST")
    parser.add_argument("--marker", default="bench", help="a word put in every comment text / idempotency key, to find them afterwards")
    parser.add_argument("--product", help="checkout: product page id")
    parser.add_argument("--variant", help="checkout: variant id")
    parser.add_argument("--events", help="webhook: JSON file with a list of event payloads")
    parser.add_argument("--skip-events", type=int, default=0, help="webhook: events already sent by earlier bursts")
    parser.add_argument("--limit", type=int, default=0, help="webhook: send at most this many events (0: all that are left)")
    parser.add_argument("--secret", help="webhook: the endpoint's signing secret")
    parser.add_argument("--secret-key", default="sk_test_bench_standin", help="standin: API key")
    args = parser.parse_args(argv)
    if not 1 <= args.concurrency <= 64 or not 0 < args.duration <= 120:
        raise SystemExit("--concurrency 1..64 and --duration 0..120 s")
    args.nonce = secrets.token_hex(4)  # texts differ between bursts too: the site refuses duplicates
    args.emails = json.loads(args.emails)
    args.parents = json.loads(args.parents)
    if args.scenario == "comment" and not (args.article and args.post and args.emails):
        raise SystemExit("comment needs --article, --post and --emails")
    if args.scenario == "checkout" and not (args.product and args.variant):
        raise SystemExit("checkout needs --product and --variant")
    if args.scenario == "webhook":
        if not (args.events and args.secret):
            raise SystemExit("webhook needs --events and --secret")
        with open(args.events) as handle:
            payloads = json.load(handle)[args.skip_events :]
        payloads = payloads[: args.limit] if args.limit else payloads
        args.queue_size = len(payloads)
        args.queue = [json.dumps(payload) for payload in reversed(payloads)]  # pop() takes them in order
    print(json.dumps(run(args)))


if __name__ == "__main__":
    main()
