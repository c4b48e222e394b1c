"""What the newsletter's emails say, and the headers every one of them
carries. Templates live in templates/newsletter/email/ (an HTML part with
inline styles and a dark-mode block, and a plain-text part); no images, no
tracking pixels, no rewritten links.

An edition is rendered once and personalised per recipient by replacing a
few placeholders (address, preferences and unsubscribe links): rendering a
template per recipient would cost more than sending the message."""

import binascii
import re
import secrets
import time
from dataclasses import dataclass
from email.header import Header
from email.utils import formataddr, formatdate, make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

from . import conf, tokens

EMAIL = "%%EMAIL%%"
EMAIL_HTML = "%%EMAIL_HTML%%"
PREFERENCES_URL = "%%PREFERENCES_URL%%"
UNSUBSCRIBE_URL = "%%UNSUBSCRIBE_URL%%"

_WHITESPACE = re.compile(r"\s+")


def one_line(value, limit=200):
    """Header-safe text: no line breaks (header injection), no runs of
    whitespace, at most `limit` characters."""
    return _WHITESPACE.sub(" ", str(value or "")).strip()[:limit]


@dataclass(frozen=True)
class SiteInfo:
    name: str
    base_url: str


def site_info(site_id=None):
    """Name and root URL of the site an email speaks for: the given site,
    else the default site, else the settings."""
    from wagtail.models import Site

    site = None
    if site_id:
        site = Site.objects.filter(pk=site_id).first()
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return SiteInfo(settings.WAGTAIL_SITE_NAME, settings.WAGTAILADMIN_BASE_URL)
    return SiteInfo(site.site_name or settings.WAGTAIL_SITE_NAME, site.root_url)


class Links:
    """A subscriber's signed preferences and unsubscribe links. The URL
    around the token is worked out once, not per recipient."""

    SLOT = "__token__"

    def __init__(self, base_url):
        self.unsubscribe = tokens.absolute(base_url, reverse("newsletter:unsubscribe", args=[self.SLOT]))
        self.preferences = tokens.absolute(base_url, reverse("newsletter:preferences", args=[self.SLOT]))
        self._signers = (tokens.signer_for(tokens.UNSUBSCRIBE), tokens.signer_for(tokens.PREFERENCES))

    def for_subscriber(self, subscriber):
        unsubscribe, preferences = self._signers
        return (
            self.unsubscribe.replace(self.SLOT, tokens.make(tokens.UNSUBSCRIBE, subscriber, unsubscribe)),
            self.preferences.replace(self.SLOT, tokens.make(tokens.PREFERENCES, subscriber, preferences)),
        )


def _encoded_header(value):
    """A header value as MIME wants it: plain ASCII as is, anything else
    RFC 2047-encoded (never a raw line break: callers pass one_line())."""
    if value.isascii():
        return value
    return Header(value, "utf-8", maxlinelen=76).encode(linesep="\r\n")


