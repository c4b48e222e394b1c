"""Journey 4, the visitor who writes to the team: home -> the footer's
"Write to us" -> the contact page -> name, email, topic, subject, message
and consent, all with the keyboard -> "Message sent" -> the acknowledgement
email. A second visitor picks the "Store order" topic, is asked for the
order number, gives it and sends. Then an editor signs in to the Wagtail
admin, sees "Inbox (2 new)" in the menu, opens the first message, starts a
reply from a canned reply, adds a line and sends it -> the reply arrives,
"Re: <subject>", threaded under the acknowledgement (In-Reply-To,
References), to the visitor -> the inbox lists the message as "Replied".

Email goes over real SMTP to the loopback sink (`smtp_sink`). The web
requests only store the message and queue its emails; the task worker sends
them, as on a real site: this journey uses the production task backend
(django_tasks_db) and runs the worker's own loop (`run_task_worker`) after
each step that queued mail."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from community.inbox.demo import load_demo
from community.inbox.models import Message, OutgoingEmail
from tests.e2e.helpers import (
    DATABASE_TASKS,
    log_in_to_admin,
    mail_text,
    press_enter,
    run_task_worker,
    type_into,
    urlpath,
    wait_for_mail,
    wait_out_form_timer,
)
from tests.factories import build_site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long, unguessable passphrase"
EDITOR = "ines@chronicle.test"
VISITOR = {"name": "Sam Reader", "email": "sam.reader@example.org", "subject": "Pacing and flares"}
VISITOR_MESSAGE = ["Since the weather turned, my flares last longer.", "Did pacing help anyone here through the winter?"]
BUYER = {"name": "Alex Buyer", "email": "alex.buyer@example.org", "subject": "My tote bag has not arrived", "order": "CHR-10427"}
SITE_ADDRESS = "hello@localhost"  # DEFAULT_FROM_EMAIL in the test settings
# The message view is Wagtail's page around our own markup
# (templates/inbox/admin/message.html): findings inside it fail the journey.
OUR_PART = ".inbox-message"


@pytest.fixture
def world(site_on_live_server, smtp_sink, settings):
    """The site with the inbox's demo content (topics, canned replies, the
    contact page linked from the footer), an editor in a group that may work
    the inbox, mail to the SMTP sink and tasks queued in the database."""
    settings.TASKS = DATABASE_TASKS
    build_site()
    load_demo()
    site_on_live_server()
    editor = get_user_model().objects.create_user(EDITOR, EDITOR, PASSWORD, first_name="Ines", last_name="Inbox", is_staff=True)
    team = Group.objects.create(name="Inbox team")
    team.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("view_message", "change_message", "delete_message"):
        team.permissions.add(Permission.objects.get(content_type__app_label="inbox", codename=codename))
    editor.groups.add(team)
    run_task_worker()  # whatever building the site queued (Wagtail's own index updates)
    return {"editor": editor, "sink": smtp_sink}


def choose(journey, select, option, from_top=False):
    """Tab to a <select> and move down its options with the arrow key until
    `option` is chosen, as a keyboard user does."""
    journey.tab_to(select, from_top=from_top)
    chosen = lambda: select.evaluate("el => el.selectedOptions[0] && el.selectedOptions[0].textContent.trim()")  # noqa: E731
    for _ in range(select.locator("option").count()):
        if chosen() == option:
            return
        select.page.keyboard.press("ArrowDown")
    assert chosen() == option, f"no option {option!r} (last chosen {chosen()!r})"


def open_contact_page(journey, page, name):
    journey.goto("/", page=page)
    journey.check_page(name, page=page)
    journey.tab_to(page.locator("footer").get_by_role("link", name="Write to us"))
    press_enter(page)
    assert page.locator("h1").inner_text() == "Contact us"


def fill_contact_form(journey, page, who, topic, message_lines):
    form = page.locator("main form")
    type_into(journey, form.get_by_label("Your name"), who["name"])
    type_into(journey, form.get_by_label("Your email address"), who["email"], from_top=False)
    choose(journey, form.get_by_label("Topic"), topic)
    type_into(journey, form.get_by_label("Subject"), who["subject"], from_top=False)
    journey.tab_to(form.get_by_role("textbox", name="Message", exact=True), from_top=False)
    for number, line in enumerate(message_lines):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def consent_and_send(journey, page):
    form = page.locator("main form")
    consent = form.get_by_role("checkbox", name=re.compile("I agree"))
    journey.tab_to(consent, from_top=False)
    if not consent.is_checked():
        page.keyboard.press("Space")
    assert consent.is_checked()
    journey.tab_to(form.get_by_role("button", name="Send message"), from_top=False)
    wait_out_form_timer(page)  # a person takes longer than the form's minimum; the journey is quicker
    press_enter(page)


def test_contact_journey(journey, world):
    sink, editor = world["sink"], world["editor"]
    visitor = journey.new_visitor()

    # --- a visitor writes from the contact page ------------------------------------
    open_contact_page(journey, visitor, "home")
    contact_path = urlpath(visitor.url)
    journey.check_page("contact", page=visitor)
    fill_contact_form(journey, visitor, VISITOR, "General question", VISITOR_MESSAGE)
    consent_and_send(journey, visitor)
    assert urlpath(visitor.url) == contact_path and "sent=1" in visitor.url, visitor.url
    assert visitor.locator("h1").inner_text() == "Message sent"
    journey.check_page("message-sent", page=visitor)

    message = Message.objects.get(email=VISITOR["email"])
    assert message.status == Message.Status.NEW
    assert message.body.splitlines() == VISITOR_MESSAGE  # (a textarea posts CRLF line breaks)
    assert sink.to(VISITOR["email"]) == [], "the request itself must only queue the email"

    # --- the acknowledgement arrives (and the team is told) ----------------------------
    run_task_worker()
    (acknowledgement,) = wait_for_mail(sink, VISITOR["email"])
    assert acknowledgement["Subject"] == "We received your message – Chronicle"
    assert acknowledgement["To"] == VISITOR["email"]
    assert SITE_ADDRESS in acknowledgement["From"]
    assert acknowledgement["Message-ID"] == message.mail_message_id
    text = mail_text(acknowledgement)
    assert "General question" in text
    assert VISITOR_MESSAGE[0] not in text and VISITOR["subject"] not in text, "the acknowledgement repeats nothing the visitor typed"
    (notification,) = wait_for_mail(sink, EDITOR)
    assert VISITOR["subject"] in notification["Subject"]
    assert f"/admin/inbox/{message.pk}/" in mail_text(notification)

    # --- a second visitor, about an order: asked for the order number ------------------
    buyer = journey.new_visitor()
    open_contact_page(journey, buyer, "home-2")
    journey.check_page("contact-2", page=buyer)
    fill_contact_form(journey, buyer, BUYER, "Store order", ["I ordered a tote bag three weeks ago and it has not come yet."])
    consent_and_send(journey, buyer)
    journey.check_page("contact-order-number-missing", page=buyer)
    order_number = buyer.locator("main form").get_by_label("Order number")
    assert order_number.get_attribute("aria-invalid") == "true"
    assert "Please give the order number" in buyer.locator("main").inner_text()
    assert not Message.objects.filter(email=BUYER["email"]).exists()
    type_into(journey, order_number, BUYER["order"])
    consent_and_send(journey, buyer)
    assert buyer.locator("h1").inner_text() == "Message sent"
    journey.check_page("message-sent-2", page=buyer)
    order_message = Message.objects.get(email=BUYER["email"])
    assert order_message.order_number == BUYER["order"] and order_message.topic.slug == "store-order"
    run_task_worker()
    wait_for_mail(sink, BUYER["email"])

    # --- an editor reads the message in the admin inbox ----------------------------------
    page = journey.page
    log_in_to_admin(journey, editor.username, PASSWORD)
    assert "2 new messages in the inbox" in page.locator("main").inner_text()
    journey.tab_to(page.get_by_role("link", name="Inbox (2 new)"))
    press_enter(page)
    assert urlpath(page.url) == "/admin/inbox/", page.url
    journey.check_page("admin-inbox")
    journey.tab_to(page.locator("main").get_by_role("link", name=VISITOR["subject"]))
    press_enter(page)
    assert urlpath(page.url) == f"/admin/inbox/{message.pk}/", page.url
    journey.check_page("admin-message", ours=OUR_PART)
    main = page.locator("main")
    assert all(line in main.inner_text() for line in VISITOR_MESSAGE)
    assert VISITOR["email"] in main.inner_text()
    message.refresh_from_db()
    assert message.status == Message.Status.READ, "opening a message marks it read"

    # --- and replies, starting from a canned reply ---------------------------------------
    choose(journey, main.get_by_label("Start from a canned reply"), "Thank you — general", from_top=True)
    journey.tab_to(main.get_by_role("button", name="Use this reply"), from_top=False)
    press_enter(page)
    journey.check_page("admin-message-canned-reply", ours=OUR_PART)
    reply_box = page.locator("main").get_by_label("Your reply")
    assert reply_box.input_value().startswith(f"Dear {VISITOR['name']},")
    personal = "Pacing helped me most on the good days, when it is hardest to slow down."
    journey.tab_to(reply_box, from_top=False)
    page.keyboard.press("Control+Home")
    for _ in range(2):
        page.keyboard.press("ArrowDown")
    page.keyboard.type(personal + "\n\n")
    journey.tab_to(page.locator("main").get_by_role("button", name="Send reply"), from_top=False)
    press_enter(page)
    assert urlpath(page.url) == f"/admin/inbox/{message.pk}/", page.url
    assert f"Your reply is on its way to {VISITOR['email']}" in page.locator("body").inner_text()
    journey.check_page("admin-message-replied", ours=OUR_PART)
    assert personal in page.locator("main").inner_text()

    # --- the reply arrives, threaded under the acknowledgement ----------------------------
    assert len(sink.to(VISITOR["email"])) == 1, "the reply is queued, then sent by the worker"
    run_task_worker()
    reply = wait_for_mail(sink, VISITOR["email"], count=2)[-1]
    assert reply["Subject"] == f"Re: {VISITOR['subject']}"
    assert reply["To"] == VISITOR["email"]
    assert SITE_ADDRESS in reply["From"]
    assert reply["In-Reply-To"] == acknowledgement["Message-ID"]
    assert acknowledgement["Message-ID"] in reply["References"].split()
    reply_text = mail_text(reply)
    assert reply_text.startswith(f"Dear {VISITOR['name']},")
    assert personal in reply_text
    assert "> " + VISITOR_MESSAGE[0] in reply_text
    outgoing = OutgoingEmail.objects.get(message=message, kind=OutgoingEmail.Kind.REPLY)
    assert outgoing.status == OutgoingEmail.Status.SENT

    # --- the inbox shows it replied (one message left unread) -----------------------------
    journey.tab_to(page.get_by_role("link", name="Inbox (1 new)"))
    press_enter(page)
    assert urlpath(page.url) == "/admin/inbox/", page.url
    journey.check_page("admin-inbox-after-reply")
    row = page.locator("main tbody tr").filter(has_text=VISITOR["subject"])
    assert re.search(r"\bReplied\b", row.text_content()), row.text_content()
    order_row = page.locator("main tbody tr").filter(has_text=BUYER["subject"])
    assert re.search(r"\bNew\b", order_row.text_content()), order_row.text_content()

    journey.finish()
