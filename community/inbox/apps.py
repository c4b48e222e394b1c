from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "community.inbox"
    label = "inbox"
    verbose_name = "Contact inbox"
