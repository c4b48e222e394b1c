"""Spam and abuse defences shared by the comment and contact forms.

- A honeypot field that people never see and bots fill in.
- A signed timing token: the form must have been loaded from this site, at
  least a few seconds and at most a day before it is posted.
- Rate limits counted in the shared cache (Redis in production), per client
  IP and per any other key (an email address), in fixed windows.
- The client IP comes from REMOTE_ADDR, or from X-Forwarded-For only as far as
  the number of trusted proxy hops configured (never blindly: a reader could
  write any address into that header).
"""

import re
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.template.response import TemplateResponse

URL_PATTERN = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
HEADER_BREAKS = re.compile(r"[\r\n\x00\u2028\u2029\x85]")


def count_links(text):
    return len(URL_PATTERN.findall(text or ""))


def reject_header_breaks(value, field_label="This field"):
    """Names, subjects and addresses end up in mail headers: a line break in
    them is an injection attempt, never a typo worth keeping."""
    if value and HEADER_BREAKS.search(value):
        raise forms.ValidationError(f"{field_label} cannot contain line breaks.", code="header_injection")
    return value


class SpamProtectedForm(forms.Form):
    """Mix into a form: adds the honeypot and the timing token, and checks
    both in clean(). Subclasses set `antispam_salt` (one per form kind)."""

    antispam_salt = "chronicle.antispam"
    min_seconds = 3
    max_age = 24 * 60 * 60
    honeypot_name = "homepage"

    honeypot_message = "Your message could not be sent. Please try again."
    token_message = "This form has expired or was not loaded from this site. Please reload the page and try again."
    too_fast_message = "That was quicker than we expected. Please wait a moment and send it again."

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._now = now
        self.fields[self.honeypot_name] = forms.CharField(
            required=False,
            label="Leave this field empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields["form_token"] = forms.CharField(required=False, widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial["form_token"] = self.make_token()

    def make_token(self):
        return signing.dumps({"t": int(self._now or time.time())}, salt=self.antispam_salt)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(self.honeypot_name):
            raise forms.ValidationError(self.honeypot_message, code="honeypot")
        try:
            payload = signing.loads(cleaned.get("form_token") or "", salt=self.antispam_salt, max_age=self.max_age)
            issued = int(payload["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise forms.ValidationError(self.token_message, code="token")
        if (self._now or time.time()) - issued < self.min_seconds:
            raise forms.ValidationError(self.too_fast_message, code="too_fast")
        return cleaned

    @property
    def honeypot_field(self):
        return self[self.honeypot_name]

    def refresh_token(self):
        """A new token for the form shown again after an error."""
        data = self.data.copy()
        data["form_token"] = self.make_token()
        self.data = data


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the address the trusted proxies
    saw (CHRONICLE_TRUSTED_PROXY_HOPS counts the proxies in front of us)."""
    hops = getattr(settings, "CHRONICLE_TRUSTED_PROXY_HOPS", 0)
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = forwarded + [remote]
    # Each trusted proxy appended the address it received from; the one just
    # outside our trusted hops is the client.
    index = max(0, len(chain) - 1 - hops)
    return chain[index]


@dataclass
class RateLimitResult:
    allowed: bool
    retry_after: int


def hit(scope, key, limit, window):
    """Count one attempt for (scope, key) in the current fixed window of
    `window` seconds. Returns whether it is within `limit`, and how many
    seconds remain in the window."""
    now = int(time.time())
    window_start = now - now % window
    cache_key = f"chronicle:rate:{scope}:{key}:{window_start}"
    if cache.add(cache_key, 1, window + 5):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:
            cache.set(cache_key, 1, window + 5)
            count = 1
    return RateLimitResult(allowed=count <= limit, retry_after=max(1, window_start + window - now))


def rate_limited_response(request, retry_after, what="messages"):
    """A 429 page in the site's design that says when to try again."""
    response = TemplateResponse(request, "429.html", {"retry_after": retry_after, "retry_minutes": max(1, (retry_after + 59) // 60), "what": what}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
