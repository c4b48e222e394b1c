"""What the journeys share: keyboard steps and the Wagtail admin sign-in.

Every journey drives the site with the keyboard (see README.md); these are the
steps more than one journey takes."""

import re

# Wagtail 8 autosaves an editor form this long after the last change.
AUTOSAVE_DEBOUNCE_MS = 500


def urlpath(url):
    """The path of a URL, without host or query: what assertions compare."""
    return re.sub(r"^https?://[^/]+", "", url).split("?")[0]


def press_enter(page):
    """Enter on the focused control, which must submit a form or follow a
    link; returns once the new document has loaded.

    Waits for the new document's load event, not for "a navigation":
    Playwright also counts a history.replaceState as one, and Wagtail's
    autosave makes one."""
    with page.expect_event("load"):
        page.keyboard.press("Enter")


def type_into(journey, locator, text, from_top=True):
    """Tab to a field, then type into it."""
    journey.tab_to(locator, from_top=from_top)
    locator.page.keyboard.type(text)


def let_autosave_settle(page):
    """Wait, as a person would, until a Wagtail editor's autosave shows "Saved".

    Each autosave re-renders the editor's action buttons, and the first one on
    a new page creates the page and moves the form to its edit URL: Enter on a
    button that is being replaced does nothing. So a journey lets the last
    change's autosave finish before it opens a menu or presses a button."""
    page.wait_for_timeout(AUTOSAVE_DEBOUNCE_MS * 2)
    page.wait_for_function(
        "() => { const el = document.getElementById('w-autosave-indicator');"
        " return !el || el.dataset.wAutosaveStateValue !== 'saving'; }"
    )


def log_in_to_admin(journey, username, password):
    """Sign in to the Wagtail admin with the keyboard; lands on the dashboard."""
    page = journey.page
    journey.goto("/admin/login/")
    journey.check_page("admin-login")
    type_into(journey, page.locator("#id_username"), username)
    type_into(journey, page.locator("#id_password"), password, from_top=False)
    press_enter(page)
    assert urlpath(page.url) == "/admin/", f"login failed: still at {page.url}"
    journey.check_page("admin-dashboard")


# --- email and the task worker: journeys that follow what the site mails -------

# The production task backend. With it (`settings.TASKS = DATABASE_TASKS`),
# what a request queues (emails, newsletter editions) waits in the database,
# as on a real site, until `run_task_worker()` runs it.
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_task_worker():
    """Do what the task worker (`manage.py db_worker`) does: run every task
    that is ready, in this process, until none is (the command's own loop in
    its --batch mode, without its signal handlers). Fails if a task failed.
    Tasks deferred to later (retries) stay queued, as they would."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="e2e-worker", excluded_queue_names=[],
    ).run()
    failed = [f"{result.task_path}: {result.traceback}" for result in DBTaskResult.objects.failed()]
    assert not failed, "tasks failed in the worker:\n" + "\n".join(failed)


def wait_for_mail(sink, address, count=1, timeout=20):
    """The messages the SMTP sink (tests/smtp.py) has received for
    `address`, oldest first, once there are at least `count` of them."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        received = sink.to(address)
        if len(received) >= count:
            return received
        assert time.monotonic() < deadline, f"{len(received)} email(s) for {address} after {timeout} s, expected {count}: {[m['Subject'] for m in received]}"
        time.sleep(0.05)


def mail_text(message):
    """The plain-text part of an email from the sink, as its reader sees it."""
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in_mail(message, path_part):
    """The first link in an email's plain text whose URL contains `path_part`."""
    match = re.search(r"https?://\S*" + re.escape(path_part) + r"\S*", mail_text(message))
    assert match, f"no link with {path_part!r} in the email {message['Subject']!r}:\n{mail_text(message)}"
    return match.group(0)


def wait_out_form_timer(page, seconds=None):
    """Wait until the page has been open as long as the spam-protected forms
    (comments, contact) require before they accept a post
    (community.antispam.SpamProtectedForm.min_seconds, plus half a second
    for the server's whole-second clock). A condition, not a sleep: the
    page's own clock, counted from the first byte of the page (the form's
    timing token was signed before it: on a busy machine the request and
    the render can take a while); usually already true after `check_page`."""
    from community.antispam import SpamProtectedForm

    wait_ms = ((SpamProtectedForm.min_seconds if seconds is None else seconds) + 0.5) * 1000
    page.wait_for_function(
        "wait => { const [nav] = performance.getEntriesByType('navigation');"
        " return performance.now() - (nav ? nav.responseStart : 0) > wait; }",
        arg=wait_ms,
    )
