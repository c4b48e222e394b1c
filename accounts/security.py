"""Who is signing in, and from where: one answer for allauth and django-axes.

Both count attempts per client address and per login name. They must agree
with the rest of the site on the address (REMOTE_ADDR, or X-Forwarded-For
only as far as CHRONICLE_TRUSTED_PROXY_HOPS allows) and must see the login
name whichever form was posted: the Wagtail admin posts `username`,
allauth's sign-in form posts `login` and authenticates with `email`.
"""

import ipaddress

from community.antispam import client_ip as _site_client_ip


def client_ip(request):
    """The client's address as every rate limit on the site sees it (a
    string; not necessarily an IP address when a proxy sent junk)."""
    return _site_client_ip(request)


def axes_client_ip(request):
    """The same address for django-axes (settings.AXES_CLIENT_IP_CALLABLE),
    which stores it in an IP address column: anything that is not an IP
    address (a forwarded "unknown", a test request without REMOTE_ADDR)
    becomes None rather than a database error."""
    value = client_ip(request)
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def axes_username(request, credentials=None):
    """The login name of an attempt, normalised so that `Sam@Example.org`
    and `sam@example.org ` count against the same account
    (settings.AXES_USERNAME_CALLABLE)."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username")
    if not value and request is not None:
        data = getattr(request, "POST", None) or {}
        value = data.get("login") or data.get("username") or data.get("email")
    if not isinstance(value, str):
        return None
    value = value.strip().lower()[:255]
    return value or None


def sign_in_allowed(request, credentials):
    """Whether django-axes would let this attempt through (not locked out by
    address or login name)."""
    from django.conf import settings

    if not getattr(settings, "AXES_ENABLED", True) or request is None:
        return True
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_allowed(request, credentials)
