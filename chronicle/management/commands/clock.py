"""Enqueue periodic tasks when they are due (scheduled publishing, later
digests and retention). The worker does the work; the clock only enqueues."""

import time

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from chronicle.periodic import PERIODIC_TASKS


class Command(BaseCommand):
    help = "Enqueue periodic tasks on their schedule (run exactly one per site)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue every periodic task once, then exit.")

    def handle(self, *args, once=False, **options):
        due = {path: 0.0 for path, _ in PERIODIC_TASKS}
        while True:
            now = time.monotonic()
            for path, interval in PERIODIC_TASKS:
                if once or now >= due[path]:
                    result = import_string(path).enqueue()
                    due[path] = now + interval
                    if options["verbosity"] > 1:
                        self.stdout.write(f"clock: enqueued {path} ({result.id})")
            if once:
                return
            time.sleep(max(1.0, min(due.values()) - time.monotonic()))
