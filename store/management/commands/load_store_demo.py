from django.core.management.base import BaseCommand

from store.demo import StoreDemoLoader


class Command(BaseCommand):
    help = "Load the store's demo content (after load_demo; safe to run again)."

    def handle(self, *args, **options):
        created = StoreDemoLoader(stdout=self.stdout).load()
        self.stdout.write(self.style.SUCCESS(f"Store demo ready ({len(created)} item(s) added)."))
