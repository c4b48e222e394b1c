"""Start-up checks for the Stripe settings: half a configuration is the
kind of mistake that only shows when a real payment goes missing."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def stripe_settings(app_configs, **kwargs):
    problems = []
    secret, webhook = settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET
    if secret and not webhook:
        problems.append(
            Warning(
                "STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: payments will only be confirmed when shoppers return to the success page.",
                hint="Register https://<your site>/shop/stripe/webhook/ in the Stripe Dashboard and set STRIPE_WEBHOOK_SECRET to its signing secret (whsec_…).",
                id="store.W001",
            )
        )
    if secret and not secret.startswith(("sk_", "rk_")):
        problems.append(Warning("STRIPE_SECRET_KEY does not look like a Stripe secret key (sk_… or rk_…).", id="store.W002"))
    if webhook and not webhook.startswith("whsec_"):
        problems.append(Warning("STRIPE_WEBHOOK_SECRET does not look like a webhook signing secret (whsec_…).", id="store.W003"))
    publishable = settings.STRIPE_PUBLISHABLE_KEY
    if secret and publishable and secret.startswith("sk_live_") != publishable.startswith("pk_live_"):
        problems.append(Warning("STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY are from different modes (test and live).", id="store.W004"))
    return problems
