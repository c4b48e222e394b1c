"""Journey 3, the subscriber: subscribe from the footer -> "check your inbox"
-> the confirmation email's link -> "you're subscribed" (and a welcome
email); an editor publishes an article in the Wagtail admin -> the
subscriber's email arrives, with the article and RFC 8058 headers -> its
unsubscribe link shows a button (the GET changes nothing) -> the button
unsubscribes. A second reader, who subscribed at /newsletter/, leaves with
their mail program's one-click POST (RFC 8058: no cookie, no CSRF token).
After both have left, another article is published and nobody gets it.

Email goes over real SMTP to the loopback sink (`smtp_sink`), and is read
from there. The web requests only queue mail; it is sent by the task worker,
as on a real site: this journey switches to the production task backend
(django_tasks_db) and runs the worker's own loop (`run_task_worker`, what
`manage.py db_worker --batch` runs) after each step that queued something.
(With the test settings' ImmediateBackend the send would happen inside the
publishing request instead, and the queue, the edition's preparation and
its batched sending would not be walked as they run in production.)

The first article is published by the editor in the browser (log in, open
the draft, More actions -> Publish), since publishing is what sets the
newsletter off. The second is published through Wagtail's API
(`revision.publish()`, what scheduled publishing calls): the admin's
publishing UI has been walked once already, here and in the editor journey,
and only its effect on the newsletter matters the second time."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsletter.models import Edition, Subscriber
from tests.e2e.helpers import (
    DATABASE_TASKS,
    let_autosave_settle,
    link_in_mail,
    log_in_to_admin,
    mail_text,
    press_enter,
    run_task_worker,
    type_into,
    urlpath,
    wait_for_mail,
)
from tests.factories import build_site, make_article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long, unguessable passphrase"
READER = "sam.reader@example.org"  # subscribes from the footer, leaves with the button
MAIL_CLIENT_READER = "alex.reader@example.org"  # subscribes at /newsletter/, leaves with one click
ARTICLE = {"title": "Pacing on a good day", "intro": "Why the best days are the ones to take slowly."}
LATER_ARTICLE = {"title": "Heat pads, compared", "intro": "Five heat pads, tried on sore backs."}


@pytest.fixture
def world(site_on_live_server, smtp_sink, settings):
    """An empty blog with one draft article, a staff member in Wagtail's
    "Moderators" group (may publish), mail to the SMTP sink and tasks
    queued in the database."""
    settings.TASKS = DATABASE_TASKS
    home, blog = build_site()
    draft = make_article(blog, publish=False, **ARTICLE)
    site_on_live_server()
    email = "robin@example.com"
    editor = get_user_model().objects.create_user(email, email, PASSWORD, first_name="Robin", is_staff=True)
    editor.groups.add(Group.objects.get(name="Moderators"))
    run_task_worker()  # whatever building the site queued (Wagtail's own index updates)
    return {"blog": blog, "draft": draft, "editor": editor, "sink": smtp_sink}


def subscriber(email):
    return Subscriber.objects.get(email=email)


def confirm_by_email(journey, page, sink, address, name):
    """The worker sends the confirmation; its link, opened in the browser,
    confirms; the worker then sends the welcome. Returns the welcome email."""
    assert sink.to(address) == [], "the subscribe request itself must only queue the email"
    run_task_worker()
    (confirmation,) = wait_for_mail(sink, address)
    assert confirmation["Subject"] == "Please confirm your subscription to Chronicle"
    assert confirmation["To"] == address
    link = link_in_mail(confirmation, "/newsletter/confirm/")
    assert link.startswith(journey.base_url + "/"), link
    assert subscriber(address).status == Subscriber.Status.PENDING

    journey.goto(link, page=page)
    assert page.locator("h1").inner_text() == "You’re subscribed"
    journey.check_page(name, page=page)
    assert subscriber(address).status == Subscriber.Status.CONFIRMED

    run_task_worker()
    confirmation_again, welcome = wait_for_mail(sink, address, count=2)
    assert welcome["Subject"] == "Welcome to Chronicle"
    assert "/newsletter/unsubscribe/" in welcome["List-Unsubscribe"]
    return welcome


def publish_in_admin(journey, draft, blog):
    """The editor opens the draft and publishes it from the editor's footer."""
    page = journey.page
    journey.goto(f"/admin/pages/{draft.id}/edit/")
    journey.check_page("admin-edit-draft")
    let_autosave_settle(page)
    journey.tab_to(page.locator("footer").get_by_role("button", name="More actions"))
    page.keyboard.press("Enter")
    journey.tab_to(page.locator("footer").get_by_role("button", name="Publish", exact=True), from_top=False, max_tabs=10)
    press_enter(page)
    assert urlpath(page.url) == f"/admin/pages/{blog.id}/", page.url
    journey.check_page("admin-after-publishing")


def unsubscribe_header_url(message):
    value = message["List-Unsubscribe"]
    match = re.fullmatch(r"<(https?://[^>]+)>", value.strip())
    assert match, f"List-Unsubscribe is not one <https URL>: {value!r}"
    return match.group(1)


