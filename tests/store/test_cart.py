"""The cart: arithmetic on the server in minor units, from database prices;
anything a browser tampers with is ignored or rejected, never trusted."""

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from store.cart import MAX_QUANTITY, SESSION_KEY, Cart
from tests.store.factories import add_to_cart, make_product, variant, variants_of
from tests.utils import main_content

pytestmark = pytest.mark.django_db


def cart_of(client):
    return dict(client.session.get(SESSION_KEY, {}))


def test_totals_add_up_across_variants_and_quantities(client, shirt, mug, stripe_standin):
    small, medium, large = variants_of(shirt)
    (mug_variant,) = variants_of(mug)

    add_to_cart(client, small, 2)
    add_to_cart(client, large, 1)
    add_to_cart(client, mug_variant, 3)
    add_to_cart(client, small, 1)  # adds to the same line

    cart = Cart(client.session)
    assert [(line.variant.pk, line.quantity, line.line_total) for line in cart.lines()] == [
        (small.pk, 3, 4500),
        (large.pk, 1, 1750),
        (mug_variant.pk, 3, 2997),
    ]
    assert cart.total == 9247 and cart.currency == "GBP" and len(cart) == 7
    html = main_content(client.get("/shop/cart/"))
    assert "£92.47" in html and "£45.00" in html and "£29.97" in html


def test_posted_prices_are_ignored(client, mug, stripe_standin):
    (mug_variant,) = variants_of(mug)

    add_to_cart(client, mug_variant, 2, price=1, unit_amount=1, total=1, currency="JPY")

    cart = Cart(client.session)
    assert cart.total == 1998 and cart.currency == "GBP"


def test_cart_uses_todays_price_not_the_one_when_added(client, mug, stripe_standin):
    (mug_variant,) = variants_of(mug)
    add_to_cart(client, mug_variant, 2)
    type(mug_variant).objects.filter(pk=mug_variant.pk).update(price=1200)

    assert Cart(client.session).total == 2400


@pytest.mark.parametrize("quantity", ["0", "-1", "11", "1000000", "", "abc", "2.5", "1e3", "٠", "2\u200b", "<script>alert(1)</script>", "9" * 10_000])
def test_out_of_range_or_junk_quantity_is_a_form_error_and_changes_nothing(client, mug, stripe_standin, quantity):
    (mug_variant,) = variants_of(mug)
    add_to_cart(client, mug_variant, 1)

    response = client.post("/shop/cart/add/", {"product": mug.pk, "variant": mug_variant.pk, "quantity": quantity})

    assert response.status_code == 400
    assert f"Choose a quantity from 1 to {MAX_QUANTITY}." in response.content.decode()
    assert cart_of(client) == {str(mug_variant.pk): 1}
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("variant_value", ["", "0", "-5", "999999", "abc", "9" * 5000, "1 OR 1=1"])
def test_tampered_variant_is_rejected(client, mug, stripe_standin, variant_value):
    response = client.post("/shop/cart/add/", {"product": mug.pk, "variant": variant_value, "quantity": 1})

    assert response.status_code == 400
    assert "Choose one of the options shown." in response.content.decode()
    assert cart_of(client) == {}


def test_variant_of_another_product_or_unpublished_product_is_rejected(client, shirt, mug, store, stripe_standin):
    (mug_variant,) = variants_of(mug)
    hidden = make_product(store, "Draft scarf", variants=[variant("Scarf")], publish=False)
    (hidden_variant,) = variants_of(hidden)

    wrong_product = client.post("/shop/cart/add/", {"product": shirt.pk, "variant": mug_variant.pk, "quantity": 1})
    unpublished = client.post("/shop/cart/add/", {"product": hidden.pk, "variant": hidden_variant.pk, "quantity": 1})

    assert wrong_product.status_code == 400 and unpublished.status_code == 400
    assert cart_of(client) == {}


def test_more_than_in_stock_is_refused(client, shirt, stripe_standin):
    medium = variants_of(shirt)[1]  # 2 in stock

    response = add_to_cart(client, medium, 3)

    assert response.status_code == 400
    assert "Only 2 of Awareness T-shirt (Medium) left." in response.content.decode()
    assert cart_of(client) == {}


