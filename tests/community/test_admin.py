"""Editors moderate in the Wagtail admin: queue, filters, bulk actions, replies."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from community.models import Comment


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw", is_staff=True, first_name="Erin", last_name="Editor")
    group = Group.objects.create(name="Comment moderators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_comment", "change_comment", "delete_comment", "view_comment"):
        group.permissions.add(Permission.objects.get(content_type__app_label="community", codename=codename))
    user.groups.add(group)
    return user


@pytest.fixture
def admin_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def queue(article):
    return [
        Comment.objects.create(page=article, name=f"Reader {n}", email=f"r{n}@example.org", text=f"Pending words {n}", status=Comment.Status.PENDING)
        for n in range(3)
    ] + [Comment.objects.create(page=article, name="Spammer", email="s@spam.example", text="cheap pills", status=Comment.Status.SPAM)]


LIST_URL = "/admin/snippets/community/comment/"


def test_queue_filters_by_status_and_searches(admin_client, queue):
    html = admin_client.get(LIST_URL, {"status": "pending"}).content.decode()
    assert "Pending words 0" in html and "cheap pills" not in html
    html = admin_client.get(LIST_URL, {"q": "pills"}).content.decode()
    assert "cheap pills" in html and "Pending words" not in html
    html = admin_client.get(LIST_URL, {"q": "r1@example.org"}).content.decode()
    assert "Pending words 1" in html and "Pending words 2" not in html


def test_bulk_approve_publishes_the_selected_comments(admin_client, article, queue):
    ids = [queue[0].pk, queue[1].pk]
    url = f"/admin/bulk/community/comment/approve/?next={LIST_URL}&" + "&".join(f"id={pk}" for pk in ids)
    confirm = admin_client.get(url).content.decode()
    assert "Mark 2 comments as <strong>approved</strong>?" in confirm
    assert "Reader 0: Pending words 0" in confirm and "Pending words 2" not in confirm
    response = admin_client.post(url, follow=True)
    assert "2 comments marked approved." in response.content.decode()
    assert set(Comment.objects.approved().values_list("pk", flat=True)) == set(ids)
    page = Client().get(article.url).content.decode()
    assert "Pending words 0" in page and "Pending words 2" not in page


@pytest.mark.parametrize("action,status", [("spam", "spam"), ("trash", "trash")])
def test_bulk_spam_and_trash(admin_client, queue, action, status):
    url = f"/admin/bulk/community/comment/{action}/?next={LIST_URL}&id={queue[2].pk}"
    admin_client.post(url)
    assert Comment.objects.get(pk=queue[2].pk).status == status


def test_pending_count_on_the_dashboard_and_in_the_menu(admin_client, queue):
    html = admin_client.get("/admin/").content.decode()
    assert "3</span> comments awaiting moderation" in html
    assert "Comments (3 pending)" in html


def test_editor_replies_as_the_team(admin_client, article, queue):
    parent = queue[0]
    parent.status = Comment.Status.APPROVED
    parent.save()
    response = admin_client.post(f"/admin/snippets/community/comment/reply/{parent.pk}/", {"text": "Thank you for sharing this."})
    assert response.status_code == 302
    reply = Comment.objects.get(parent=parent)
    assert reply.is_staff_reply and reply.status == Comment.Status.APPROVED and reply.name == "Erin Editor"
    assert "Thank you for sharing this." in Client().get(article.url).content.decode()


def test_no_reply_under_a_comment_readers_cannot_see(admin_client, article, queue):
    response = admin_client.post(f"/admin/snippets/community/comment/reply/{queue[1].pk}/", {"text": "Thanks!"}, follow=True)
    assert "Approve Reader 1’s comment before replying to it." in response.content.decode()
    assert not Comment.objects.filter(parent=queue[1]).exists()


def test_a_staff_reply_keeps_to_the_thread_depth(admin_client, article, queue):
    from wagtail.models import Site

    from community.models import CommentSettings

    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.max_depth = 1
    rules.save()
    root = queue[0]
    root.status = Comment.Status.APPROVED
    root.save()
    deepest = Comment.objects.create(page=article, parent=root, depth=1, name="Ann", email="a@example.org", text="Me too", status=Comment.Status.APPROVED)
    admin_client.post(f"/admin/snippets/community/comment/reply/{deepest.pk}/", {"text": "Glad it helps."})
    reply = Comment.objects.get(text="Glad it helps.")
    assert (reply.parent, reply.depth) == (root, 1)


def test_queue_links_each_comment_and_offers_reply_on_approved_ones(admin_client, article, queue):
    """The list's first column is its title column: it links to the comment
    and carries the row's actions, "Reply" among them (approved comments)."""
    approved = queue[0]
    approved.status = Comment.Status.APPROVED
    approved.save()
    html = admin_client.get(LIST_URL).content.decode()
    assert f'href="/admin/snippets/community/comment/edit/{approved.pk}/"' in html
    assert f'id="snippet_{approved.pk}_title"' in html  # what the row's "Select" box is described by
    assert f'href="/admin/snippets/community/comment/reply/{approved.pk}/"' in html
    assert f'href="/admin/snippets/community/comment/reply/{queue[1].pk}/"' not in html  # still pending: nothing to reply to


def test_editor_reply_emails_the_author_who_asked(admin_client, article, queue, smtp_sink, django_capture_on_commit_callbacks):
    parent = queue[0]
    parent.status, parent.notify_replies = Comment.Status.APPROVED, True
    parent.save()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/snippets/community/comment/reply/{parent.pk}/", {"text": "Thank you for sharing this."})
    (message,) = smtp_sink.to(parent.email)
    assert message["Subject"] == f"New reply to your comment on {article.title}"
    assert "Thank you for sharing this." in message.get_content()


def test_editors_without_comment_permissions_see_nothing(django_user_model, queue):
    plain = django_user_model.objects.create_user("plain", "p@example.org", "pw", is_staff=True)
    plain.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(plain)
    assert client.get(LIST_URL).status_code in (302, 403)
    assert client.post(f"/admin/bulk/community/comment/approve/?next={LIST_URL}&id={queue[0].pk}").status_code in (302, 403)
    assert Comment.objects.get(pk=queue[0].pk).status == Comment.Status.PENDING
    assert client.post(f"/admin/snippets/community/comment/reply/{queue[0].pk}/", {"text": "x"}).status_code in (302, 403)


def test_wagtails_moderators_may_moderate_comments_out_of_the_box(django_user_model, queue):
    moderator = django_user_model.objects.create_user("mod", "mod@example.org", "pw", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    assert "Pending words 0" in client.get(LIST_URL).content.decode()
    client.post(f"/admin/bulk/community/comment/approve/?next={LIST_URL}&id={queue[0].pk}")
    assert Comment.objects.get(pk=queue[0].pk).status == Comment.Status.APPROVED
