"""The inbox list: status, topic, sender, subject, received; filters, search
and bulk actions."""

import pytest

from community.inbox.models import Message, Note, OutgoingEmail, Reply

LIST = "/admin/inbox/"


@pytest.fixture
def inbox(message_factory, topics):
    return {
        "flare": message_factory(subject="Flare question", name="Ana", email="ana@example.org", topic=topics["general"]),
        "order": message_factory(subject="Where is my order", name="Ben", email="ben@example.org", topic=topics["order"], order_number="CH-7"),
        "spam": message_factory(subject="Cheap pills", name="Spammer", email="spam@example.net", status="spam"),
        "done": message_factory(subject="Old thanks", name="Cleo", email="cleo@example.org", status="archived"),
    }


def test_list_shows_status_topic_sender_subject_and_received(admin_client, inbox):
    html = admin_client.get(LIST).content.decode()
    for header in ("Subject", "Status", "Topic", "Sender", "Received"):
        assert header in html
    assert "Flare question" in html and "Ana &lt;ana@example.org&gt;" in html and "Store order" in html
    assert "Add message" not in html  # messages only come from the contact page


def test_filter_by_status_and_topic(admin_client, inbox, topics):
    html = admin_client.get(LIST, {"status": "spam"}).content.decode()
    assert "Cheap pills" in html and "Flare question" not in html
    html = admin_client.get(LIST, {"topic": topics["order"].pk}).content.decode()
    assert "Where is my order" in html and "Flare question" not in html


def test_search_by_words_sender_or_order_number(admin_client, inbox):
    assert "Flare question" in admin_client.get(LIST, {"q": "flare"}).content.decode()
    html = admin_client.get(LIST, {"q": "ben@example.org"}).content.decode()
    assert "Where is my order" in html and "Flare question" not in html
    assert "Where is my order" in admin_client.get(LIST, {"q": "CH-7"}).content.decode()


def bulk(admin_client, action, messages, confirm=True):
    url = f"/admin/bulk/inbox/message/{action}/?next={LIST}&" + "&".join(f"id={message.pk}" for message in messages)
    page = admin_client.get(url)
    assert page.status_code == 200
    return admin_client.post(url) if confirm else page


@pytest.mark.parametrize("action,status", [("mark_read", "read"), ("archive", "archived"), ("spam", "spam")])
def test_bulk_status_changes(admin_client, inbox, action, status):
    chosen = [inbox["flare"], inbox["order"]]
    response = bulk(admin_client, action, chosen)
    assert response.status_code == 302
    assert set(Message.objects.filter(pk__in=[m.pk for m in chosen]).values_list("status", flat=True)) == {status}
    assert Message.objects.get(pk=inbox["done"].pk).status == "archived"  # untouched


def test_bulk_confirmation_lists_the_chosen_messages(admin_client, inbox):
    html = bulk(admin_client, "archive", [inbox["flare"]], confirm=False).content.decode()
    assert "Flare question" in html and "Where is my order" not in html


def test_bulk_delete_removes_messages_with_their_thread(admin_client, inbox, inbox_editor):
    target = inbox["spam"]
    Reply.objects.create(message=target, author=inbox_editor, body="No", submission_key="00000000-0000-0000-0000-000000000001")
    Note.objects.create(message=target, body="Spam")
    OutgoingEmail.objects.create(message=target, kind="ack")
    response = bulk(admin_client, "delete", [target, inbox["done"]])
    assert response.status_code == 302
    assert set(Message.objects.values_list("subject", flat=True)) == {"Flare question", "Where is my order"}
    assert not Reply.objects.exists() and not Note.objects.exists() and not OutgoingEmail.objects.exists()


def test_bulk_actions_need_the_matching_permission(django_user_model, inbox):
    from django.test import Client

    from .conftest import grant

    viewer = django_user_model.objects.create_user("vic", "vic@chronicle.test", "pw")
    grant(viewer, "wagtailadmin.access_admin", "inbox.view_message")
    client = Client()
    client.force_login(viewer)
    for action in ("archive", "delete"):
        client.post(f"/admin/bulk/inbox/message/{action}/?next={LIST}&id={inbox['flare'].pk}")
    assert Message.objects.get(pk=inbox["flare"].pk).status == "new"


def test_delete_one_message_from_its_page(admin_client, inbox):
    target = inbox["spam"]
    assert admin_client.get(f"/admin/inbox/delete/{target.pk}/").status_code == 200
    response = admin_client.post(f"/admin/inbox/delete/{target.pk}/")
    assert response.status_code == 302
    assert not Message.objects.filter(pk=target.pk).exists()