def test_one_line_is_capped_at_the_maximum_quantity(client, mug, stripe_standin):
    (mug_variant,) = variants_of(mug)
    add_to_cart(client, mug_variant, MAX_QUANTITY)

    response = add_to_cart(client, mug_variant, 1)

    assert response.status_code == 400
    assert cart_of(client) == {str(mug_variant.pk): MAX_QUANTITY}


def test_one_currency_per_cart(client, store, mug, stripe_standin):
    dollar = make_product(store, "US poster", variants=[variant("Poster", price=2000, currency="USD")])
    (mug_variant,) = variants_of(mug)
    (dollar_variant,) = variants_of(dollar)
    add_to_cart(client, mug_variant, 1)

    response = add_to_cart(client, dollar_variant, 1)

    assert response.status_code == 400
    assert "priced in GBP" in response.content.decode()
    assert cart_of(client) == {str(mug_variant.pk): 1}


def test_change_quantity_and_remove(client, shirt, mug, stripe_standin):
    small = variants_of(shirt)[0]
    (mug_variant,) = variants_of(mug)
    add_to_cart(client, small, 1)
    add_to_cart(client, mug_variant, 1)

    assert client.post("/shop/cart/update/", {"variant": small.pk, "quantity": 4}).status_code == 302
    assert cart_of(client) == {str(small.pk): 4, str(mug_variant.pk): 1}
    assert client.post("/shop/cart/update/", {"variant": small.pk, "quantity": 0}).status_code == 400
    assert client.post("/shop/cart/update/", {"variant": small.pk, "quantity": 6}).status_code == 400  # 5 in stock
    assert cart_of(client) == {str(small.pk): 4, str(mug_variant.pk): 1}
    assert client.post("/shop/cart/remove/", {"variant": small.pk}).status_code == 302
    assert cart_of(client) == {str(mug_variant.pk): 1}
    assert client.post("/shop/cart/remove/", {"variant": "x"}).status_code == 400
    assert Cart(client.session).total == 999


def test_cart_pages_are_never_cached(client, mug, stripe_standin):
    response = client.get("/shop/cart/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_cart_forms_work_without_javascript(client, mug, stripe_standin):
    (mug_variant,) = variants_of(mug)
    add_to_cart(client, mug_variant, 1)
    html = main_content(client.get("/shop/cart/"))
    assert html.count("csrfmiddlewaretoken") == 3  # update, remove, check out
    assert f'<label for="quantity-{mug_variant.pk}" class="visually-hidden">' in html


def test_items_no_longer_for_sale_drop_out_of_the_cart(client, mug, stripe_standin):
    (mug_variant,) = variants_of(mug)
    add_to_cart(client, mug_variant, 2)
    mug.unpublish()

    html = main_content(client.get("/shop/cart/"))

    assert "Your cart is empty." in html


def test_junk_in_the_session_is_tolerated(client, mug, stripe_standin):
    (mug_variant,) = variants_of(mug)
    session = client.session
    session[SESSION_KEY] = {"x": 1, str(mug_variant.pk): "2", "5": 10_000, "-1": 1}
    session.save()

    assert Cart(client.session).total == 1998
    assert client.get("/shop/cart/").status_code == 200


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(variant_value=st.text(max_size=30), quantity=st.one_of(st.text(max_size=12), st.integers(min_value=-(10**12), max_value=10**12).map(str)))
def test_no_posted_combination_is_a_server_error(client, mug, stripe_standin, variant_value, quantity):
    response = client.post("/shop/cart/add/", {"product": mug.pk, "variant": variant_value.replace("\x00", ""), "quantity": quantity.replace("\x00", "")})
    assert response.status_code in (302, 400)
    cart = Cart(client.session)
    assert all(1 <= line.quantity <= MAX_QUANTITY for line in cart.lines())
    assert cart.total == sum(999 * line.quantity for line in cart.lines())
