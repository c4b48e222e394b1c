import pytest

from tests.store.factories import make_external_store, make_product, make_store, variant
from tests.store.stripe_events import WEBHOOK_SECRET
from tests.store.stripe_standin import StripeStandIn


@pytest.fixture
def stripe_standin(settings):
    """Stripe's API, played by a local HTTP server (Stripe's own servers are
    unreachable from here); the real SDK is pointed at it."""
    standin = StripeStandIn().start()
    settings.STRIPE_SECRET_KEY = "sk_test_standin"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_standin"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = standin.url
    yield standin
    standin.stop()


@pytest.fixture
def no_stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.STRIPE_API_BASE = ""


@pytest.fixture
def store(home):
    return make_store(home)


@pytest.fixture
def shirt(store):
    """A T-shirt sold here: three sizes, counted stock on two of them."""
    return make_product(
        store,
        "Awareness T-shirt",
        variants=[
            variant("Small", price=1500, stock=5, sku="TS-S", size="S"),
            variant("Medium", price=1500, stock=2, sku="TS-M", size="M"),
            variant("Large", price=1750, stock=None, sku="TS-L", size="L"),
        ],
    )


@pytest.fixture
def mug(store):
    return make_product(store, "Spoonie mug", variants=[variant("Mug", price=999, stock=None, sku="MUG")])


@pytest.fixture
def teepublic(db):
    return make_external_store()


@pytest.fixture
def hoodie(store, teepublic):
    """Sold only at an external store."""
    return make_product(store, "Zebra hoodie", external_store=teepublic, external_url="https://www.teepublic.com/hoodie/123-zebra")


@pytest.fixture
def deliver(client, django_capture_on_commit_callbacks):
    """Post a signed event as Stripe would, running what the request queued
    for after its commit (the confirmation email task) as production does."""
    from tests.store.stripe_events import post_event

    def _deliver(payload, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post_event(client, payload, **kwargs)

    return _deliver
