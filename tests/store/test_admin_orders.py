"""Orders in the Wagtail admin: list with filters and search, a detail page
with everything needed to send the parcel, "mark fulfilled", dashboard
counts — and none of it for an editor without order permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from store.models import Order
from tests.store.factories import start_checkout, variants_of
from tests.store.stripe_events import charge, event

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/store/orders/"


def user_with(django_user_model, username, *codenames, group=None):
    user = django_user_model.objects.create_user(username=username, email=f"{username}@example.org", password="pw")
    user.user_permissions.add(*Permission.objects.filter(codename__in=("access_admin",) + codenames))
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(django_user_model):
    """A plain editor: Wagtail's default Editors group, nothing about orders."""
    return user_with(django_user_model, "editor", group="Editors")


@pytest.fixture
def viewer_client(django_user_model):
    return user_with(django_user_model, "viewer", "view_order")


@pytest.fixture
def shop_manager_client(django_user_model):
    return user_with(django_user_model, "manager", "view_order", "change_order")


@pytest.fixture
def orders(client, deliver, shirt, mug, stripe_standin):
    """One paid order (with a partial refund) and one pending order."""
    paid_session = start_checkout(client, variants_of(shirt)[0], 2)
    deliver(event("checkout.session.completed", stripe_standin.complete(paid_session, payment_intent="pi_test_admin")))
    deliver(event("charge.refunded", charge("pi_test_admin", amount=3000, amount_refunded=500, refunded=False), event_id="evt_test_refund_admin"))
    other = Client()
    start_checkout(other, variants_of(mug)[0], 1)
    return Order.objects.paid().get(), Order.objects.pending().get()


def test_list_filters_by_status_and_searches_email_and_stripe_ids(admin_client, orders):
    paid, pending = orders

    everything = admin_client.get(LIST_URL).content.decode()
    only_paid = admin_client.get(LIST_URL, {"status": "paid"}).content.decode()
    by_email = admin_client.get(LIST_URL, {"q": "shopper@example"}).content.decode()
    by_session = admin_client.get(LIST_URL, {"q": pending.stripe_session_id}).content.decode()
    by_intent = admin_client.get(LIST_URL, {"q": "pi_test_admin"}).content.decode()
    by_number = admin_client.get(LIST_URL, {"q": str(pending.pk)}).content.decode()

    assert str(paid) in everything and str(pending) in everything
    assert str(paid) in only_paid and str(pending) not in only_paid
    assert str(paid) in by_email and str(pending) not in by_email
    assert str(pending) in by_session and str(paid) not in by_session
    assert str(paid) in by_intent
    assert str(pending) in by_number


def test_detail_shows_lines_amounts_address_stripe_ids_and_events(admin_client, orders):
    paid, _ = orders

    html = admin_client.get(f"{LIST_URL}inspect/{paid.pk}/").content.decode()

    assert "Awareness T-shirt" in html and "Small" in html and "TS-S" in html
    assert "£15.00" in html and "£30.00" in html and "£5.00" in html  # unit, total, refunded
    assert "12 Willow Row" in html and "LS6 2AB" in html and "shopper@example.com" in html
    assert paid.stripe_session_id in html and "pi_test_admin" in html
    assert "checkout.session.completed" in html and "evt_test_refund_admin" in html
    assert "Mark fulfilled" in html


def test_mark_fulfilled_moves_a_paid_order_and_emails_the_shopper_once(shop_manager_client, orders, mailoutbox, django_capture_on_commit_callbacks):
    paid, pending = orders
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = shop_manager_client.post(f"{LIST_URL}fulfil/{paid.pk}/")
        again = shop_manager_client.post(f"{LIST_URL}fulfil/{paid.pk}/")
        not_paid = shop_manager_client.post(f"{LIST_URL}fulfil/{pending.pk}/")

    assert first.status_code == again.status_code == not_paid.status_code == 302
    assert Order.objects.get(pk=paid.pk).status == Order.Status.FULFILLED
    assert Order.objects.get(pk=pending.pk).status == Order.Status.PENDING
    assert [m.subject for m in mailoutbox] == [f"Chronicle: order {paid.reference} is on its way"]
    history = shop_manager_client.get(f"{LIST_URL}history/{paid.pk}/").content.decode()
    assert "Marked fulfilled" in history


def test_plain_editor_cannot_see_or_fulfil_orders(editor_client, orders):
    """Wagtail answers a denied admin screen with 403 to scripts and, for a
    browser, a redirect to the dashboard saying "Sorry, you do not have
    permission" — either way no order data."""
    paid, _ = orders
    assert editor_client.get("/admin/").status_code == 200  # an editor all the same
    for method, url in (("get", LIST_URL), ("get", f"{LIST_URL}inspect/{paid.pk}/"), ("post", f"{LIST_URL}fulfil/{paid.pk}/")):
        assert getattr(editor_client, method)(url, headers={"X-Requested-With": "XMLHttpRequest"}).status_code == 403, url
        browser = getattr(editor_client, method)(url, follow=True)
        assert browser.redirect_chain == [("/admin/", 302)], url
        assert "Sorry, you do not have permission to access this area." in browser.content.decode()
        assert "shopper@example.com" not in browser.content.decode()
    assert Order.objects.get(pk=paid.pk).status == Order.Status.PAID
    dashboard = editor_client.get("/admin/").content.decode()
    assert "to fulfil" not in dashboard and LIST_URL not in dashboard


def test_view_permission_sees_orders_but_cannot_fulfil(viewer_client, orders):
    paid, _ = orders
    assert viewer_client.get(LIST_URL).status_code == 200
    html = viewer_client.get(f"{LIST_URL}inspect/{paid.pk}/").content.decode()
    assert "12 Willow Row" in html and "Mark fulfilled" not in html
    assert viewer_client.post(f"{LIST_URL}fulfil/{paid.pk}/", headers={"X-Requested-With": "XMLHttpRequest"}).status_code == 403
    assert Order.objects.get(pk=paid.pk).status == Order.Status.PAID


def test_orders_cannot_be_added_edited_or_deleted_in_the_admin(admin_client, orders):
    paid, _ = orders
    for url in (f"{LIST_URL}new/", f"{LIST_URL}edit/{paid.pk}/", f"{LIST_URL}delete/{paid.pk}/"):
        assert admin_client.get(url).status_code == 404


def test_dashboard_counts_orders_to_fulfil_and_awaiting_payment(shop_manager_client, orders):
    html = shop_manager_client.get("/admin/").content.decode()
    assert "1 order to fulfil" in html and "1 awaiting payment" in html
    assert f'href="{LIST_URL}?status=paid"' in html


def test_order_permissions_are_offered_to_groups(admin_client):
    from wagtail import hooks

    codenames = {p.codename for fn in hooks.get_hooks("register_permissions") for p in fn() if p.content_type.app_label == "store"}
    assert {"view_order", "change_order"} <= codenames
    assert "delete_order" not in codenames and "add_order" not in codenames
