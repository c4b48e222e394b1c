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
