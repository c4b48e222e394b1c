from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Reader accounts"

    def ready(self):
        from . import comments, inbox, privacy, signals

        signals.connect()
        privacy.register()
        # Community's parts until it registers its own (see README).
        comments.register()
        inbox.register()
