"""The shopper's cart, kept in the session as {variant id: quantity}.

Only ids and quantities live in the session; prices, names and stock always
come from the database when the cart is read, so nothing a browser sends can
change what something costs."""

from dataclasses import dataclass

from .models import ProductVariant

SESSION_KEY = "store_cart"
MAX_QUANTITY = 10  # of one variant in one order
MAX_LINES = 20  # different variants in one cart


def count_in(request):
    """Items in the shopper's cart, read from the session alone (no query
    beyond loading the session). 0 without a session cookie: such readers
    may be served a cached page, which must not depend on a cart."""
    from django.conf import settings

    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return 0
    return sum(Cart._clean(request.session.get(SESSION_KEY)).values())


class CartError(Exception):
    """A change the cart refuses; the message is for the shopper."""


@dataclass
class CartLine:
    variant: ProductVariant
    quantity: int

    @property
    def product(self):
        return self.variant.product

    @property
    def unit_price(self):
        return self.variant.price

    @property
    def line_total(self):
        return self.variant.price * self.quantity

    @property
    def currency(self):
        return self.variant.currency


class Cart:
    def __init__(self, session):
        self.session = session
        self._items = self._clean(session.get(SESSION_KEY))
        self._lines = None

    @staticmethod
    def _clean(raw):
        """Whatever is in the session, as {int id: int quantity in 1..MAX}."""
        items = {}
        if not isinstance(raw, dict):
            return items
        for key, value in list(raw.items())[:MAX_LINES]:
            try:
                variant_id, quantity = int(key), int(value)
            except (TypeError, ValueError):
                continue
            if variant_id > 0 and 1 <= quantity <= MAX_QUANTITY:
                items[variant_id] = quantity
        return items

    def _save(self):
        self._lines = None
        if self._items:
            self.session[SESSION_KEY] = {str(key): value for key, value in self._items.items()}
        else:
            self.session.pop(SESSION_KEY, None)
        self.session.modified = True

    # --- reading -------------------------------------------------------------

    def __bool__(self):
        return bool(self.lines())

    def __len__(self):
        """Number of items (sum of quantities)."""
        return sum(line.quantity for line in self.lines())

    def quantity_of(self, variant_id):
        return self._items.get(variant_id, 0)

    def lines(self):
        """The cart's lines with current prices, in the order they were added.
        Variants that no longer exist or are no longer for sale drop out."""
        if self._lines is None:
            variants = ProductVariant.objects.available().in_bulk(list(self._items))
            lines = [CartLine(variants[vid], quantity) for vid, quantity in self._items.items() if vid in variants]
            if len(lines) != len(self._items):
                self._items = {line.variant.pk: line.quantity for line in lines}
                self._save()
            self._lines = lines
        return self._lines

    @property
    def currency(self):
        lines = self.lines()
        return lines[0].currency if lines else None

    @property
    def total(self):
        """In minor units of `currency`; all lines share one currency."""
        return sum(line.line_total for line in self.lines())

    # --- changing ------------------------------------------------------------

    def _check(self, variant, quantity):
        if not 1 <= quantity <= MAX_QUANTITY:
            raise CartError(f"Choose a quantity from 1 to {MAX_QUANTITY}.")
        if variant.stock is not None and quantity > variant.stock:
            raise CartError(f"Sorry, {variant.product.title} ({variant.name}) is sold out." if variant.stock == 0 else f"Only {variant.stock} of {variant.product.title} ({variant.name}) left.")
        others = [line for line in self.lines() if line.variant.pk != variant.pk]
        if others and others[0].currency != variant.currency:
            raise CartError(f"Your cart holds items priced in {others[0].currency}; please check those out before adding items priced in {variant.currency}.")
        if variant.pk not in self._items and len(self._items) >= MAX_LINES:
            raise CartError(f"A cart holds at most {MAX_LINES} different items.")

    def add(self, variant, quantity):
        """Add `quantity` of `variant` (from ProductVariant.objects.available())."""
        total = self.quantity_of(variant.pk) + quantity
        if total > MAX_QUANTITY:
            raise CartError(f"You can buy up to {MAX_QUANTITY} of one item; your cart already has {self.quantity_of(variant.pk)}.")
        self._check(variant, total)
        self._items[variant.pk] = total
        self._save()

    def set(self, variant, quantity):
        self._check(variant, quantity)
        self._items[variant.pk] = quantity
        self._save()

    def remove(self, variant_id):
        if self._items.pop(variant_id, None) is not None:
            self._save()

    def clear(self):
        self._items = {}
        self._save()
