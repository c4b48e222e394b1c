"""The store's part of a reader's "My account": their orders, shown,
exported, claimed from guest checkouts and erased (see accounts.area).

Orders are accounting records: erasing keeps what was sold and for how much,
and clears who bought it and where it went."""

from django.db import transaction

from .models import Order


def _orders(user):
    return Order.objects.for_user(user).prefetch_related("lines")


def orders_context(user):
    """For templates/store/account_orders_panel.html: this user's orders only."""
    return {"orders": list(_orders(user)[:50])}


def export_orders(user):
    return [
        {
            "reference": order.reference,
            "status": order.status,
            "placed": order.created_at.isoformat(),
            "paid": order.paid_at.isoformat() if order.paid_at else None,
            "fulfilled": order.fulfilled_at.isoformat() if order.fulfilled_at else None,
            "currency": order.currency,
            "total_minor_units": order.amount_total if order.amount_total is not None else order.subtotal,
            "refunded_minor_units": order.amount_refunded,
            "email": order.email,
            "name": order.customer_name,
            "shipping_name": order.shipping_name,
            "shipping_address": order.shipping_address,
            "lines": [{"product": line.product_title, "variant": line.variant_name, "quantity": line.quantity, "unit_price_minor_units": line.unit_price} for line in order.lines.all()],
        }
        for order in _orders(user)
    ]


@transaction.atomic
def erase_orders(user, keep_comments=True):
    """Clear the personal fields of every order this user placed, and unlink
    them; amounts and lines stay for the accounts."""
    Order.objects.filter(user=user).update(user=None, email="", customer_name="", shipping_name="", shipping_address={})


def claim_orders(user, email):
    """Link guest orders placed with `email` (just verified by `user`)."""
    if not email:
        return 0
    return Order.objects.filter(user=None, email__iexact=email).update(user=user)


def register_with_accounts():
    """Called from StoreConfig.ready() when the accounts app is installed."""
    from accounts import area

    area.register_panel("orders", "store/account_orders_panel.html", orders_context, title="My orders")
    area.register_exporter("orders", export_orders)
    area.register_eraser("orders", erase_orders)
    area.register_claimer("orders", claim_orders)
