"""Half a Stripe configuration is reported at start-up."""

from store.checks import stripe_settings


def ids(settings):
    """The check's warnings for the (pytest-django) settings just changed."""
    return [problem.id for problem in stripe_settings(None)]


def test_no_keys_is_fine(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_WEBHOOK_SECRET = settings.STRIPE_PUBLISHABLE_KEY = ""
    assert ids(settings) == []


def test_secret_key_without_webhook_secret_warns(settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = "sk_test_x", ""
    assert ids(settings) == ["store.W001"]


def test_keys_from_different_modes_warn(settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET, settings.STRIPE_PUBLISHABLE_KEY = "sk_live_x", "whsec_x", "pk_test_x"
    assert ids(settings) == ["store.W004"]


def test_values_that_are_not_stripe_keys_warn(settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET, settings.STRIPE_PUBLISHABLE_KEY = "pk_test_wrong_field", "secret", ""
    assert ids(settings) == ["store.W002", "store.W003"]
