"""The bench's store and its Stripe stand-in.

Run by the harness in child processes with bench.bench_env():

    python -m bench.shop build --products N     # the demo store, topped up to N live products
    python -m bench.shop standin                # the Stripe stand-in, until SIGTERM
    python -m bench.shop events --count N --variant ID --host H --out PATH
    python -m bench.shop verify

`build` is a top-up like bench.data: the first call loads the store demo
(store.demo: a Store page, a T-shirt in four sizes with counted stock, a mug,
a hoodie sold at an external store, a collection, two external stores), then
adds generated products until the store has exactly N: apparel in three to
five sizes with counted stock (some sold out), single-variant items with
uncounted stock, and some sold only elsewhere; one to three images each
(the demo images), in zero to two collections. They sort after the demo
products, so the store's first page shows the same demo products first at
every size. Manifest (last line): {"products", "urls": {"store", "product"},
"checkout": {"product", "variant"}, "seconds"}; "product" is the demo
T-shirt, and the checkout figure buys the demo mug (uncounted stock, so it
never sells out mid-run).

`standin` serves tests/store/stripe_standin.StripeStandIn — the test suite's
local stand-in for Stripe's API (Stripe's servers are out of reach here and
must never receive bench traffic) — in its own process on a free loopback
port, printing {"url": ...} as its first line. The site's SDK reaches it
through STRIPE_API_BASE (see stripe_env()).

`events` makes N paid-for checkouts as the webhook figure needs them: for
each, a pending order (checkout.create_order, stock reserved) and its Checkout
Session created on the stand-in with checkout.session_params and the order's
idempotency key — the same calls the checkout view makes — then writes the
matching `checkout.session.completed` events (tests/store/stripe_events,
payment completed as on Stripe's page) to PATH, unsigned: the load client
signs each one as it sends it. It also reports how many it made per second in-process
(the store's checkout service without the site's HTTP in front, four threads).

`verify` prints what the write load left: orders by status, Stripe events
recorded, and tasks queued for the worker.

The module imports no Django at import time (the harness imports
stripe_env from it)."""

import argparse
import json
import os
import signal
import sys
import time

from bench.data import setup_django

WEBHOOK_SECRET = "whsec_bench_loopback_only"
SECRET_KEY = "sk_test_bench_standin"
PUBLISHABLE_KEY = "pk_test_bench_standin"
UNREACHABLE = "http://127.0.0.1:9"  # discard port: nothing answers, nothing leaves the machine


def stripe_env(api_base=None):
    """The Stripe variables every bench child runs with: test-mode keys that
    only the stand-in accepts, and the SDK pointed at the stand-in (or at a
    loopback port where nothing listens), never at Stripe."""
    return {
        "STRIPE_SECRET_KEY": SECRET_KEY,
        "STRIPE_PUBLISHABLE_KEY": PUBLISHABLE_KEY,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": api_base or UNREACHABLE,
    }


DESIGNS = ["Spoonie", "Zebra stripes", "Purple ribbon", "Rest is resistance", "Gentle days", "Invisible illness", "Pacing pro", "Soft warrior", "Tired but trying", "Flare survivor"]
ITEMS = [
    ("T-shirt", "apparel"), ("Hoodie", "apparel"), ("Sweatshirt", "apparel"), ("Tote bag", "single"), ("Mug", "single"),
    ("Enamel pin", "single"), ("Sticker pack", "single"), ("Water bottle", "single"), ("Beanie", "apparel"), ("Notebook", "single"),
]  # fmt: skip
SIZES = [("Small", "S"), ("Medium", "M"), ("Large", "L"), ("Extra large", "XL"), ("2XL", "XXL")]
COLLECTIONS = [("Mugs and homeware", "mugs-and-homeware"), ("Pins and patches", "pins-and-patches"), ("Spoonie essentials", "spoonie-essentials")]


