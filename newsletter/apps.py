from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        from anymail.signals import tracking
        from wagtail.signals import page_published

        from . import bounces, editions

        # blog never imports the newsletter: it publishes, we listen.
        page_published.connect(editions.on_page_published, dispatch_uid="newsletter-first-publication")
        tracking.connect(bounces.on_tracking_event, dispatch_uid="newsletter-tracking")

        from django.apps import apps

        if apps.is_installed("accounts"):
            from .account import register

            register()
