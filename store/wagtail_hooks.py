"""The store in the Wagtail admin: orders (list, filters, search, detail,
"mark fulfilled"), counts on the dashboard, and the store's snippets.

Orders are records, not content: they are never added, edited, copied or
deleted here. Seeing them needs the "view order" permission and marking
them fulfilled "change order"; a plain editor sees neither."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import fulfilment
from .models import ExternalStore, Order, OrderLine, ProductCollection

order_permissions = ModelPermissionPolicy(Order)
FULFILLED_ACTION = "store.order.fulfilled"


class OrderIndexView(IndexView):
    def search_queryset(self, queryset):
        """Also find an order by its number ("42" or "#000042")."""
        results = super().search_queryset(queryset)
        number = (self.search_query or "").strip().lstrip("#")
        if self.is_searching and number.isdigit() and len(number) < 12:
            results = queryset.filter(Q(pk__in=results.values("pk")) | Q(pk=int(number)))
        return results


class OrderInspectView(InspectView):
    template_name = "store/admin/order_inspect.html"
    fulfil_url_name = None

    def get_object(self, queryset=None):
        lines = Prefetch("lines", queryset=OrderLine.objects.order_by("pk"))
        return get_object_or_404(Order.objects.select_related("user").prefetch_related(lines, "events"), pk=self.pk)

    @property
    def header_more_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        context.update(
            order=order,
            lines=list(order.lines.all()),
            events=list(order.events.all()),
            can_fulfil=order.status == Order.Status.PAID and self.user_has_permission("change"),
            fulfil_url=reverse(self.fulfil_url_name, args=[order.pk]),
        )
        return context


class OrderViewSet(ModelViewSet):
    model = Order
    name = "store_orders"
    url_prefix = "store/orders"
    icon = "list-ul"
    menu_label = "Orders"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = OrderIndexView
    inspect_view_class = OrderInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["__str__", "status", "email", Column("total_display", label="Total"), "created_at"]
    list_filter = ["status"]
    search_fields = ["email", "customer_name", "stripe_session_id", "stripe_payment_intent"]
    search_backend_name = None
    list_export = ["pk", "status", "email", "currency", "subtotal", "amount_total", "amount_refunded", "created_at", "paid_at", "fulfilled_at", "stripe_session_id", "stripe_payment_intent"]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(add_url_name=None, edit_url_name=None, delete_url_name=None, copy_url_name=None)
        return view_kwargs

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(fulfil_url_name=self.get_url_name("fulfil"), **kwargs)

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename__in=["view_order", "change_order"])

    @property
    def fulfil_view(self):
        index_url_name = self.get_url_name("inspect")

        @require_POST
        def fulfil(request, pk):
            if not order_permissions.user_has_permission(request.user, "change"):
                raise PermissionDenied
            order = get_object_or_404(Order, pk=pk)
            if fulfilment.mark_fulfilled(order.pk):
                order.refresh_from_db()
                log(instance=order, action=FULFILLED_ACTION, user=request.user)
                messages.success(request, f"Order {order.reference} marked fulfilled; the shopper is being emailed.")
            else:
                messages.error(request, f"Order {order.reference} is {order.get_status_display().lower()}: only paid orders can be marked fulfilled.")
            return redirect(index_url_name, pk)

        return fulfil

    def get_urlpatterns(self):
        # Only the screens orders need: no add, edit, copy or delete.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("fulfil/<int:pk>/", self.fulfil_view, name="fulfil"),
        ]


order_viewset = OrderViewSet()


@hooks.register("register_admin_viewset")
def register_order_viewset():
    return order_viewset


@hooks.register("register_log_actions")
def register_order_actions(actions):
    actions.register_action(FULFILLED_ACTION, "Mark fulfilled", "Marked fulfilled; shopper emailed")


class OrdersSummaryItem(SummaryItem):
    order = 400
    template_name = "store/admin/orders_summary.html"

    def get_context_data(self, parent_context):
        counts = dict(Order.objects.order_by().values_list("status").annotate(n=Count("pk")))
        index_url = reverse(order_viewset.get_url_name("index"))
        return {
            "to_fulfil": counts.get(Order.Status.PAID, 0),
            "awaiting_payment": counts.get(Order.Status.PENDING, 0),
            "disputed": counts.get(Order.Status.DISPUTED, 0),
            "index_url": index_url,
        }

    def is_shown(self):
        return order_permissions.user_has_any_permission(self.request.user, ["view", "change"])


@hooks.register("construct_homepage_summary_items")
def add_orders_summary(request, items):
    items.append(OrdersSummaryItem(request))


class ExternalStoreViewSet(SnippetViewSet):
    model = ExternalStore
    icon = "site"
    list_display = ["name", "url", "sort_order"]
    search_fields = ["name"]


class ProductCollectionViewSet(SnippetViewSet):
    model = ProductCollection
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class StoreSnippets(SnippetViewSetGroup):
    menu_label = "Store"
    menu_icon = "pick"
    menu_order = 260
    items = (ExternalStoreViewSet, ProductCollectionViewSet)


register_snippet(StoreSnippets)
