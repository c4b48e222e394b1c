"""Only users with the inbox permission see messages."""

import pytest
from django.test import Client

from community.inbox.models import Message


@pytest.fixture
def message(message_factory):
    return message_factory(subject="Private: my diagnosis", name="Sam Reader")


def urls(message):
    return [
        "/admin/inbox/",
        "/admin/inbox/results/",
        f"/admin/inbox/{message.pk}/",
        f"/admin/inbox/delete/{message.pk}/",
        f"/admin/inbox/history/{message.pk}/",
        f"/admin/inbox/usage/{message.pk}/",
        f"/admin/bulk/inbox/message/mark_read/?next=/admin/inbox/&id={message.pk}",
        f"/admin/bulk/inbox/message/archive/?next=/admin/inbox/&id={message.pk}",
        f"/admin/bulk/inbox/message/spam/?next=/admin/inbox/&id={message.pk}",
        f"/admin/bulk/inbox/message/delete/?next=/admin/inbox/&id={message.pk}",
    ]


def test_an_editor_without_the_inbox_permission_gets_403_everywhere(plain_editor, message):
    client = Client()
    client.force_login(plain_editor)
    assert client.get("/admin/").status_code == 200  # a real editor…
    for url in urls(message):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"diagnosis" not in response.content
    for url in urls(message)[2:]:
        assert client.post(url, {"action": "status", "status": "spam"}).status_code == 403, url
    assert Message.objects.filter(pk=message.pk, status="new").exists()


def test_an_editor_without_the_permission_sees_no_inbox_menu_or_count(plain_editor, message):
    client = Client()
    client.force_login(plain_editor)
    html = client.get("/admin/").content.decode()
    assert "Inbox" not in html and "new messages in the inbox" not in html and "new message in the inbox" not in html


def test_messages_cannot_be_listed_through_a_snippet_chooser(plain_editor, message):
    client = Client()
    client.force_login(plain_editor)
    assert client.get("/admin/snippets/choose/inbox/message/").status_code == 404


def test_messages_are_not_listed_as_form_submissions(plain_editor, inbox_editor, contact_page, submit):
    submit()
    client = Client()
    client.force_login(inbox_editor)
    html = client.get("/admin/forms/").content.decode()
    assert "Contact us" not in html
    assert client.get(f"/admin/forms/submissions/{contact_page.pk}/").status_code in (403, 404, 302)


def test_anonymous_visitors_are_sent_to_the_login_page(message):
    response = Client().get(f"/admin/inbox/{message.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_viewer_can_read_but_not_act(django_user_model, message):
    from .conftest import grant

    viewer = django_user_model.objects.create_user("vic", "vic@chronicle.test", "pw")
    grant(viewer, "wagtailadmin.access_admin", "inbox.view_message")
    client = Client()
    client.force_login(viewer)
    page = client.get(f"/admin/inbox/{message.pk}/")
    assert page.status_code == 200 and "my diagnosis" in page.content.decode()
    assert "Send reply" not in page.content.decode()
    assert client.post(f"/admin/inbox/{message.pk}/", {"action": "status", "status": "spam"}).status_code == 403
    assert Message.objects.get(pk=message.pk).status == "new"


def test_the_inbox_team_sees_the_menu_with_the_unread_count(admin_client, message_factory):
    message_factory()
    message_factory()
    message_factory(status="read")
    html = admin_client.get("/admin/").content.decode()
    assert "Inbox (2 new)" in html
    assert "2</span> new messages in the inbox" in html
