from django.core.management.base import BaseCommand

from blog.demo import DemoLoader


class Command(BaseCommand):
    help = "Load the demo content (safe to run again: existing content is left alone)."

    def handle(self, *args, **options):
        created = DemoLoader(stdout=self.stdout).load()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({len(created)} item(s) added)."))
