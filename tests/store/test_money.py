"""Money is minor units plus a currency code; people see "£12.50"."""

import pytest

from store.money import format_money


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (1250, "GBP", "£12.50"),
        (1250, "gbp", "£12.50"),
        (5, "USD", "$0.05"),
        (0, "EUR", "€0.00"),
        (123456789, "GBP", "£1,234,567.89"),
        (-500, "USD", "-$5.00"),
        (1200, "JPY", "¥1,200"),
        (1999, "CAD", "CA$19.99"),
        (1250, "CHF", "12.50 CHF"),
        (None, "GBP", "£0.00"),
    ],
)
def test_format_money(amount, currency, text):
    assert format_money(amount, currency) == text


def test_money_filter_in_templates():
    from django.template import Context, Template

    assert Template("{% load store_tags %}{{ 999|money:'GBP' }}").render(Context()) == "£9.99"
