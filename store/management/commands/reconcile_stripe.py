import stripe
from django.core.management.base import BaseCommand, CommandError

from store import reconcile, stripe_api


class Command(BaseCommand):
    help = "Compare recent Stripe Checkout Sessions with orders and report differences (--fix applies what Stripe says)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="How far back to look (default 3).")
        parser.add_argument("--fix", action="store_true", help="Bring orders in line with Stripe where that is safe.")

    def handle(self, *args, days, fix, **options):
        if not stripe_api.is_configured():
            raise CommandError("STRIPE_SECRET_KEY is not set: nothing to compare with.")
        if not 1 <= days <= 90:
            raise CommandError("--days must be between 1 and 90.")
        try:
            found = reconcile.differences(days)
        except stripe.StripeError as error:
            raise CommandError(f"Could not list Checkout Sessions: {error.user_message or type(error).__name__}") from None
        for difference in found:
            line = f"[{difference.kind}] {difference.message}"
            if fix and difference.fix is not None:
                difference.fix()
                line += " Fixed."
            self.stdout.write(line)
        summary = f"{len(found)} difference(s) in the last {days} day(s)."
        self.stdout.write(self.style.SUCCESS(summary) if not found else self.style.WARNING(summary))
