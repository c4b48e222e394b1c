"""The Inbox in the Wagtail admin: menu item with the unread count, the
message list (filters, search, bulk actions), the message view, and the
snippets editors keep for it (topics, canned replies)."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import ngettext
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from ..bulk_actions import StatusBulkAction
from . import triage
from .models import CannedReply, ContactPage, Message, Topic
from .views import MessageView, can_view_inbox, forbidden, inbox_access_required, inbox_policy


def inbox_users(request):
    return inbox_policy().users_with_permission("change").filter(is_active=True).order_by("username")


class MessageFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=Message.Status.choices, empty_label="Any status")
    topic = ModelChoiceFilter(queryset=Topic.objects.all(), empty_label="Any topic")
    assigned_to = ModelChoiceFilter(queryset=inbox_users, label="Assigned to", empty_label="Anyone")

    class Meta:
        model = Message
        fields = ["status", "topic", "assigned_to"]


class MessageIndexView(IndexView):
    """Messages arrive only through the contact page: no add or copy; the
    title opens the message view for anyone who may read the inbox."""

    def get_add_url(self):
        return None

    def get_copy_url(self, instance):
        return None

    def get_edit_url(self, instance):
        if self.user_has_any_permission({"view", "change", "delete"}):
            return reverse("inbox:edit", args=[instance.pk])


class MessageViewSet(SnippetViewSet):
    model = Message
    icon = "mail"
    menu_label = "Inbox"
    menu_name = "inbox"
    menu_order = 240
    add_to_admin_menu = True
    url_namespace = "inbox"
    url_prefix = "inbox"
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = MessageIndexView
    list_display = [
        "subject",
        StatusTagColumn("status", accessor="get_status_display", label="Status", sort_key="status", primary=lambda message: message.status == Message.Status.NEW),
        Column("topic", label="Topic"),
        Column("sender", label="Sender"),
        DateColumn("received_at", label="Received", sort_key="received_at"),
    ]
    filterset_class = MessageFilterSet
    # Plain database filtering: messages never enter the search index.
    search_fields = ["subject", "body", "name", "email", "order_number"]
    search_backend_name = None
    list_per_page = 50

    def get_queryset(self, request):
        return Message.objects.select_related("topic")

    def get_urlpatterns(self):
        # The message view replaces the edit form: what a visitor wrote is
        # never edited. Nothing is added by hand either.
        patterns = [pattern for pattern in super().get_urlpatterns() if pattern.name not in {"add", "edit"}]
        patterns.append(path("<int:pk>/", MessageView.as_view(), name="edit"))
        for pattern in patterns:
            pattern.callback = inbox_access_required(pattern.callback)
        return patterns

    def register_chooser_viewset(self):
        # No chooser: a chooser lists instances to any admin user.
        pass

    @property
    def menu_item_class(self):
        base = super().menu_item_class

        class InboxMenuItem(base):
            def render_component(self, request):
                component = super().render_component(request)
                unread = Message.objects.unread().count()
                if unread:
                    component.label = f"Inbox ({unread} new)"
                return component

        return InboxMenuItem


message_viewset = MessageViewSet()
register_snippet(message_viewset)


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "asks_for_order_number"]
    search_fields = ["name"]
    search_backend_name = None


class CannedReplyViewSet(SnippetViewSet):
    model = CannedReply
    icon = "doc-full"
    list_display = ["title"]
    search_fields = ["title", "body"]
    search_backend_name = None


register_snippet(TopicViewSet)
register_snippet(CannedReplyViewSet)


# --- bulk actions ----------------------------------------------------------


class InboxBulkActionMixin:
    """Only users who may work the inbox reach these pages at all (the
    confirmation page lists the chosen messages)."""

    models = [Message]
    permission_needed = "change"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_inbox(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, message):
        return inbox_policy().user_has_permission(self.request.user, self.permission_needed)

    def edit_url(self, message):
        return reverse("inbox:edit", args=[message.pk])

    def describe(self, message):
        return f"{message.subject} — {message.name}, {message.received_at:%-d %b %Y}"

    def object_context(self, message):
        return {"item": message, "description": self.describe(message), "edit_url": self.edit_url(message)}


class MessageStatusBulkAction(InboxBulkActionMixin, StatusBulkAction):
    noun, plural = "message", "messages"
    header_icon = "mail"

    @classmethod
    def set_status(cls, objects, status):
        return triage.set_status(objects, status)


@hooks.register("register_bulk_action")
class MarkReadBulkAction(MessageStatusBulkAction):
    display_name = "Mark read"
    action_type = "mark_read"
    aria_label = "Mark selected messages read"
    target_status = Message.Status.READ
    action_priority = 10


@hooks.register("register_bulk_action")
class ArchiveBulkAction(MessageStatusBulkAction):
    display_name = "Archive"
    action_type = "archive"
    aria_label = "Archive selected messages"
    target_status = Message.Status.ARCHIVED
    action_priority = 20


@hooks.register("register_bulk_action")
class SpamBulkAction(MessageStatusBulkAction):
    display_name = "Spam"
    action_type = "spam"
    aria_label = "Mark selected messages as spam"
    target_status = Message.Status.SPAM
    action_priority = 25


class MessageDeleteBulkAction(InboxBulkActionMixin, DeleteBulkAction):
    permission_needed = "delete"
    template_name = "inbox/admin/confirm_bulk_delete.html"
    aria_label = "Delete selected messages"


# Registered after Wagtail's own snippet delete action so that, for messages,
# this one (with the inbox permission gate) is the one used.
hooks.register("register_bulk_action", MessageDeleteBulkAction, order=100)


# --- dashboard, forms listing ------------------------------------------------


class UnreadMessagesSummary(SummaryItem):
    order = 240

    def is_shown(self):
        return can_view_inbox(self.request.user)

    def render_html(self, parent_context=None):
        unread = Message.objects.unread().count()
        return format_html(
            '<li><svg class="icon icon-mail icon" aria-hidden="true"><use href="#icon-mail"></use></svg>'
            '<a href="{}?status=new"><span>{}</span> {}</a></li>',
            reverse("inbox:list"),
            unread,
            ngettext("new message in the inbox", "new messages in the inbox", unread),
        )


@hooks.register("construct_homepage_summary_items")
def add_unread_messages(request, items):
    items.append(UnreadMessagesSummary(request))


@hooks.register("filter_form_submissions_for_user")
def hide_contact_pages_from_form_submissions(user, editable_forms):
    """Contact messages live in the Inbox (with their own permission), not in
    Wagtail's form submissions listing."""
    return editable_forms.exclude(content_type__model=ContactPage._meta.model_name, content_type__app_label=ContactPage._meta.app_label)

