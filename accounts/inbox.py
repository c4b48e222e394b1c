"""Contact messages in the reader's export and erasure, by verified address.

The inbox files messages by sender address, not by account; a reader's are
those sent from an address they have *verified* (an unverified one could be
anyone's). Registered by accounts until the inbox registers its own from
InboxConfig.ready(); whichever registers "contact_messages" first keeps it.
There is no panel: the reader's area shows comments, subscription, orders."""

from . import area


def export(user):
    from community.inbox.privacy import export_messages

    messages = []
    for email in area.verified_emails(user):
        messages.extend(export_messages(email))
    return sorted(messages, key=lambda message: message["received_at"])


def erase(user, keep_comments):
    from community.inbox.privacy import erase_messages

    for email in area.verified_emails(user):
        erase_messages(email)


def register():
    from django.apps import apps

    if not apps.is_installed("community.inbox") or "contact_messages" in area.registry.exporters:
        return
    area.register_exporter("contact_messages", export)
    area.register_eraser("contact_messages", erase)