class Rendered:
    """An email with placeholders for the recipient's own parts."""

    def __init__(self, subject, text, html, site, bulk=True):
        # One kind of line end (an intro typed in a browser arrives with
        # CRLF): on the wire every line ends in CRLF anyway.
        text, html = (_one_line_end(body) for body in (text, html))
        self.subject, self.text, self.html, self.site, self.bulk = subject, text, html, site, bulk
        self._links = None
        self._mime_head = None
        self._date = (None, "")  # (second, Date: header) - formatdate() costs as much as the rest of a header
        self._encoded = None  # the parts' quoted-printable templates (see QuotedPrintable)

    @property
    def links(self):
        if self._links is None:
            self._links = Links(self.site.base_url)
        return self._links

    def headers(self, unsubscribe_url):
        """List-Unsubscribe (RFC 2369) with one-click (RFC 8058), List-Id."""
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": self.list_id(),
        }
        if self.bulk:
            headers["Precedence"] = "bulk"
        return headers

    def list_id(self):
        """RFC 2919: the list's name and a stable id under the site's host."""
        return formataddr((one_line(self.site.name, 80), f"newsletter.{list_host(self.site.base_url)}"))

    def replacements(self, email, unsubscribe_url, preferences_url):
        """(for the text part, for the HTML part): (placeholder, value) pairs,
        in the order they are applied."""
        email_html = escape(email)
        text = ((EMAIL_HTML, email_html), (EMAIL, email), (PREFERENCES_URL, preferences_url), (UNSUBSCRIBE_URL, unsubscribe_url))
        html = ((EMAIL_HTML, email_html), (EMAIL, email_html), (PREFERENCES_URL, escape(preferences_url)), (UNSUBSCRIBE_URL, escape(unsubscribe_url)))
        return text, html

    def filled(self, email, unsubscribe_url, preferences_url):
        """(text, html) for `email` with the given links."""
        text_replacements, html_replacements = self.replacements(email, unsubscribe_url, preferences_url)
        return _fill(self.text, text_replacements), _fill(self.html, html_replacements)

    def message(self, subscriber, connection=None):
        """The finished EmailMessage for one subscriber (any email backend)."""
        unsubscribe_url, preferences_url = self.links.for_subscriber(subscriber)
        return self._build(subscriber.email, unsubscribe_url, preferences_url, connection)

    def preview(self, email, connection=None):
        """The message as an editor sees it in a test: links lead to the
        site's subscribe page instead of to anyone's settings."""
        placeholder = tokens.absolute(self.site.base_url, reverse("newsletter:subscribe"))
        return self._build(email, placeholder, placeholder, connection, subject_prefix="[Test] ")

    def _build(self, email, unsubscribe_url, preferences_url, connection, subject_prefix=""):
        text, html = self.filled(email, unsubscribe_url, preferences_url)
        message = EmailMultiAlternatives(
            subject=subject_prefix + self.subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email],
            headers=self.headers(unsubscribe_url),
            connection=connection,
        )
        message.attach_alternative(html, "text/html")
        return message

    def _date_header(self):
        second = int(time.time())
        if self._date[0] != second:
            self._date = (second, formatdate(second, localtime=settings.EMAIL_USE_LOCALTIME))
        return self._date[1]

    def _head(self):
        if self._mime_head is None:
            self._mime_head = (
                sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8"),
                _encoded_header(self.subject),
                self.list_id(),
                "===============" + secrets.token_hex(12) + "==",
            )
        return self._mime_head

    def smtp_envelope(self, subscriber):
        """(from, to) as smtp_message() puts them on the wire, without
        building the message."""
        return self._head()[0], _envelope_address(subscriber.email)

    def smtp_message(self, subscriber):
        """(from, [to], bytes) ready for smtplib's sendmail: the same message
        as message(), assembled directly. Building a MIME tree per recipient
        would cost more than sending it; here only the recipient's address
        and links change, and each part is quoted-printable encoded."""
        from_address, subject, list_id, boundary = self._head()
        to_address = _envelope_address(subscriber.email)
        unsubscribe_url, preferences_url = self.links.for_subscriber(subscriber)
        bodies = self._encoded_bodies(subscriber.email, unsubscribe_url, preferences_url)
        lines = [
            f"From: {from_address}",
            f"To: {to_address}",
            f"Subject: {subject}",
            f"Date: {self._date_header()}",
            f"Message-ID: {make_msgid(domain=DNS_NAME)}",
            "MIME-Version: 1.0",
            f"List-Unsubscribe: <{unsubscribe_url}>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            f"List-Id: {list_id}",
        ]
        if self.bulk:
            lines.append("Precedence: bulk")
        lines += [f'Content-Type: multipart/alternative; boundary="{boundary}"', ""]
        head = "\r\n".join(lines).encode("ascii")
        parts = [head]
        for subtype, encoded in zip(("plain", "html"), bodies):
            parts.append(
                f'--{boundary}\r\nContent-Type: text/{subtype}; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'.encode("ascii")
                + encoded
            )
        parts.append(f"--{boundary}--\r\n".encode("ascii"))
        return from_address, [to_address], b"\r\n".join(parts)

    def _encoded_bodies(self, email, unsubscribe_url, preferences_url):
        """The text and HTML parts for one recipient, quoted-printable: the
        same bytes as quoted_printable(filled(...)), from templates encoded
        once (see QuotedPrintable)."""
        text_replacements, html_replacements = self.replacements(email, unsubscribe_url, preferences_url)
        if any("\n" in value or "\r" in value or "%%" in value for _, value in text_replacements + html_replacements):
            return quoted_printable(_fill(self.text, text_replacements)), quoted_printable(_fill(self.html, html_replacements))
        if self._encoded is None:
            self._encoded = (QuotedPrintable(self.text), QuotedPrintable(self.html))
        text, html = self._encoded
        return text.encode(text_replacements), html.encode(html_replacements)


def _one_line_end(body):
    return body.replace("\r\n", "\n").replace("\r", "\n") if "\r" in body else body


