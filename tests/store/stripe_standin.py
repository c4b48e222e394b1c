"""A local stand-in for Stripe's API, because Stripe's servers cannot be
reached from the test machines.

It is a real HTTP server on loopback (http.server in a thread, one thread per
request) that the real `stripe` SDK talks to through STRIPE_API_BASE. It
answers the Checkout Session calls the store makes — create, retrieve, list,
expire — with JSON shaped like Stripe's (tests/data/stripe/), honours
Idempotency-Key like Stripe does (same key, same answer), and records every
request it receives, headers included, so tests can check what was sent.

For the browser journeys it also plays Stripe's side of the shopper's visit:
a minimal hosted checkout page at the session's `url` path (/c/pay/<id>),
where paying completes the session, sends checkout.session.completed to
`webhook_url` signed like Stripe signs it, and redirects to success_url; and
`send_event()` for the events Stripe sends later."""

import copy
import html
import json
import re
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "stripe"
HOSTED_PAGE = re.compile(r"/c/pay/(cs_[A-Za-z0-9_]+)")
# What each way to pay on the hosted page leaves the session's payment_status
# at: a card is charged at once; a bank debit (Bacs, SEPA) clears days later
# (checkout.session.async_payment_succeeded then says so).
PAYMENT_METHODS = {"card": ("Pay by card", "paid"), "bacs_debit": ("Pay by bank debit", "unpaid")}


def load(name):
    return json.loads((DATA / name).read_text())


