"""Orders are records, not content: saving one queues no Wagtail
reference-index task (a bench run of checkouts and webhooks queued
thousands, each a worker's round trip for nothing an editor uses)."""

import pytest

from store.models import Order

pytestmark = pytest.mark.django_db


def test_saving_an_order_queues_no_reference_index_task(client, django_user_model, queued_tasks):
    client.get("/")  # the admin's viewsets register their models once the URLs load, as in a running site
    shopper = django_user_model.objects.create_user("shopper", "shopper@example.org", "pw")
    order = Order.objects.create(currency="gbp", subtotal=1500, user=shopper, idempotency_key="key-1")
    order.status = Order.Status.PAID
    order.save()
    assert not [path for path in queued_tasks() if "reference_index" in path]