def _fill(body, replacements):
    for placeholder, value in replacements:
        body = body.replace(placeholder, value)
    return body


def quoted_printable(text):
    """`text` as a quoted-printable body (RFC 2045) with CRLF line ends."""
    return binascii.b2a_qp(text.encode("utf-8"), istext=True).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


class QuotedPrintable:
    """A body with placeholders, quoted-printable encoded once: the lines
    without a placeholder here, the few with one per recipient.
    Quoted-printable encodes line by line (soft breaks, trailing spaces and
    a lone dot all depend on the line alone), so `encode(replacements)` is
    the same bytes as quoted_printable(_fill(body, replacements)) as long as
    no value holds a line break or a placeholder - the caller checks - and
    costs a fraction of it (the HTML part is some 3 kB for a few short lines
    that change). A body with a carriage return anywhere is encoded whole
    every time (binascii decides how lines end from the first one); Rendered
    bodies have none."""

    def __init__(self, body):
        if "\r" in body:
            self.pieces = [body]
            return
        chunks = body.split("\n")
        lines = [chunk + "\n" for chunk in chunks[:-1]] + ([chunks[-1]] if chunks[-1] else [])
        self.pieces, unchanging = [], []
        for line in lines:
            if "%%" in line:
                if unchanging:
                    self.pieces.append(quoted_printable("".join(unchanging)))
                    unchanging = []
                self.pieces.append(line)
            else:
                unchanging.append(line)
        if unchanging:
            self.pieces.append(quoted_printable("".join(unchanging)))

    def encode(self, replacements):
        return b"".join(piece if isinstance(piece, bytes) else quoted_printable(_fill(piece, replacements)) for piece in self.pieces)


def _envelope_address(email):
    """The address as it goes on the wire. Stored addresses are validated;
    plain ASCII ones need no encoding (and Django's general parser costs
    more than the rest of the message), anything else goes through it."""
    if email.isascii() and not _UNSAFE_IN_ADDRESS.search(email):
        return email
    return sanitize_address(email, "utf-8")


_UNSAFE_IN_ADDRESS = re.compile(r"[\s<>,;:\"()\[\]\\]")


def list_host(base_url):
    host = urlsplit(base_url).hostname or "localhost"
    return re.sub(r"[^a-z0-9.-]", "", host.lower()) or "localhost"


def _placeholders():
    return {"email": EMAIL, "email_html": EMAIL_HTML, "preferences_url": PREFERENCES_URL, "unsubscribe_url": UNSUBSCRIBE_URL}


def render(kind, subject, site, bulk=True, **context):
    """Render templates/newsletter/email/<kind>.{txt,html} once."""
    context = {**_placeholders(), **context, "subject": subject, "site_name": site.name}
    return Rendered(
        one_line(subject),
        render_to_string(f"newsletter/email/{kind}.txt", context),
        render_to_string(f"newsletter/email/{kind}.html", context),
        site,
        bulk=bulk,
    )


def for_edition(edition):
    """A new post's email (the same for every recipient but their links)."""
    site = SiteInfo(edition.site_name or settings.WAGTAIL_SITE_NAME, edition.base_url or settings.WAGTAILADMIN_BASE_URL)
    return render("post", edition.subject, site, title=edition.subject, intro=edition.intro, url=edition.url)


def for_article(page):
    """The email a page would send, built straight from the page (previews
    and tests before any edition exists)."""
    from .editions import snapshot

    return for_edition(snapshot(page))


def for_digest(articles, site):
    """A weekly digest. `articles`: dicts with title, intro and url."""
    count = len(articles)
    subject = f"{site.name}: {count} new post{'s' if count != 1 else ''} this week"
    return render("digest", subject, site, articles=articles)


def notice(kind, subscriber, site):
    """Confirmation ("confirm"), welcome ("welcome") or "already subscribed"
    ("already"): one message to one subscriber."""
    subjects = {
        "confirm": f"Please confirm your subscription to {site.name}",
        "welcome": f"Welcome to {site.name}",
        "already": f"You’re already subscribed to {site.name}",
    }
    context = {"valid_days": conf.get("NEWSLETTER_CONFIRM_MAX_AGE") // 86400}
    if kind == "confirm":
        context["confirm_url"] = tokens.url(tokens.CONFIRM, subscriber, site.base_url)
    return render(kind, subjects[kind], site, bulk=False, **context).message(subscriber)
