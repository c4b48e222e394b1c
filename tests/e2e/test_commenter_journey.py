"""Journey 2, the commenter: a guest reader leaves a comment (asking to be
told about replies) and sees it "awaiting moderation", while another visitor
does not see it; an editor is emailed, finds it in the admin's moderation
queue, approves it and replies as the team; the guest is emailed about the
reply, follows the email's link to the conversation, and stops reply emails
with the email's other link; every visitor now sees the comment and the reply.

Mail goes through a real SMTP server on loopback (the `smtp_sink` fixture).
Every control is reached with Tab and used with the keyboard. The guest, the
anonymous visitor and the editor each have a browser context of their own."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

from community.models import Comment, CommentSettings
from tests.e2e.helpers import (
    link_in_mail,
    log_in_to_admin,
    mail_text,
    press_enter,
    type_into,
    urlpath,
    wait_for_mail,
    wait_out_form_timer,
)
from tests.factories import build_site, make_article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long, unguessable passphrase"
EDITOR_EMAIL = "erin@example.com"
GUEST_NAME = "Sam Rivers"
GUEST_EMAIL = "sam.rivers@example.org"
COMMENT = "Splitting chores into ten-minute blocks, with a rest between, has helped me more than anything."
REPLY = "Thank you, Sam. Ten-minute blocks are a tip we will pass on."


@pytest.fixture
def world(site_on_live_server, smtp_sink):
    """An article open for comments under the default rules (first-time
    addresses are held); an editor in Wagtail's "Moderators" group (which
    may moderate comments out of the box), and who is the address the
    comment settings email about held comments."""
    home, blog = build_site()
    article = make_article(blog, title="Pacing on a bad day", intro="Small steps that keep a flare from taking the whole week.")
    moderators = Group.objects.get(name="Moderators")
    editor = get_user_model().objects.create_user(EDITOR_EMAIL, EDITOR_EMAIL, PASSWORD, first_name="Erin", last_name="Editor", is_staff=True)
    editor.groups.add(moderators)
    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.moderator_emails = EDITOR_EMAIL
    rules.save()
    site_on_live_server()
    return article


def comment_block(page, comment_id):
    return page.locator(f"[id='comment-{comment_id}']")


def test_commenter_journey(journey, world, smtp_sink):
    article = world
    guest = journey.new_visitor()
    visitor = journey.new_visitor()
    editor = journey.page

    # --- The guest writes a comment and asks to hear about replies. ----------
    journey.goto(article.url, page=guest)
    journey.check_page("article", page=guest)
    assert guest.locator("h1").inner_text() == article.title
    assert "No comments yet" in guest.locator("#comments").inner_text()

    form = guest.locator("#respond form")
    type_into(journey, form.get_by_role("textbox", name="Comment", exact=True), COMMENT)
    type_into(journey, form.get_by_role("textbox", name="Name", exact=True), GUEST_NAME, from_top=False)
    type_into(journey, form.get_by_role("textbox", name="Email", exact=True), GUEST_EMAIL, from_top=False)
    notify = form.get_by_label("Notify me of replies by email")
    journey.tab_to(notify, from_top=False)
    guest.keyboard.press("Space")
    assert notify.is_checked()
    wait_out_form_timer(guest)
    journey.tab_to(form.get_by_role("button", name="Post comment"), from_top=False)
    press_enter(guest)

    # Back on the article, at their comment, which only they can see for now.
    assert urlsplit(guest.url).path == article.url
    match = re.search(r"#comment-(\d+)$", guest.url)
    assert match, f"not sent to the comment: {guest.url}"
    comment_id = int(match.group(1))
    mine = comment_block(guest, comment_id)
    assert mine.evaluate("el => el.matches(':target')")  # (before check_page, which clears the URL's fragment)
    journey.check_page("article-comment-awaiting-moderation", page=guest)
    assert COMMENT in mine.inner_text()
    assert GUEST_NAME in mine.inner_text()
    assert "awaiting moderation" in mine.inner_text()
    assert "No comments yet" in guest.locator("#comments").inner_text(), "a held comment must not count as published"

    # --- Another visitor does not see it. ------------------------------------
    journey.goto(article.url, page=visitor)
    journey.check_page("article-anonymous", page=visitor)
    assert COMMENT not in visitor.locator("main").inner_text()
    assert "No comments yet" in visitor.locator("#comments").inner_text()

    # --- The editor is told, and finds it in the moderation queue. -----------
    (notice,) = wait_for_mail(smtp_sink, EDITOR_EMAIL)
    assert notice["Subject"] == f"Comment awaiting moderation: {article.title}"
    assert COMMENT in mail_text(notice)
    assert GUEST_EMAIL not in mail_text(notice), "the moderation notice must not carry the commenter's address"
    moderate_link = link_in_mail(notice, "/admin/snippets/community/comment/edit/")

    log_in_to_admin(journey, EDITOR_EMAIL, PASSWORD)
    summary = editor.locator("main").get_by_role("link", name=re.compile(r"1\s+comment awaiting moderation"))
    journey.tab_to(summary)
    press_enter(editor)
    assert urlpath(editor.url) == "/admin/snippets/community/comment/"
    assert "status=pending" in editor.url
    journey.check_page("admin-comments-pending")
    row = editor.locator("tbody tr").filter(has_text=COMMENT[:60])
    assert row.count() == 1, editor.locator("main").inner_text()
    assert GUEST_NAME in row.inner_text()

    # --- Approve it with the keyboard: select the row, "Approve", confirm. ---
    journey.tab_to(row.get_by_role("checkbox"))
    editor.keyboard.press("Space")
    approve = editor.get_by_role("link", name="Approve selected comments")
    approve.wait_for(state="visible")
    journey.tab_to(approve, from_top=False)
    press_enter(editor)
    # Our screen (community/admin/confirm_bulk_moderation.html) in Wagtail's frame.
    journey.check_page("admin-approve-confirm", ours="#main")
    assert COMMENT[:60] in editor.locator("main").inner_text()
    journey.tab_to(editor.get_by_role("button", name="Yes, go ahead"))
    press_enter(editor)
    journey.check_page("admin-approved")
    assert "1 comment marked approved" in editor.locator("body").inner_text()
    assert row.count() == 0, "an approved comment left the pending queue"

    # The moderation email's link opens the same comment in the admin (its
    # host is WAGTAILADMIN_BASE_URL, the site's public address: the path is
    # followed here), now approved.
    journey.goto(urlpath(moderate_link))
    journey.check_page("admin-comment-from-email")
    assert editor.locator("main textarea").first.input_value() == COMMENT
    assert editor.get_by_role("combobox", name="Status").input_value() == "approved"

    # --- Reply as the team, from the full list. -------------------------------
    journey.goto("/admin/snippets/community/comment/")
    journey.check_page("admin-comments")
    row = editor.locator("tbody tr").filter(has_text=COMMENT[:60])
    assert "Approved" in row.inner_text()
    # The row's actions are in Wagtail's "More options" menu beside the comment.
    journey.tab_to(row.get_by_role("button", name=re.compile("More options")))
    editor.keyboard.press("Enter")
    reply_link = row.get_by_role("link", name="Reply")
    reply_link.wait_for(state="visible")
    journey.tab_to(reply_link, from_top=False)
    press_enter(editor)
    journey.check_page("admin-reply", ours="#main")  # our screen: community.admin_views.reply
    assert f"Reply to {GUEST_NAME}" in editor.locator("main").inner_text()
    assert COMMENT in editor.locator("main").inner_text()
    type_into(journey, editor.get_by_label("Your reply"), REPLY)
    journey.tab_to(editor.get_by_role("button", name="Publish reply"), from_top=False)
    press_enter(editor)
    journey.check_page("admin-reply-published")
    assert f"Your reply to {GUEST_NAME} is published." in editor.locator("body").inner_text()

    # --- The guest is emailed about the reply. --------------------------------
    (message,) = wait_for_mail(smtp_sink, GUEST_EMAIL)
    assert message["Subject"] == f"New reply to your comment on {article.title}"
    body = mail_text(message)
    assert REPLY in body
    assert EDITOR_EMAIL not in body
    conversation = link_in_mail(message, article.url)
    stop = link_in_mail(message, "/comments/stop-replies/")
    assert message["List-Unsubscribe"].strip() == f"<{stop}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The email's link opens the article at the reply, in a new tab of the
    # guest's browser (the mail app opens it; the article is still open).
    assert conversation.startswith(journey.base_url + article.url)
    guest = guest.context.new_page()
    journey.goto(conversation, page=guest)
    reply_id = int(re.search(r"#comment-(\d+)$", conversation).group(1))
    reply = comment_block(guest, reply_id)
    assert reply.evaluate("el => el.matches(':target')")
    journey.check_page("article-from-reply-email", page=guest)
    assert REPLY in reply.inner_text()
    assert "Erin Editor" in reply.inner_text() and "Team" in reply.inner_text()
    thread = guest.locator("#comments .comment-list")
    assert COMMENT in thread.inner_text()
    assert "awaiting moderation" not in guest.locator("#comments").inner_text()
    assert guest.locator("#comments-heading").inner_text() == "2 comments"

    # The other link stops reply emails: a button to press, then a confirmation.
    journey.goto(stop, page=guest)
    journey.check_page("stop-replies", page=guest)
    journey.tab_to(guest.get_by_role("button", name="Stop reply emails"))
    press_enter(guest)
    journey.check_page("replies-stopped", page=guest)
    assert guest.locator("h1").inner_text() == "You won’t get reply emails any more"
    assert not Comment.objects.get(pk=comment_id).notify_replies

    # --- The other visitor now sees the comment and the reply. ---------------
    journey.goto(article.url, page=visitor)
    journey.check_page("article-anonymous-published", page=visitor)
    comments = visitor.locator("#comments")
    assert visitor.locator("#comments-heading").inner_text() == "2 comments"
    assert COMMENT in comments.inner_text() and REPLY in comments.inner_text()
    assert GUEST_EMAIL not in visitor.content()
    # The reply sits under the comment it answers.
    assert REPLY in comment_block(visitor, comment_id).locator("xpath=..").locator(".comment-replies").inner_text()

    journey.finish()
