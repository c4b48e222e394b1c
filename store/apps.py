from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "store"
    verbose_name = "Store"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from blog import chrome
        from chronicle.page_cache import cache_query_parameters

        from . import checks  # noqa: F401  (registers the system checks)
        from .models import ExternalStore, ProductCollection

        # Store pages show these snippets; cached pages must see a change at once.
        for model in (ExternalStore, ProductCollection):
            post_save.connect(chrome.invalidate, sender=model, dispatch_uid=f"store-chrome-save-{model.__name__}")
            post_delete.connect(chrome.invalidate, sender=model, dispatch_uid=f"store-chrome-delete-{model.__name__}")

        # The store page filters by collection: one cached copy per collection.
        cache_query_parameters("collection")

        if apps.is_installed("accounts"):
            from .account import register_with_accounts

            register_with_accounts()
