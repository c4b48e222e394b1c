"""The comment moderation queue in the Wagtail admin."""

from django.urls import path, reverse
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from blog.models import ArticlePage

from . import admin_views
from .bulk_actions import StatusBulkAction
from .models import Comment
from .moderation import set_status


class CommentFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=Comment.Status.choices, empty_label="Any status")
    page = ModelChoiceFilter(queryset=ArticlePage.objects.order_by("title"), label="Article")
    created_at = DateFromToRangeFilter(label="Date")

    class Meta:
        model = Comment
        fields = ["status", "page", "created_at"]


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = "Comments"
    menu_name = "comments"
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        # A string first: Wagtail makes it the title column, which links to
        # the comment and carries the row's actions (Edit, Reply, Delete...).
        "excerpt",
        "name",
        "page",
        "status",
        Column("moderation_reason", label="Why held"),
        "created_at",
    ]
    filterset_class = CommentFilterSet
    search_fields = ["text", "name", "email"]
    search_backend_name = None  # plain database filtering: works the same on SQLite and PostgreSQL
    ordering = ["-created_at"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = ["page", "name", "email", "url", "text", "status", "moderation_reason", "ip_address", "user_agent", "created_at"]

    def get_queryset(self, request):
        return Comment.objects.select_related("page")

    @property
    def menu_item_class(self):
        base = super().menu_item_class

        class PendingBadgeMenuItem(base):
            def render_component(self, request):
                component = super().render_component(request)
                pending = Comment.objects.pending().count()
                if pending:
                    component.label = f"Comments ({pending} pending)"
                return component

        return PendingBadgeMenuItem

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("reply/<int:pk>/", admin_views.reply, name="reply"),
        ]


comment_viewset = CommentViewSet()
register_snippet(comment_viewset)


class ModerationBulkAction(StatusBulkAction):
    models = [Comment]
    noun, plural = "comment", "comments"
    header_icon = "comment"

    def check_perm(self, obj):
        return self.request.user.has_perm("community.change_comment")

    @classmethod
    def set_status(cls, objects, status):
        return set_status(objects, status)

    def describe(self, comment):
        return f"{comment.name}: {comment.excerpt}"

    def edit_url(self, comment):
        return reverse(comment_viewset.get_url_name("edit"), args=[comment.pk])


@hooks.register("register_bulk_action")
class ApproveBulkAction(ModerationBulkAction):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve selected comments"
    target_status = Comment.Status.APPROVED
    action_priority = 10


@hooks.register("register_bulk_action")
class SpamBulkAction(ModerationBulkAction):
    display_name = "Spam"
    action_type = "spam"
    aria_label = "Mark selected comments as spam"
    target_status = Comment.Status.SPAM
    action_priority = 20


@hooks.register("register_bulk_action")
class TrashBulkAction(ModerationBulkAction):
    display_name = "Trash"
    action_type = "trash"
    aria_label = "Move selected comments to the trash"
    target_status = Comment.Status.TRASH
    action_priority = 25


class PendingCommentsSummary(SummaryItem):
    order = 250
    template_name = "community/admin/summary_pending.html"

    def is_shown(self):
        return self.request.user.has_perm("community.change_comment")

    def get_context_data(self, parent_context):
        return {"pending": Comment.objects.pending().count(), "url": reverse(comment_viewset.get_url_name("list")) + "?status=pending"}


@hooks.register("construct_homepage_summary_items")
def add_pending_comments(request, items):
    items.append(PendingCommentsSummary(request))


@hooks.register("register_snippet_listing_buttons")
def reply_button(snippet, user, next_url=None):
    if isinstance(snippet, Comment) and snippet.status == Comment.Status.APPROVED and user.has_perm("community.add_comment"):
        yield Button("Reply", reverse(comment_viewset.get_url_name("reply"), args=[snippet.pk]), icon_name="comment", priority=15)

