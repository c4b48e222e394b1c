"""The newsletter in the Wagtail admin: Newsletter menu (subscribers with
search, filters and CSV export; editions with their progress; deliveries
with an "ambiguous" filter), the CSV import, a dashboard count, and a
"Newsletter" button on each article (progress, preview, test)."""

import django_filters
from django.db.models import Count, Q
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import Delivery, Edition, Subscriber, ambiguous_cutoff


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Editions and deliveries are written by the sending machinery only."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(Edition, ViewOnlyPolicy(Edition))
register_permission_policy(Delivery, ViewOnlyPolicy(Delivery))


# --- subscribers -------------------------------------------------------------


class SubscriberIndexView(generic.IndexView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm("newsletter.add_subscriber"):
            buttons.append(Button("Import from CSV", url=reverse("newsletter_admin:import"), icon_name="upload", priority=50))
        return buttons


class SubscriberCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.source = Subscriber.Source.ADMIN
        instance.save()
        self.form.save_m2m()
        return instance


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "user"
    menu_label = "Subscribers"
    url_prefix = "newsletter/subscribers"
    index_view_class = SubscriberIndexView
    add_view_class = SubscriberCreateView
    list_display = ["email", "status", "frequency", "paused_until", "source", "created_at", "confirmed_at"]
    list_filter = ["status", "source", "frequency"]
    search_fields = ["email"]
    search_backend_name = None  # plain database search: no search index needed
    list_export = ["email", "status", "frequency", "source", "created_at", "consented_at", "confirmed_at", "paused_until", "suppressed_at", "suppression_reason"]
    export_filename = "subscribers"
    form_fields = ["email", "status", "frequency", "categories", "series", "paused_until"]
    inspect_view_enabled = True
    copy_view_enabled = False


# --- editions ----------------------------------------------------------------


def with_progress(queryset):
    cutoff = ambiguous_cutoff()
    sending = Q(deliveries__status=Delivery.Status.SENDING)
    return queryset.annotate(
        n_queued=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.QUEUED)),
        n_sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
        n_failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
        n_ambiguous=Count("deliveries", filter=sending & Q(deliveries__sending_since__lte=cutoff)),
        n_total=Count("deliveries"),
    )


class ProgressColumn(Column):
    def get_value(self, instance):
        if instance.status == Edition.Status.SKIPPED:
            return instance.note or "Not sent"
        text = f"{instance.n_sent} sent of {instance.n_total}"
        for count, label in ((instance.n_queued, "queued"), (instance.n_failed, "failed"), (instance.n_ambiguous, "ambiguous")):
            if count:
                text += f" · {count} {label}"
        return text


class EditionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return with_progress(super().get_base_queryset())


class EditionInspectView(generic.InspectView):
    template_name = "newsletter/admin/edition_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["progress"] = self.object.progress()
        context["ambiguous"] = admin_views.ambiguous_deliveries(self.object)[:200]
        context["failed"] = Delivery.objects.filter(edition=self.object, status=Delivery.Status.FAILED).select_related("subscriber").order_by("pk")[:200]
        context["can_act"] = self.request.user.has_perm("newsletter.change_delivery")
        context["action_url"] = reverse("newsletter_admin:edition_action", args=[self.object.pk])
        return context


class EditionFilterSet(WagtailFilterSet):
    class Meta:
        model = Edition
        fields = ["kind", "status"]


class EditionViewSet(ModelViewSet):
    model = Edition
    icon = "mail"
    menu_label = "Editions"
    url_prefix = "newsletter/editions"
    index_view_class = EditionIndexView
    inspect_view_class = EditionInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["subject", "kind", "status", ProgressColumn("progress", label="Progress"), "created_at", "finished_at"]
    filterset_class = EditionFilterSet
    list_export = ["subject", "kind", "status", "n_total", "n_sent", "n_queued", "n_failed", "n_ambiguous", "created_at", "finished_at"]
    export_headings = {"n_total": "Recipients", "n_sent": "Sent", "n_queued": "Queued", "n_failed": "Failed", "n_ambiguous": "Ambiguous"}
    export_filename = "newsletter-editions"
    form_fields = ["subject"]  # never editable (see ViewOnlyPolicy)


# --- deliveries --------------------------------------------------------------


class DeliveryFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label="State",
        choices=[*Delivery.Status.choices, ("ambiguous", "Ambiguous (worker died while sending)")],
        method="filter_state",
        empty_label="All",
    )

    class Meta:
        model = Delivery
        fields = ["edition"]

    def filter_state(self, queryset, name, value):
        if value == "ambiguous":
            return queryset.ambiguous()
        return queryset.filter(status=value)


class DeliveryStateColumn(Column):
    def get_value(self, instance):
        if instance.status == Delivery.Status.SENDING and instance.sending_since and instance.sending_since <= ambiguous_cutoff():
            return "Ambiguous"
        return instance.get_status_display()


class DeliveryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("subscriber", "edition")


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    icon = "list-ul"
    menu_label = "Deliveries"
    url_prefix = "newsletter/deliveries"
    index_view_class = DeliveryIndexView
    list_display = ["subscriber", "edition", DeliveryStateColumn("state", label="State"), "attempts", "sent_at", "last_error"]
    filterset_class = DeliveryFilterSet
    search_fields = ["subscriber__email"]
    search_backend_name = None
    list_export = ["subscriber", "edition", "status", "attempts", "sending_since", "sent_at", "last_error"]
    export_filename = "newsletter-deliveries"
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never editable (see ViewOnlyPolicy)


class NewsletterGroup(ViewSetGroup):
    menu_label = "Newsletter"
    menu_icon = "mail"
    menu_order = 250
    items = (SubscriberViewSet("newsletter_subscriber"), EditionViewSet("newsletter_edition"), DeliveryViewSet("newsletter_delivery"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return NewsletterGroup()


# --- custom screens, dashboard, page button ----------------------------------

admin_urls = [
    path("import/", admin_views.import_subscribers, name="import"),
    path("page/<int:page_id>/", admin_views.page_newsletter, name="page"),
    path("page/<int:page_id>/preview/", admin_views.preview, name="preview"),
    path("editions/<int:pk>/action/", admin_views.edition_action, name="edition_action"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("newsletter-tools/", include((admin_urls, "newsletter_admin"), namespace="newsletter_admin"))]


class SubscribersSummaryItem(SummaryItem):
    order = 400
    template_name = "newsletter/admin/summary_item.html"

    def get_context_data(self, parent_context):
        counts = Subscriber.objects.aggregate(
            confirmed=Count("pk", filter=Q(status=Subscriber.Status.CONFIRMED)),
            pending=Count("pk", filter=Q(status=Subscriber.Status.PENDING)),
        )
        return {**counts, "url": reverse("newsletter_subscriber:index")}

    def is_shown(self):
        return self.request.user.has_perm("newsletter.view_subscriber") or self.request.user.has_perm("newsletter.change_subscriber")


@hooks.register("construct_homepage_summary_items")
def add_subscriber_count(request, items):
    items.append(SubscribersSummaryItem(request))


@hooks.register("register_page_header_buttons")
def newsletter_button(page, user, view_name, next_url=None):
    from blog.models import ArticlePage

    if page.specific_class is ArticlePage and page.pk:
        yield Button("Newsletter email", url=reverse("newsletter_admin:page", args=[page.pk]), icon_name="mail", priority=80)
