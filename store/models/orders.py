"""What shoppers bought: orders, their lines (snapshots of price and name),
and the Stripe events that moved each order along."""

from django.conf import settings
from django.db import models

from ..money import format_money


class OrderQuerySet(models.QuerySet):
    def paid(self):
        """Paid and waiting to be sent out."""
        return self.filter(status=Order.Status.PAID)

    def pending(self):
        return self.filter(status=Order.Status.PENDING)

    def for_user(self, user):
        return self.filter(user=user).exclude(status=Order.Status.CANCELLED) if user.is_authenticated else self.none()


class Order(models.Model):
    wagtail_reference_index_ignore = True  # a record, not content (no Usage, no reference-index task per save)

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PAID = "paid", "Paid"
        FAILED = "failed", "Payment failed"
        REFUNDED = "refunded", "Refunded"
        DISPUTED = "disputed", "Disputed"
        FULFILLED = "fulfilled", "Fulfilled"
        CANCELLED = "cancelled", "Cancelled"

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    currency = models.CharField(max_length=3)
    subtotal = models.PositiveIntegerField(help_text="Sum of the lines, minor units.")
    amount_total = models.PositiveIntegerField(null=True, blank=True, help_text="What Stripe charged, minor units.")
    amount_refunded = models.PositiveIntegerField(default=0)
    email = models.EmailField(blank=True)
    customer_name = models.CharField(max_length=200, blank=True)
    shipping_name = models.CharField(max_length=200, blank=True)
    shipping_address = models.JSONField(default=dict, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="orders")
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)
    stripe_session_id = models.CharField("Stripe Checkout Session", max_length=255, unique=True, null=True, blank=True)
    stripe_payment_intent = models.CharField("Stripe PaymentIntent", max_length=255, blank=True, db_index=True)
    stock_reserved = models.BooleanField(default=True, help_text="Whether this order's quantities are taken out of stock.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    fulfilment_sent_at = models.DateTimeField(null=True, blank=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Order {self.reference}"

    @property
    def reference(self):
        return f"{self.pk:06d}" if self.pk else "(new)"

    @property
    def subtotal_display(self):
        return format_money(self.subtotal, self.currency)

    @property
    def total_display(self):
        return format_money(self.amount_total if self.amount_total is not None else self.subtotal, self.currency)

    @property
    def shipping_lines(self):
        """The shipping address as lines for a label, blanks left out."""
        address = self.shipping_address or {}
        parts = [self.shipping_name, address.get("line1"), address.get("line2"), address.get("city"), address.get("state"), address.get("postal_code"), address.get("country")]
        return [part for part in parts if part]


class OrderLine(models.Model):
    """What was bought, as it was at checkout: later edits to the product
    never change an order."""

    order = models.ForeignKey(Order, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey("store.ProductVariant", null=True, blank=True, on_delete=models.SET_NULL, related_name="order_lines")
    product_title = models.CharField(max_length=255)
    variant_name = models.CharField(max_length=80)
    sku = models.CharField(max_length=64, blank=True)
    unit_price = models.PositiveIntegerField()
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.quantity} × {self.product_title} ({self.variant_name})"

    @property
    def line_total(self):
        return self.unit_price * self.quantity

    @property
    def unit_price_display(self):
        return format_money(self.unit_price, self.order.currency)

    @property
    def line_total_display(self):
        return format_money(self.line_total, self.order.currency)


class StripeEvent(models.Model):
    """Each Stripe event we acted on, recorded once by its id in the same
    transaction as its effect: a replayed event finds its row and stops."""

    stripe_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    summary = models.CharField(max_length=255, blank=True)
    livemode = models.BooleanField(default=False)
    created = models.DateTimeField(null=True, blank=True, help_text="When Stripe created the event.")
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "pk"]

    def __str__(self):
        return f"{self.type} ({self.stripe_id})"
