"""Shoppers get each email once, over real SMTP (an aiosmtpd server on
loopback): the confirmation when their payment is confirmed, and "on its
way" when an editor marks the order fulfilled."""

import pytest

from store import fulfilment
from store.models import Order
from store.tasks import send_fulfilment_email, send_order_confirmation
from tests.store.factories import start_checkout, variants_of
from tests.store.stripe_events import event

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order(client, deliver, shirt, stripe_standin, smtp_sink):
    session_id = start_checkout(client, variants_of(shirt)[0], 2)
    session = stripe_standin.complete(session_id)
    deliver(event("checkout.session.completed", session))
    order = Order.objects.get()
    order.session = session
    return order


def test_confirmation_email_arrives_once_with_lines_total_and_address(paid_order, deliver, smtp_sink, client):
    deliver(event("checkout.session.completed", paid_order.session))  # Stripe sends it again
    client.get(f"/shop/checkout/success/?session_id={paid_order.stripe_session_id}")  # and the shopper returns

    (message,) = smtp_sink.to("shopper@example.com")
    assert message["Subject"] == f"Chronicle: order {paid_order.reference} confirmed"
    body = message.get_content()
    assert "2 × Awareness T-shirt (Small): £30.00" in body
    assert "Total paid: £30.00" in body
    assert "12 Willow Row" in body and "LS6 2AB" in body
    assert Order.objects.get().confirmation_sent_at is not None


def test_running_the_confirmation_task_again_sends_nothing(paid_order, smtp_sink):
    assert send_order_confirmation.call(paid_order.pk) == "already sent"
    assert len(smtp_sink.to("shopper@example.com")) == 1


def test_fulfilment_email_arrives_once(paid_order, smtp_sink, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert fulfilment.mark_fulfilled(paid_order.pk) is True
    with django_capture_on_commit_callbacks(execute=True):
        assert fulfilment.mark_fulfilled(paid_order.pk) is False
    assert send_fulfilment_email.call(paid_order.pk) == "already sent"

    messages = smtp_sink.to("shopper@example.com")
    assert [m["Subject"] for m in messages] == [f"Chronicle: order {paid_order.reference} confirmed", f"Chronicle: order {paid_order.reference} is on its way"]
    assert "1 × Awareness T-shirt (Small)" not in messages[1].get_content()
    assert "2 × Awareness T-shirt (Small)" in messages[1].get_content()


def test_mail_server_down_leaves_the_email_unsent_for_a_later_run(client, deliver, shirt, stripe_standin, smtp_sink):
    session_id = start_checkout(client, variants_of(shirt)[0], 1)
    smtp_sink.stop()

    deliver(event("checkout.session.completed", stripe_standin.complete(session_id)))

    order = Order.objects.get()
    assert order.status == Order.Status.PAID  # payment recorded regardless
    assert order.confirmation_sent_at is None
    smtp_sink.start()
    assert send_order_confirmation.call(order.pk) == "sent"
    assert len(smtp_sink.to("shopper@example.com")) == 1
