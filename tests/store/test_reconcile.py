"""`manage.py reconcile_stripe` compares recent Checkout Sessions (from the
stand-in, as Stripe's servers are unreachable) with orders, reports what
differs and, with --fix, applies what Stripe says."""

import io

import pytest
from django.core.management import CommandError, call_command

from store.models import Order, ProductVariant
from tests.store.factories import start_checkout, variants_of
from tests.store.stripe_events import event

pytestmark = pytest.mark.django_db


def reconcile(*args):
    out = io.StringIO()
    call_command("reconcile_stripe", *args, stdout=out)
    return out.getvalue()


def test_in_step_orders_report_no_differences(client, deliver, mug, stripe_standin):
    session_id = start_checkout(client, variants_of(mug)[0], 1)
    deliver(event("checkout.session.completed", stripe_standin.complete(session_id)))

    assert "0 difference(s)" in reconcile()


def test_lost_webhooks_are_reported_and_fixed(client, shirt, stripe_standin, django_capture_on_commit_callbacks, mailoutbox):
    small = variants_of(shirt)[0]
    paid_session = start_checkout(client, small, 1)
    from django.test import Client

    expired_session = start_checkout(Client(), small, 2)
    stripe_standin.complete(paid_session)
    stripe_standin.expire(expired_session)
    stripe_standin.sessions["cs_test_stranger"] = dict(stripe_standin.session(paid_session), id="cs_test_stranger", metadata={})
    paid_order, expired_order = Order.objects.order_by("pk")

    report = reconcile()

    assert f"[unpaid-order] Order {paid_order.reference} is pending but Stripe says session {paid_session} is paid." in report
    assert f"[expired-session] Order {expired_order.reference} is pending but session {expired_session} has expired." in report
    assert "[no-order] Checkout Session cs_test_stranger" in report
    assert "3 difference(s)" in report
    assert Order.objects.get(pk=paid_order.pk).status == Order.Status.PENDING  # report only

    with django_capture_on_commit_callbacks(execute=True):
        fixed = reconcile("--fix")

    assert fixed.count("Fixed.") == 2
    assert Order.objects.get(pk=paid_order.pk).status == Order.Status.PAID
    assert Order.objects.get(pk=expired_order.pk).status == Order.Status.CANCELLED
    assert ProductVariant.objects.get(pk=small.pk).stock == 4
    assert len(mailoutbox) == 1
    assert "1 difference(s)" in reconcile()  # only the stranger's session remains


def test_without_keys_the_command_says_so(no_stripe_keys, db):
    with pytest.raises(CommandError, match="STRIPE_SECRET_KEY"):
        reconcile()


def test_the_periodic_task_fixes_a_lost_webhook(client, mug, stripe_standin, django_capture_on_commit_callbacks, mailoutbox):
    from store.tasks import reconcile_with_stripe

    stripe_standin.complete(start_checkout(client, variants_of(mug)[0], 1))

    with django_capture_on_commit_callbacks(execute=True):
        outcome = reconcile_with_stripe.call()

    assert outcome == {"differences": 1, "fixed": 1}
    assert Order.objects.get().status == Order.Status.PAID
    assert len(mailoutbox) == 1


def test_the_periodic_task_does_nothing_without_keys(no_stripe_keys, db):
    from store.tasks import reconcile_with_stripe

    assert reconcile_with_stripe.call() == "not configured"