def parse_form(body):
    """Stripe's form encoding ("a[b][0][c]=v") back into dicts and lists."""
    root = {}
    for key, value in urllib.parse.parse_qsl(body, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+", key)
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    def listify(node):
        if isinstance(node, dict):
            node = {k: listify(v) for k, v in node.items()}
            if node and all(k.isdigit() for k in node):
                return [node[k] for k in sorted(node, key=int)]
        return node

    return listify(root)


class Recorded:
    def __init__(self, method, path, headers, params):
        self.method, self.path, self.headers, self.params = method, path, headers, params

    @property
    def idempotency_key(self):
        return self.headers.get("Idempotency-Key")

    def __repr__(self):
        return f"<{self.method} {self.path}>"


class StripeStandIn:
    def __init__(self):
        self.sessions = {}
        self.requests = []
        self.lock = threading.Lock()
        self._idempotent = {}
        self._failures = []
        self.delay = 0.0
        # Where the hosted page and send_event() deliver webhook events, and
        # the endpoint's signing secret (None: no events are sent).
        self.webhook_url = None
        self.webhook_secret = None
        self.deliveries = []  # (event type, object id, HTTP status the site answered)
        self._line_items = {}
        self._server = None
        self._thread = None

    # --- lifecycle -----------------------------------------------------------

    def start(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                standin._handle(self, "GET")

            def do_POST(self):
                standin._handle(self, "POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # --- what tests use ------------------------------------------------------

    def fail_next(self, status=400, error_type="invalid_request_error", message="Simulated failure"):
        """The next API request gets this error instead of an answer."""
        with self.lock:
            self._failures.append((status, {"error": {"type": error_type, "message": message}}))

    def created_sessions(self):
        return [request for request in self.requests if request.method == "POST" and request.path == "/v1/checkout/sessions"]

    def complete(self, session_id, payment_status="paid", payment_intent=None):
        """What happens on Stripe's page: the shopper enters address and card.
        Returns the session as the checkout.session.completed event carries it."""
        with self.lock:
            session = self.sessions[session_id]
            session.update(copy.deepcopy(load("completed_details.json")))
            session["status"] = "complete"
            session["payment_status"] = payment_status
            session["payment_intent"] = payment_intent or f"pi_test_{secrets.token_hex(8)}"
            return copy.deepcopy(session)

    def set_payment_status(self, session_id, payment_status):
        with self.lock:
            self.sessions[session_id]["payment_status"] = payment_status
            return copy.deepcopy(self.sessions[session_id])

    def expire(self, session_id):
        with self.lock:
            self.sessions[session_id]["status"] = "expired"
            return copy.deepcopy(self.sessions[session_id])

    def session(self, session_id):
        with self.lock:
            return copy.deepcopy(self.sessions[session_id])

    def send_event(self, event_type, obj):
        """Deliver an event to `webhook_url` as Stripe does: a POST with the raw
        JSON body and a Stripe-Signature header made with the SDK's signing
        scheme and `webhook_secret`. Returns the HTTP status the site answered."""
        from tests.store.stripe_events import event, sign  # (that module imports this one)

        body = json.dumps(event(event_type, obj))
        headers = {"Content-Type": "application/json; charset=utf-8", "Stripe-Signature": sign(body, self.webhook_secret), "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)"}
        request = urllib.request.Request(self.webhook_url, data=body.encode(), headers=headers, method="POST")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only, whatever the environment says
        try:
            with opener.open(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        with self.lock:
            self.deliveries.append((event_type, obj.get("id"), status))
        return status

    # --- the hosted checkout page ------------------------------------------------

    def _hosted_page(self, handler, method, session_id, params):
        """Stripe's hosted checkout page, reduced to what a shopper there does:
        see what they are paying for, and pay (PAYMENT_METHODS). Paying
        completes the session, sends checkout.session.completed to the
        webhook (when webhook_url is set) and redirects to success_url, as
        Stripe does."""
        with self.lock:
            session = copy.deepcopy(self.sessions.get(session_id))
            items = self._line_items.get(session_id, [])
        if session is None:
            return self._send_html(handler, 404, "Checkout not found", "<h1>Checkout not found</h1>")
        if session["status"] != "open":
            return self._send_html(handler, 200, "Checkout closed", "<h1>This checkout session is no longer active</h1>")
        if method == "POST" and params.get("method") in PAYMENT_METHODS:
            completed = self.complete(session_id, payment_status=PAYMENT_METHODS[params["method"]][1])
            if self.webhook_url:
                self.send_event("checkout.session.completed", completed)
            handler.send_response(303)
            handler.send_header("Location", session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id))
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return None
        currency = session["currency"].upper()
        rows = "".join(
            f"<li>{int(item['quantity'])} × {html.escape(item['price_data']['product_data']['name'])}: {int(item['price_data']['unit_amount']) * int(item['quantity']) / 100:.2f} {currency}</li>"
            for item in items
        )
        buttons = "".join(f'<button type="submit" name="method" value="{key}">{label}</button> ' for key, (label, _) in PAYMENT_METHODS.items())
        body = (
            f"<h1>Pay {session['amount_total'] / 100:.2f} {currency}</h1><p>Stripe test stand-in: nothing is charged.</p>"
            f'<ul>{rows}</ul><form method="post">{buttons}</form>'
        )
        return self._send_html(handler, 200, "Checkout", body)

    def _send_html(self, handler, status, title, body):
        page = f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title><link rel="icon" href="data:,"></head><body><main>{body}</main></body></html>'.encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(page)))
        handler.end_headers()
        handler.wfile.write(page)

    # --- the API -------------------------------------------------------------

    def _handle(self, handler, method):
        split = urllib.parse.urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length).decode() if length else ""
        params = parse_form(body if method == "POST" else split.query)
        headers = {key: value for key, value in handler.headers.items()}
        hosted = HOSTED_PAGE.fullmatch(split.path)
        if hosted:  # the shopper's browser, not the API: no key, not recorded
            return self._hosted_page(handler, method, hosted.group(1), params)
        with self.lock:
            self.requests.append(Recorded(method, split.path, headers, params))
            failure = self._failures.pop(0) if self._failures else None
        if self.delay:
            time.sleep(self.delay)
        if failure is not None:
            return self._send(handler, *failure)
        if not headers.get("Authorization", "").startswith("Bearer sk_"):
            return self._send(handler, 401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}})
        key = headers.get("Idempotency-Key") if method == "POST" else None
        if key:
            with self.lock:
                if key in self._idempotent:
                    return self._send(handler, *self._idempotent[key], replayed=True)
        status, payload = self._route(method, split.path, params)
        if key:
            with self.lock:
                self._idempotent[key] = (status, payload)
        return self._send(handler, status, payload)

    def _route(self, method, path, params):
        if path == "/v1/checkout/sessions" and method == "POST":
            return 200, self._create(params)
        if path == "/v1/checkout/sessions" and method == "GET":
            return 200, self._list(params)
        match = re.fullmatch(r"/v1/checkout/sessions/([A-Za-z0-9_]+)(/expire)?", path)
        if match:
            with self.lock:
                session = self.sessions.get(match.group(1))
                if session is None:
                    return 404, {"error": {"type": "invalid_request_error", "code": "resource_missing", "message": f"No such checkout.session: '{match.group(1)}'"}}
                if match.group(2) and method == "POST":
                    if session["status"] != "open":
                        return 400, {"error": {"type": "invalid_request_error", "message": f"Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \"{session['status']}\"."}}
                    session["status"] = "expired"
                return 200, copy.deepcopy(session)
        return 404, {"error": {"type": "invalid_request_error", "message": f"Unrecognized request URL ({method}: {path})."}}

    def _create(self, params):
        session = load("checkout_session.json")
        session_id = f"cs_test_{secrets.token_urlsafe(24).replace('-', 'a')}"
        items = params.get("line_items", [])
        total = sum(int(item["price_data"]["unit_amount"]) * int(item["quantity"]) for item in items)
        session.update(
            id=session_id,
            created=int(time.time()),
            amount_subtotal=total,
            amount_total=total,
            currency=items[0]["price_data"]["currency"] if items else "gbp",
            client_reference_id=params.get("client_reference_id"),
            customer_email=params.get("customer_email"),
            metadata=params.get("metadata", {}),
            success_url=params.get("success_url"),
            cancel_url=params.get("cancel_url"),
            expires_at=int(params.get("expires_at") or time.time() + 86400),
            shipping_address_collection=params.get("shipping_address_collection"),
            url=f"https://checkout.stripe.com/c/pay/{session_id}",
        )
        with self.lock:
            self.sessions[session_id] = session
            self._line_items[session_id] = items
        return copy.deepcopy(session)

    def _list(self, params):
        with self.lock:
            sessions = sorted(self.sessions.values(), key=lambda s: s["created"], reverse=True)
        if params.get("payment_intent"):
            sessions = [s for s in sessions if s.get("payment_intent") == params["payment_intent"]]
        gte = (params.get("created") or {}).get("gte") if isinstance(params.get("created"), dict) else None
        if gte:
            sessions = [s for s in sessions if s["created"] >= int(gte)]
        if params.get("starting_after"):
            ids = [s["id"] for s in sessions]
            after = params["starting_after"]
            sessions = sessions[ids.index(after) + 1 :] if after in ids else []
        limit = int(params.get("limit") or 10)
        return {"object": "list", "data": copy.deepcopy(sessions[:limit]), "has_more": len(sessions) > limit, "url": "/v1/checkout/sessions"}

    def _send(self, handler, status, payload, replayed=False):
        body = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Request-Id", f"req_{secrets.token_hex(7)}")
        if replayed:
            handler.send_header("Idempotent-Replayed", "true")
        handler.end_headers()
        handler.wfile.write(body)