def _product(store, number, images, collections, external_stores):
    from django.utils import timezone
    from django.utils.text import slugify

    from store.models import ProductImage, ProductPage, ProductVariant

    design = DESIGNS[number % len(DESIGNS)]
    item, kind = ITEMS[(number // len(DESIGNS)) % len(ITEMS)]
    external = external_stores and number % 10 == 7
    title = f"{design} {item.lower()} {number}"
    moment = timezone.now()
    page = ProductPage(
        title=title,
        slug=f"bench-{number}-{slugify(title)}"[:255],
        summary=f"The “{design}” design on a {item.lower()}, made for slow days and good ones.",
        description=(
            f"<p>Our “{design}” design, drawn by a member of the community, on a {item.lower()}. "
            "Printed to order with water-based inks; gentle on skin that hurts.</p><ul><li>Soft, tagless finish</li><li>Machine washable at 30°C</li></ul>"
        ),
        proceeds="All profit goes to the community's peer support line." if number % 3 == 0 else "",
        external_store=external_stores[number % len(external_stores)] if external else None,
        external_url=f"https://www.teepublic.com/bench/{number}" if external else "",
        live=True,
        has_unpublished_changes=False,
        first_published_at=moment,
        last_published_at=moment,
    )
    variants = []
    if not external:
        if kind == "apparel":
            for i, (name, size) in enumerate(SIZES[: 3 + number % 3]):
                stock = None if number % 4 == 0 else (number + i) % 9  # some sizes sold out
                variants.append(ProductVariant(name=name, size=size, price=1800 + 200 * (i >= 3), currency="GBP", stock=stock, sku=f"B{number}-{size}"))
        else:
            variants.append(ProductVariant(name="One size", price=800 + 100 * (number % 7), currency="GBP", stock=None, sku=f"B{number}"))
    page.variants = variants
    if images:
        page.images = [ProductImage(image=images[(number + i) % len(images)], alt_text=f"{design} {item.lower()}, view {i + 1}") for i in range(1 + number % 3)]
    page.collections = [collections[(number + i) % len(collections)] for i in range(number % 3)] if collections else []
    store.add_child(instance=page)
    return page


def build(total):
    from django.db import transaction
    from wagtail.images import get_image_model

    from store.demo import StoreDemoLoader
    from store.models import ExternalStore, ProductCollection, ProductPage, StorePage

    started = time.monotonic()
    if not StorePage.objects.exists():
        StoreDemoLoader().load()
    store = StorePage.objects.live().order_by("path").first()
    if store is None:
        raise SystemExit("bench.shop: the store demo did not create a store page (is the blog demo loaded?)")
    existing = ProductPage.objects.child_of(store).count()
    if existing > total:
        raise SystemExit(f"The bench store already has {existing} products, more than the {total} asked for")
    images = list(get_image_model().objects.order_by("pk"))
    with transaction.atomic():
        collections = list(ProductCollection.objects.order_by("pk"))
        for name, slug in COLLECTIONS:
            if not any(c.slug == slug for c in collections):
                collections.append(ProductCollection.objects.create(name=name, slug=slug))
        external_stores = list(ExternalStore.objects.order_by("pk"))
        generated = ProductPage.objects.child_of(store).filter(slug__startswith="bench-").count()
        for offset in range(total - existing):
            _product(store, generated + offset + 1, images, collections, external_stores)

    products = ProductPage.objects.child_of(store).live()
    shirt = products.filter(slug="awareness-t-shirt").first() or products.order_by("path").first()
    mug = products.filter(slug="spoonie-mug").first()
    variant = (mug.variants.filter(stock__isnull=True).first() if mug else None) or _untracked_variant(products)
    return {
        "products": products.count(),
        "added": total - existing,
        "seconds": round(time.monotonic() - started, 2),
        "urls": {"store": store.url, "product": shirt.url},
        "checkout": {"product": variant.product_id, "variant": variant.pk, "title": f"{variant.product.title} ({variant.name})"},
    }


def _untracked_variant(products):
    from store.models import ProductVariant

    return ProductVariant.objects.filter(product__in=products, stock__isnull=True).order_by("pk").first()


def serve_standin():
    from tests.store.stripe_standin import StripeStandIn

    standin = StripeStandIn().start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(json.dumps({"url": standin.url, "pid": os.getpid()}), flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        standin.stop()


def events(count, variant_id, host, out, threads=4):
    import copy
    import secrets
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection
    from django.test import RequestFactory

    from store import checkout, stripe_api
    from store.cart import CartLine
    from store.models import Order, ProductVariant
    from tests.store.stripe_events import event
    from tests.store.stripe_standin import load

    variant = ProductVariant.objects.available().get(pk=variant_id)
    request = RequestFactory().get("/shop/checkout/", HTTP_HOST=host)
    details = load("completed_details.json")

    def one(_):
        try:
            order = checkout.create_order([CartLine(variant, 1)], variant.currency)
            session = stripe_api.client().v1.checkout.sessions.create(
                checkout.session_params(order, request), options={"idempotency_key": order.idempotency_key}
            )
            Order.objects.filter(pk=order.pk, stripe_session_id__isnull=True).update(stripe_session_id=session.id)
        finally:
            connection.close()  # this thread's own connection
        completed = stripe_api.as_dict(session)
        completed.update(copy.deepcopy(details), status="complete", payment_status="paid", payment_intent=f"pi_bench_{secrets.token_hex(8)}")
        return event("checkout.session.completed", completed)

    started = time.perf_counter()
    # A few at a time, as shoppers would: the stand-in's HTTP round trip
    # dominates, and SQLite serialises the writes anyway.
    with ThreadPoolExecutor(max_workers=threads) as pool:
        payloads = list(pool.map(one, range(count)))
    seconds = time.perf_counter() - started
    with open(out, "w") as handle:
        json.dump(payloads, handle)
    return {"events": len(payloads), "seconds": round(seconds, 2), "threads": threads, "sessions_per_s_in_process": round(len(payloads) / seconds, 1) if seconds else None, "path": out}


def verify():
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from store.models import Order, StripeEvent

    orders = {row["status"]: row["n"] for row in Order.objects.values("status").annotate(n=Count("id"))}
    recorded = {row["type"]: row["n"] for row in StripeEvent.objects.values("type").annotate(n=Count("id"))}
    tasks = {row["task_path"]: row["n"] for row in DBTaskResult.objects.values("task_path").annotate(n=Count("id"))}
    return {
        "orders": orders,
        "orders_with_session": Order.objects.exclude(stripe_session_id=None).count(),
        "stripe_events": recorded,
        "tasks_queued": tasks,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.shop", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build_parser = sub.add_parser("build", help="top the store up to N live products")
    build_parser.add_argument("--products", type=int, required=True)
    sub.add_parser("standin", help="serve the Stripe stand-in until SIGTERM")
    events_parser = sub.add_parser("events", help="N pending orders with sessions, and their completed events")
    events_parser.add_argument("--count", type=int, required=True)
    events_parser.add_argument("--variant", type=int, required=True)
    events_parser.add_argument("--host", required=True)
    events_parser.add_argument("--out", required=True)
    sub.add_parser("verify", help="orders, Stripe events and queued tasks left by the write load")
    args = parser.parse_args(argv)

    if args.command == "standin":
        serve_standin()
        return
    setup_django()
    if args.command == "build":
        result = build(args.products)
    elif args.command == "events":
        result = events(args.count, args.variant, args.host, args.out)
    else:
        result = verify()
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
