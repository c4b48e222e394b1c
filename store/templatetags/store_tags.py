"""Template helpers for the store: money and the shopper's cart size."""

from django import template

from store.money import format_money

register = template.Library()


@register.filter
def money(amount, currency):
    """{{ variant.price|money:variant.currency }} -> "£12.50"."""
    return format_money(amount, currency)
