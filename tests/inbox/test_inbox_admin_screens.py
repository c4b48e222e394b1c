"""The admin screens editors use around the inbox render, and the inbox list
costs the same number of queries however many messages there are."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from community.inbox.models import CannedReply, ContactPage, Topic


@pytest.fixture
def superuser_client(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("root", "root@chronicle.test", "pw"))
    return client


def test_editors_can_create_a_contact_page_under_home(superuser_client, home):
    assert superuser_client.get(f"/admin/pages/add/inbox/contactpage/{home.pk}/").status_code == 200


def test_one_contact_page_per_site_and_it_can_be_edited(superuser_client, home, contact_page):
    assert not ContactPage.can_create_at(home)
    assert superuser_client.get(f"/admin/pages/add/inbox/contactpage/{home.pk}/").status_code == 302
    html = superuser_client.get(f"/admin/pages/{contact_page.pk}/edit/").content.decode()
    assert "Extra fields" in html and "Consent note" in html and "Thank you text" in html
    for mode in ("form", "landing"):
        assert superuser_client.get(f"/admin/pages/{contact_page.pk}/edit/preview/?mode={mode}").status_code in (200, 302)


def test_settings_topics_and_canned_replies_screens(superuser_client, home):
    site = Site.objects.get(is_default_site=True)
    assert superuser_client.get(f"/admin/settings/inbox/inboxsettings/{site.pk}/").status_code == 200
    Topic.objects.create(name="General", slug="general")
    CannedReply.objects.create(title="Thanks", body="Thank you, {name}.")
    assert "General" in superuser_client.get("/admin/snippets/inbox/topic/").content.decode()
    assert "Thanks" in superuser_client.get("/admin/snippets/inbox/cannedreply/").content.decode()
    assert superuser_client.get("/admin/snippets/inbox/topic/add/").status_code == 200


def test_superuser_sees_no_add_button_and_the_message_view(superuser_client, message_factory):
    message = message_factory(subject="Hello there")
    html = superuser_client.get("/admin/inbox/").content.decode()
    assert "Hello there" in html and "/admin/inbox/add/" not in html
    assert superuser_client.get("/admin/inbox/add/").status_code == 404
    assert "Hello there" in superuser_client.get(f"/admin/inbox/{message.pk}/").content.decode()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_inbox_list_query_count_does_not_grow_with_messages(admin_client, message_factory, topics):
    for _ in range(3):
        message_factory(topic=topics["general"])
    few = queries_for(admin_client, "/admin/inbox/")
    for _ in range(30):
        message_factory(topic=topics["order"])
    assert queries_for(admin_client, "/admin/inbox/") == few


def test_message_view_query_count_does_not_grow_with_the_thread(admin_client, message_factory, inbox_editor):
    from community.inbox.models import Note, OutgoingEmail, Reply

    message = message_factory(status="read")
    url = f"/admin/inbox/{message.pk}/"

    def add(count):
        for _ in range(count):
            reply = Reply.objects.create(message=message, author=inbox_editor, body="r", submission_key=__import__("uuid").uuid4())
            OutgoingEmail.objects.create(message=message, reply=reply, kind="reply", status="sent")
            Note.objects.create(message=message, author=inbox_editor, body="n")

    add(1)
    few = queries_for(admin_client, url)
    add(10)
    assert queries_for(admin_client, url) == few


def test_contact_page_is_a_page_type_of_its_own(contact_page):
    assert isinstance(contact_page.specific, ContactPage)


def test_message_view_labels_name_their_own_fields_and_times_are_valid_html(admin_client, message_factory, inbox_editor):
    """The reply and the note forms both have a "body": each gets ids of its
    own (a duplicate id made the note's label point at the reply box), and
    every <time datetime> is a valid HTML date and time (Django's "c" format
    has microseconds, which HTML refuses). Found by the browser journey."""
    import re
    import uuid

    from community.inbox.models import Note, Reply

    message = message_factory(status="read")
    Reply.objects.create(message=message, author=inbox_editor, body="r", submission_key=uuid.uuid4())
    Note.objects.create(message=message, author=inbox_editor, body="n")
    html = admin_client.get(f"/admin/inbox/{message.pk}/").content.decode()
    ours = html[html.index('class="inbox-message"') :]
    ids = re.findall(r'\sid="([^"]+)"', ours)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    for field_id, label in (("id_reply_body", "Your reply"), ("id_note_body", "Internal note")):
        assert re.search(rf'<label[^>]*for="{field_id}"[^>]*>\s*{label}', ours), field_id
        assert f'id="{field_id}"' in ours
    times = re.findall(r'<time datetime="([^"]+)"', ours)
    assert len(times) == 3
    for value in times:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:?\d\d)", value), value
