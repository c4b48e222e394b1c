from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule

from blog.demo import DemoLoader


class Command(BaseCommand):
    help = "Load the demo content (safe to run again: existing content is left alone)."

    def handle(self, *args, **options):
        created = DemoLoader(stdout=self.stdout).load()
        # Other apps add their own demo content through a `demo.load_demo`
        # function (blog imports none of them).
        for app in apps.get_app_configs():
            if app.name != "blog" and module_has_submodule(app.module, "demo"):
                loader = getattr(import_module(f"{app.name}.demo"), "load_demo", None)
                if loader is not None:
                    created += loader(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({len(created)} item(s) added)."))
