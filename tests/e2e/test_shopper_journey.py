"""Journey 5, the shopper: home -> store -> a product -> a size (a variant) ->
add to cart -> the cart (quantity changed) -> "Check out" -> Stripe's hosted
checkout page -> pay -> back on the site's success page, "processing" until
Stripe's webhook says the payment cleared, then "Payment received"; the cart
is empty after, and the paid order is in the Wagtail admin's Orders.

Every control is reached with Tab and used with the keyboard. The site's own
pages get every check of tests/e2e (axe WCAG 2.2 A/AA in light and dark, HTML
validity, skip link, reflow, screenshots).

Stripe's servers cannot be reached from here, so Stripe is played by the
local stand-in of the store tests (tests/store/stripe_standin.py): the real
stripe SDK talks HTTP to it (STRIPE_API_BASE), it serves the hosted checkout
page, and it posts webhook events to the site over HTTP, signed with the
SDK's scheme and the test webhook secret. That stand-in at the boundary is
the only fake in this journey.

The shopper pays by bank debit: Stripe then sends them back before the
payment has cleared (checkout.session.completed with payment_status
"unpaid"), and says so later (checkout.session.async_payment_succeeded).
That is the one way to pay where a shopper sees the page both before and
after the webhook that confirms payment; a card is confirmed at once, by the
webhook or by the success page asking Stripe (tests/store/test_success_page.py)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from store.models import Order, ProductVariant
from tests.e2e.helpers import log_in_to_admin, press_enter, urlpath
from tests.factories import build_site
from tests.store.stripe_events import WEBHOOK_SECRET, WEBHOOK_URL
from tests.store.stripe_standin import StripeStandIn

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Where the site sends the shopper to pay: the `url` of the Checkout Session
# the stand-in creates, as Stripe's would be (and what the cart page's
# Content-Security-Policy form-action allows).
STRIPE_CHECKOUT = "https://checkout.stripe.com"
ADMIN_PASSWORD = "a long, unguessable passphrase"
PRODUCT = "Awareness T-shirt"  # store.demo: sizes Small, Medium, Large (counted stock) and a sold-out Extra large


@pytest.fixture
def stripe_standin(settings, live_server):
    """Stripe, played on loopback; the site's settings point the SDK at it,
    and its webhook events go to the site on the live server."""
    standin = StripeStandIn().start()
    settings.STRIPE_SECRET_KEY = "sk_test_standin"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_standin"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = standin.url
    standin.webhook_url = live_server.url + WEBHOOK_URL
    standin.webhook_secret = WEBHOOK_SECRET
    yield standin
    standin.stop()


@pytest.fixture
def shop(site_on_live_server, stripe_standin):
    """The store demo (store.demo: a Store page with three products, two
    external stores) on a bare site, and a staff member to look at orders."""
    from store.demo import StoreDemoLoader

    build_site()
    StoreDemoLoader().load()
    site_on_live_server()
    get_user_model().objects.create_superuser("keeper@example.com", "keeper@example.com", ADMIN_PASSWORD)
    return stripe_standin


def test_shopper_journey(journey, shop):
    page = journey.page
    standin = shop

    # "Check out" sends the browser to Stripe's hosted checkout page, a third
    # party: that one origin is answered by the stand-in on loopback (the
    # browser still sees Stripe's URL, so the cart page's form-action policy
    # is tested for real); every other host stays blocked.
    journey.stand_in_for(STRIPE_CHECKOUT, standin.url, "Stripe's hosted checkout page, played by tests/store/stripe_standin.py: Stripe cannot be reached from here")

    # Home: the store is in the site's navigation.
    journey.goto("/")
    journey.check_page("home")
    journey.tab_to(page.get_by_role("navigation").first.get_by_role("link", name="Store", exact=True))
    press_enter(page)
    assert urlpath(page.url) == "/store/"
    journey.check_page("store")

    # The store lists the products; open the T-shirt.
    journey.tab_to(page.locator("main").get_by_role("link", name=PRODUCT, exact=True))
    press_enter(page)
    assert page.locator("h1").inner_text() == PRODUCT
    journey.check_page("product")

    # Choose a size: Tab reaches the radio group at its checked option, the
    # arrow keys move to the next size. The sold-out size cannot be chosen.
    small = page.get_by_role("radio", name=re.compile(r"^Small"))
    medium = page.get_by_role("radio", name=re.compile(r"^Medium"))
    extra_large = page.get_by_role("radio", name=re.compile(r"^Extra large"))
    assert small.is_checked() and extra_large.is_disabled()
    assert "(sold out)" in page.locator("label", has=page.locator(".sold-out")).inner_text()
    journey.tab_to(small)
    page.keyboard.press("ArrowDown")
    assert medium.is_checked() and medium.evaluate("el => el === document.activeElement")
    quantity = page.get_by_label("Quantity", exact=True)
    journey.tab_to(quantity, from_top=False)
    assert quantity.input_value() == "1"
    journey.tab_to(page.get_by_role("button", name="Add to cart"), from_top=False)
    press_enter(page)

    # The cart: one Medium T-shirt; make it two.
    assert urlpath(page.url) == "/shop/cart/"
    main = page.locator("main")
    assert f"Added 1 × {PRODUCT} (Medium) to your cart." in main.inner_text()
    journey.check_page("cart")
    line_quantity = page.get_by_label(f"Quantity of {PRODUCT} (Medium)")
    journey.tab_to(line_quantity)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("2")
    journey.tab_to(page.get_by_role("button", name=f"Update {PRODUCT} (Medium)"), from_top=False)
    press_enter(page)
    assert urlpath(page.url) == "/shop/cart/"
    assert f"{PRODUCT} (Medium): quantity 2." in main.inner_text()
    assert page.locator(".cart-total").inner_text() == "£36.00"
    journey.check_page("cart-updated")

    # "Check out": a pending order, its stock held, and a Checkout Session
    # made through the real SDK; the browser is sent to the session's page.
    journey.tab_to(page.get_by_role("button", name="Check out"))
    press_enter(page)
    assert page.url.startswith(f"{STRIPE_CHECKOUT}/c/pay/cs_test_"), page.url
    session_id = page.url.rsplit("/", 1)[-1]
    order = Order.objects.get()
    assert order.status == Order.Status.PENDING and order.stripe_session_id == session_id
    (created,) = standin.created_sessions()
    assert created.idempotency_key == order.idempotency_key
    assert ProductVariant.objects.get(sku="TEE-M").stock == 12 - 2

    # Stripe's page (the stand-in's): what is being paid for, and how.
    # Not the site's page, so not checked like one.
    assert page.locator("h1").inner_text() == "Pay 36.00 GBP"
    assert f"2 × {PRODUCT} — Medium: 36.00 GBP" in page.locator("main").inner_text()
    journey.tab_to(page.get_by_role("button", name="Pay by bank debit"))
    press_enter(page)

    # Back on the site. Stripe has told the webhook the session is complete,
    # the debit not cleared yet: the page says so and sends no receipt.
    assert urlpath(page.url) == "/shop/checkout/success/" and f"session_id={session_id}" in page.url
    assert standin.deliveries == [("checkout.session.completed", session_id, 200)]
    assert page.locator("h1").inner_text() == "Your payment is processing"
    assert "Payment received" not in page.locator("main").inner_text()
    journey.check_page("checkout-processing")
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING and order.email == "shopper@example.com"
    assert not mail.outbox

    # Stripe's webhook: the debit has cleared.
    cleared = standin.set_payment_status(session_id, "paid")
    assert standin.send_event("checkout.session.async_payment_succeeded", cleared) == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PAID

    # The shopper checks again: payment received, and a receipt by email.
    journey.tab_to(page.get_by_role("link", name="Check again"))
    press_enter(page)
    assert page.locator("h1").inner_text() == "Payment received — thank you!"
    main_text = page.locator("main").inner_text()
    assert f"Your order {order.reference} is confirmed." in main_text
    assert f"2 × {PRODUCT} (Medium) — £36.00" in main_text and "Total: £36.00" in main_text
    journey.check_page("payment-received")
    assert [message.to for message in mail.outbox] == [["shopper@example.com"]]
    assert order.reference in mail.outbox[0].subject + mail.outbox[0].body

    # The cart is empty now.
    journey.tab_to(page.get_by_role("link", name="Back to the store"))
    press_enter(page)
    assert urlpath(page.url) == "/store/"
    cart_link = page.locator("main .cart-link a")
    assert cart_link.inner_text() == "Your cart"  # no item count
    journey.check_page("store-after-paying")
    journey.tab_to(cart_link)
    press_enter(page)
    assert urlpath(page.url) == "/shop/cart/"
    assert "Your cart is empty." in page.locator("main").inner_text()
    journey.check_page("cart-empty")

    # The shop's keeper sees the paid order in the admin, waiting to be fulfilled.
    log_in_to_admin(journey, "keeper@example.com", ADMIN_PASSWORD)
    journey.tab_to(page.get_by_role("link", name="1 order to fulfil"))
    press_enter(page)
    assert urlpath(page.url) == "/admin/store/orders/"
    journey.check_page("admin-orders-to-fulfil")
    row = page.locator("tbody tr", has_text=str(order))
    assert row.count() == 1, page.locator("main").inner_text()
    assert "Paid" in row.inner_text() and "shopper@example.com" in row.inner_text() and "£36.00" in row.inner_text()

    journey.finish()
