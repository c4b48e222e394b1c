"""The shopper's side of the store that is not a page: the cart, checkout,
Stripe's return pages and Stripe's webhook. Views validate, then call a named
function in cart, checkout, fulfilment or webhooks."""

import logging
import re

import stripe
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from chronicle.csrf import confirm_without_token

from . import checkout, stripe_api, webhooks
from .cart import MAX_QUANTITY, Cart, CartError
from .forms import AddToCartForm, LineForm, RemoveForm, first_error
from .models import Order, ProductPage, StorePage

logger = logging.getLogger(__name__)

WEBHOOK_TOLERANCE = 300  # seconds; older signatures are replays
SESSION_ID = re.compile(r"cs_[A-Za-z0-9_]{1,250}")
# The checkout form posts to us and we redirect to Stripe's hosted page; the
# page holding the form must allow that in its form-action policy.
STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com"


def _store_page():
    return StorePage.objects.live().order_by("path").first()


def _product(raw_id):
    try:
        return ProductPage.objects.live().filter(pk=int(raw_id)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def _cart_page(request, status=200, error=None):
    cart = Cart(request.session)
    context = {
        "cart": cart,
        "lines": cart.lines(),
        "store_page": _store_page(),
        "error": error,
        "max_quantity": MAX_QUANTITY,
        "checkout_available": stripe_api.is_configured(),
    }
    return render(request, "store/cart.html", context, status=status)


def _product_page(request, product, form, status=200, confirm=False):
    """The product page again, with the shopper's choice filled in and the
    form's errors (or a request to confirm) next to the buy button."""
    context = product.get_context(request)
    context.update(
        form=form,
        confirm=confirm,
        csrf_inline=True,
        selected_variant=str(form.data.get("variant", "")),
        selected_quantity=str(form.data.get("quantity", "1"))[:4],
    )
    return render(request, product.get_template(request), context, status=status)


@require_GET
@never_cache
@csp_update({"form-action": [STRIPE_CHECKOUT_ORIGIN]})
def cart_view(request):
    return _cart_page(request)


@require_POST
@never_cache
@confirm_without_token
def cart_add(request):
    """Add to cart from a product page. Those pages are cached for anonymous
    readers, so the form may arrive without a CSRF token: then nothing
    changes and the shopper is asked to confirm (see chronicle.csrf)."""
    form = AddToCartForm(request.POST)
    product = _product(request.POST.get("product"))
    if not stripe_api.is_configured():
        if product is None:
            return _cart_page(request, status=400, error="Buying here is not available yet.")
        return _product_page(request, product, form)  # it says checkout is not available yet
    if request.csrf_confirmation_needed:
        if product is None:
            return _cart_page(request, status=400, error="That product is not available.")
        return _product_page(request, product, form, confirm=True)
    if form.is_valid():
        variant, quantity = form.cleaned_data["variant"], form.cleaned_data["quantity"]
        try:
            Cart(request.session).add(variant, quantity)
        except CartError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Added {quantity} × {variant.product.title} ({variant.name}) to your cart.")
            return redirect("store:cart")
    if product is None:
        return _cart_page(request, status=400, error=first_error(form) if form.errors else "That product is not available.")
    return _product_page(request, product, form, status=400)


@require_POST
@never_cache
def cart_update(request):
    form = LineForm(request.POST)
    if not form.is_valid():
        return _cart_page(request, status=400, error=first_error(form))
    variant, quantity = form.cleaned_data["variant"], form.cleaned_data["quantity"]
    try:
        Cart(request.session).set(variant, quantity)
    except CartError as error:
        return _cart_page(request, status=400, error=str(error))
    messages.success(request, f"{variant.product.title} ({variant.name}): quantity {quantity}.")
    return redirect("store:cart")


@require_POST
@never_cache
def cart_remove(request):
    form = RemoveForm(request.POST)
    if not form.is_valid():
        return _cart_page(request, status=400, error="That item is not in your cart.")
    Cart(request.session).remove(form.cleaned_data["variant"])
    messages.success(request, "Item removed from your cart.")
    return redirect("store:cart")


@require_POST
@never_cache
def checkout_start(request):
    try:
        started = checkout.start(Cart(request.session), request)
    except checkout.CheckoutError as error:
        messages.error(request, str(error))
        return redirect("store:cart")
    response = HttpResponseRedirect(started.url)
    response.status_code = 303  # the browser follows with a GET
    return response


@require_GET
@never_cache
def checkout_success(request):
    """Where Stripe sends the shopper after paying. The redirect alone proves
    nothing: the page says "payment received" only once the order is paid
    (by the webhook, or by asking Stripe here), and "processing" until then."""
    session_id = request.GET.get("session_id", "")
    if not SESSION_ID.fullmatch(session_id):
        raise Http404("No such checkout")
    order = Order.objects.filter(stripe_session_id=session_id).first()
    if order is None:
        raise Http404("No such checkout")
    if order.status == Order.Status.PENDING and stripe_api.is_configured():
        order = checkout.confirm(session_id) or order
    paid = order.status in (Order.Status.PAID, Order.Status.FULFILLED)
    if paid and request.session.get(checkout.SESSION_ORDER_KEY) == order.pk:
        Cart(request.session).clear()
        del request.session[checkout.SESSION_ORDER_KEY]
    context = {"order": order, "lines": list(order.lines.all()), "paid": paid, "store_page": _store_page()}
    return render(request, "store/checkout_success.html", context)


@require_GET
@never_cache
def checkout_cancel(request):
    checkout.cancel(request)
    messages.info(request, "Checkout cancelled: nothing was charged, and your cart is as you left it.")
    return redirect("store:cart")


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events. 400 for anything not signed by Stripe (nothing is
    stored); 200 once an event is handled, or was already, or is not ours to
    handle; 500 with a generic message if handling failed (Stripe retries)."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        logger.error("Stripe webhook received but STRIPE_WEBHOOK_SECRET is not set")
        return HttpResponseBadRequest("Webhook not configured", content_type="text/plain")
    try:
        event = stripe.Webhook.construct_event(request.body, request.headers.get("Stripe-Signature"), secret, tolerance=WEBHOOK_TOLERANCE)
        event = stripe_api.as_dict(event)
        if not isinstance(event.get("id"), str) or not isinstance(event.get("type"), str):
            raise ValueError("not an event")
    except (ValueError, TypeError, AttributeError, stripe.SignatureVerificationError):
        # ValueError: not UTF-8 or not JSON; AttributeError/TypeError: signed
        # JSON that is not an object (the SDK assumes one).
        logger.warning("Stripe webhook rejected: missing, bad or stale signature, or not an event")
        return HttpResponseBadRequest("Invalid payload or signature", content_type="text/plain")
    try:
        outcome = webhooks.process(event)
    except Exception:
        logger.exception("Stripe webhook %s (%s) failed; rolled back", event["id"], event["type"])
        return HttpResponse("Webhook handler failed", status=500, content_type="text/plain")
    return HttpResponse(outcome, content_type="text/plain")
