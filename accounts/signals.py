"""Receivers for events accounts does not own (allauth's)."""

from . import area


def _claim(user, email):
    for claimer in area.claimers().values():
        claimer(user, email)


def claim_guest_history(sender, request, email_address, **kwargs):
    """An address has just been verified: what guests left under it (comments,
    orders, subscriptions...) now belongs to the account. Only ever on
    verification, never on merely adding an address."""
    if email_address.verified:
        _claim(email_address.user, email_address.email)


def claim_on_signup(sender, request, user, **kwargs):
    """A sign-up that arrives with addresses already verified (a social
    provider vouching for them, when one is configured) claims at once; an
    email-and-password sign-up has none verified yet and claims nothing
    until the reader follows the link (email_confirmed)."""
    from allauth.account.models import EmailAddress

    for email in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True):
        _claim(user, email)


def connect():
    from allauth.account.signals import email_confirmed, user_signed_up

    email_confirmed.connect(claim_guest_history, dispatch_uid="accounts.claim_guest_history")
    user_signed_up.connect(claim_on_signup, dispatch_uid="accounts.claim_on_signup")
