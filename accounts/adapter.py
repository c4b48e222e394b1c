"""Every customisation of django-allauth lives in this one adapter."""

import logging
import smtplib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.utils.crypto import get_random_string

from . import security

log = logging.getLogger(__name__)

MAIL_FAILED_MESSAGE = "We could not send the email just now. Please try again in a few minutes."


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": "There were too many unsuccessful attempts to sign in. Please wait a while and try again, or reset your password.",
    }

    def pre_authenticate(self, request, **credentials):
        """django-axes decides first: while an address or login name is locked
        out, every sign-in form answers with the same lockout page (the
        Wagtail admin's through axes' own backend, this one here), before
        allauth's own per-address limit is consulted."""
        if not security.sign_in_allowed(request, credentials):
            request.axes_locked_out = True  # AxesMiddleware answers with the lockout page
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def get_client_ip(self, request):
        """allauth's rate limits count per client address: the same address
        the comment and contact limits use (trusted proxy hops only)."""
        return security.client_ip(request)

    def populate_username(self, request, user):
        """Readers sign in with their email address; the username is only a
        fallback name. allauth would derive it from the address (`sam` for
        sam@example.org), which would put part of the address on every
        comment of a reader without a display name, so it is random."""
        if user.username:
            return
        User = get_user_model()
        while True:
            candidate = "reader-" + get_random_string(8, "abcdefghijkmnpqrstuvwxyz23456789")
            if not User.objects.filter(username=candidate).exists():
                user.username = candidate
                return

    def send_mail(self, template_prefix, email, context):
        """Account emails carry one-time keys, so they are rendered and sent
        in the request (a task row would store the key). A mail server that
        is down costs the reader a retry, never a 500: the flow carries on
        (the account or request is saved) and the page says what happened."""
        context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
        try:
            super().send_mail(template_prefix, email, context)
        except (smtplib.SMTPException, OSError):
            log.warning("Could not send %s", template_prefix, exc_info=True)
            request = allauth_context.request
            if request is not None and hasattr(request, "_messages"):
                messages.error(request, MAIL_FAILED_MESSAGE, fail_silently=True)