def test_subscriber_journey(journey, world):
    sink, blog, draft = world["sink"], world["blog"], world["draft"]
    reader = journey.new_visitor()

    # --- subscribe from the footer, with the keyboard ----------------------------
    journey.goto("/", page=reader)
    journey.check_page("home", page=reader)
    footer_box = reader.locator("footer form.subscribe-form")
    type_into(journey, footer_box.get_by_label("Your email address"), READER)
    journey.tab_to(footer_box.get_by_role("button", name="Subscribe"), from_top=False)
    press_enter(reader)
    assert urlpath(reader.url) == "/newsletter/check-your-inbox/", reader.url
    assert reader.locator("h1").inner_text() == "Check your inbox"
    journey.check_page("check-your-inbox", page=reader)
    assert subscriber(READER).source == Subscriber.Source.FOOTER

    confirm_by_email(journey, reader, sink, READER, "subscribed")

    # --- a second reader subscribes at /newsletter/ --------------------------------
    other = journey.new_visitor()
    journey.goto("/newsletter/", page=other)
    journey.check_page("subscribe-page", page=other)
    type_into(journey, other.locator("main").get_by_label("Your email address"), MAIL_CLIENT_READER)
    journey.tab_to(other.locator("main").get_by_role("button", name="Subscribe"), from_top=False)
    press_enter(other)
    assert urlpath(other.url) == "/newsletter/check-your-inbox/", other.url
    journey.check_page("check-your-inbox-2", page=other)
    confirm_by_email(journey, other, sink, MAIL_CLIENT_READER, "subscribed-2")

    # --- an editor publishes an article -------------------------------------------
    log_in_to_admin(journey, world["editor"].username, PASSWORD)
    publish_in_admin(journey, draft, blog)
    edition = Edition.objects.get(page=draft)
    assert edition.status == Edition.Status.QUEUED, "publishing queues the edition; the worker sends it"
    assert len(sink.to(READER)) == 2
    run_task_worker()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DONE, edition.note
    assert edition.progress()["sent"] == 2 and edition.total == 2

    # --- the edition arrives ----------------------------------------------------------
    post = wait_for_mail(sink, READER, count=3)[-1]
    assert post["Subject"] == ARTICLE["title"]
    assert post["To"] == READER
    assert post["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header_url = unsubscribe_header_url(post)
    assert header_url.startswith(journey.base_url + "/newsletter/unsubscribe/"), header_url
    text = mail_text(post)
    assert ARTICLE["intro"] in text
    article_url = journey.base_url + urlpath(draft.get_url())
    assert article_url in text
    assert ARTICLE["title"] in post.get_body(preferencelist=("html",)).get_content()

    # The article link works.
    journey.goto(link_in_mail(post, urlpath(draft.get_url())), page=reader)
    assert reader.locator("h1").inner_text() == ARTICLE["title"]
    journey.check_page("article-from-email", page=reader)

    # --- the unsubscribe link in the body: a button; the GET changes nothing ------------
    body_url = link_in_mail(post, "/newsletter/unsubscribe/")
    assert body_url == header_url
    journey.goto(body_url, page=reader)
    assert reader.locator("h1").inner_text() == "Unsubscribe"
    journey.check_page("unsubscribe", page=reader)
    assert subscriber(READER).status == Subscriber.Status.CONFIRMED, "opening the link must not unsubscribe"
    journey.tab_to(reader.locator("main").get_by_role("button", name="Unsubscribe"))
    press_enter(reader)
    assert reader.locator("h1").inner_text() == "You’re unsubscribed"
    journey.check_page("unsubscribed", page=reader)
    assert subscriber(READER).status == Subscriber.Status.UNSUBSCRIBED

    # --- the other reader's mail program: RFC 8058 one-click ------------------------------
    other_post = wait_for_mail(sink, MAIL_CLIENT_READER, count=3)[-1]
    assert other_post["Subject"] == ARTICLE["title"]
    assert other_post["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mail_program = journey.new_visitor()  # no cookies, so no CSRF token either
    assert mail_program.context.cookies() == []
    response = mail_program.request.post(
        unsubscribe_header_url(other_post),
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        max_redirects=0,
    )
    assert response.status == 200, response.status
    assert subscriber(MAIL_CLIENT_READER).status == Subscriber.Status.UNSUBSCRIBED

    # --- nobody who left gets the next article ---------------------------------------------
    received = {address: len(sink.to(address)) for address in (READER, MAIL_CLIENT_READER)}
    later = make_article(blog, **LATER_ARTICLE)
    run_task_worker()
    later_edition = Edition.objects.get(page=later)
    assert later_edition.status == Edition.Status.DONE and later_edition.total == 0
    assert {address: len(sink.to(address)) for address in received} == received
    assert not [message for message in sink.messages if message["Subject"] == LATER_ARTICLE["title"]]

    journey.finish()
