"""Money is an integer number of minor units (pence, cents) plus an ISO 4217
currency code. This module turns that pair into text for people."""

# Symbol and number of decimal places per currency the store can sell in.
# Stripe counts zero-decimal currencies (JPY) in whole units, like we do.
CURRENCIES = {
    "GBP": ("£", 2),
    "USD": ("$", 2),
    "EUR": ("€", 2),
    "CAD": ("CA$", 2),
    "AUD": ("A$", 2),
    "JPY": ("¥", 0),
}
CURRENCY_CHOICES = [(code, code) for code in CURRENCIES]


def format_money(amount, currency):
    """1250, "GBP" -> "£12.50"; -500, "USD" -> "-$5.00"; 1200, "JPY" -> "¥1,200".
    An unknown currency is shown with its code: 1250, "CHF" -> "12.50 CHF"."""
    code = (currency or "").upper()
    symbol, decimals = CURRENCIES.get(code, (None, 2))
    amount = int(amount or 0)
    sign = "-" if amount < 0 else ""
    whole, fraction = divmod(abs(amount), 10**decimals)
    number = f"{whole:,}" + (f".{fraction:0{decimals}d}" if decimals else "")
    if symbol is None:
        return f"{sign}{number} {code}".strip()
    return f"{sign}{symbol}{number}"


def decimals_for(currency):
    return CURRENCIES.get((currency or "").upper(), (None, 2))[1]
