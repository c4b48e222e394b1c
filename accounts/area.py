"""The reader's area ("My account") is assembled from what each app registers.

An app that holds data about readers registers, from its AppConfig.ready():

    from accounts import area

    area.register_panel("orders", "store/account_orders_panel.html", orders_context, title="My orders")
    area.register_exporter("orders", export_orders)          # fn(user) -> JSON-serialisable data
    area.register_eraser("orders", erase_orders)             # fn(user, keep_comments: bool) -> None
    area.register_claimer("subscriptions", claim_subscriber)  # fn(user, email) -> int (rows linked)

Contracts:
- get_context(user) returns a dict for the panel's template. It must only
  return the given user's data; the template also receives `user`.
- An exporter returns what the app holds about the user (their verified
  addresses are `verified_emails(user)`), JSON-serialisable (dates as ISO
  strings). It must never include anyone else's personal data.
- An eraser removes or reduces the user's personal data. It runs inside the
  deletion's transaction, before the user row is deleted; data the app must
  keep (accounting) is kept with personal fields cleared. `keep_comments`
  is the reader's choice for things they wrote in public: keep the words
  signed "Deleted user", or remove them.
- A claimer links guest history recorded under `email` (just verified by
  `user`) to the account. It may run more than once for the same address.

Names are unique: registering a name again replaces the earlier entry (so a
module imported twice, or an app taking over a panel accounts registered for
it, does no harm). Panels show in `order`, then name.
"""

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    get_context: Callable
    title: str
    order: int = 100
    description: str = ""


@dataclass
class Registry:
    panels: dict = field(default_factory=dict)
    exporters: dict = field(default_factory=dict)
    erasers: dict = field(default_factory=dict)
    claimers: dict = field(default_factory=dict)


registry = Registry()


def register_panel(name, template, get_context, *, title=None, order=100, description=""):
    """Show a panel in "My account". `get_context(user)` returns the template's context."""
    registry.panels[name] = Panel(name, template, get_context, title or name.replace("_", " ").capitalize(), order, description)


def register_exporter(name, fn):
    """`fn(user)` returns JSON-serialisable data; it appears under `name` in the export."""
    registry.exporters[name] = fn


def register_eraser(name, fn):
    """`fn(user, keep_comments)` removes the user's personal data when they delete their account."""
    registry.erasers[name] = fn


def register_claimer(name, fn):
    """`fn(user, email)` links guest history under a newly verified address to the account."""
    registry.claimers[name] = fn


def unregister(name):
    """Forget everything registered under `name` (tests, or an app replacing another's entry)."""
    for table in (registry.panels, registry.exporters, registry.erasers, registry.claimers):
        table.pop(name, None)


def panels():
    return sorted(registry.panels.values(), key=lambda panel: (panel.order, panel.name))


def exporters():
    return dict(registry.exporters)


def erasers():
    return dict(registry.erasers)


def claimers():
    return dict(registry.claimers)


def verified_emails(user):
    """The addresses this user has proved they own, lower-cased. Data filed
    under any of them belongs to the user; unverified ones prove nothing."""
    from allauth.account.models import EmailAddress

    return sorted({email.lower() for email in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)})
