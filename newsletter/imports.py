"""Importing existing subscribers from a CSV export (Mailchimp, Jetpack,
Substack, a spreadsheet): an email column and a consent-date column.

Imported readers count as confirmed (they opted in where they came from),
keeping their original consent date. Rows are skipped, with a reason, when
the address is invalid, repeated in the file, already on our list, or was
unsubscribed or bounced here (an import never brings a suppressed address
back), and when the consent date is missing or unreadable."""

import csv
import io
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .models import Subscriber, normalize_email

MAX_ROWS = 200_000
CHUNK = 1000
EMAIL_HEADERS = ("email", "email address", "e-mail", "e-mail address", "email_address", "mail", "subscriber")
DATE_HEADERS = (
    "confirm_time", "optin_time", "consent_date", "consented_at", "date_subscribed", "subscribed_at",
    "subscribed", "subscription date", "date", "created", "created_at",
)
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")


class CannotImport(Exception):
    """The file as a whole cannot be imported (the message says why)."""


@dataclass
class ImportReport:
    imported: int = 0
    skipped: list = field(default_factory=list)  # (line, address as written, reason)

    def skip(self, line, value, reason):
        self.skipped.append((line, (value or "")[:254], reason))

    @property
    def skipped_count(self):
        return len(self.skipped)


def _find(headers, wanted):
    lowered = [(header or "").strip().lower() for header in headers]
    for name in wanted:
        if name in lowered:
            return lowered.index(name)
    return None


def parse_consent_date(value):
    value = (value or "").strip()
    if not value:
        return None
    parsed = parse_datetime(value.replace("Z", "+00:00")) if "T" in value or ":" in value else None
    if parsed is None:
        for fmt in DATE_FORMATS:
            try:
                parsed = datetime.datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        day = parse_date(value) if len(value) == 10 else None
        parsed = datetime.datetime.combine(day, datetime.time()) if day else None
    if parsed is None:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.timezone.utc)
    return parsed


def _rows(fileobj):
    """Rows of text from an uploaded file: UTF-8 (with or without BOM), or
    Latin-1 for old spreadsheet exports; comma, semicolon or tab."""
    raw = fileobj.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if "\x00" in text:
        raise CannotImport("This does not look like a CSV file.")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text, newline=""), dialect)


def import_csv(fileobj, label="CSV import"):
    """Add the file's subscribers. Returns an ImportReport; raises
    CannotImport when the file has no usable email or date column."""
    validate = EmailValidator()
    rows = _rows(fileobj)
    try:
        headers = next(rows)
    except StopIteration:
        raise CannotImport("The file is empty.")
    except csv.Error as error:
        raise CannotImport(f"The file could not be read as CSV ({error}).")
    email_at, date_at = _find(headers, EMAIL_HEADERS), _find(headers, DATE_HEADERS)
    if email_at is None:
        raise CannotImport("No email column found: name it “Email” or “Email Address”.")
    if date_at is None:
        raise CannotImport("No consent date column found: name it “CONFIRM_TIME”, “OPTIN_TIME”, “date_subscribed” or “consent_date”.")
    report, seen, pending = ImportReport(), set(), []
    now = timezone.now()
    try:
        for line, row in enumerate(rows, start=2):
            if line > MAX_ROWS + 1:
                raise CannotImport(f"Too many rows: import at most {MAX_ROWS:,} at a time.")
            if not any(cell.strip() for cell in row):
                continue
            raw = row[email_at] if email_at < len(row) else ""
            email = normalize_email(raw)
            try:
                from .forms import check_address

                check_address(raw.strip())
                validate(email)
                if len(email) > 254:
                    raise ValidationError("too long")
            except ValidationError:
                report.skip(line, raw, "not a valid email address")
                continue
            if email in seen:
                report.skip(line, raw, "repeated in this file")
                continue
            seen.add(email)
            consented = parse_consent_date(row[date_at] if date_at < len(row) else "")
            if consented is None:
                report.skip(line, raw, "no readable consent date")
                continue
            if consented > now + datetime.timedelta(days=1):
                report.skip(line, raw, "consent date is in the future")
                continue
            pending.append((line, raw, email, consented))
            if len(pending) >= CHUNK:
                _save(pending, report, label)
                pending = []
    except csv.Error as error:
        raise CannotImport(f"The file could not be read as CSV ({error}).")
    _save(pending, report, label)
    return report


def _save(pending, report, label):
    if not pending:
        return
    existing = dict(Subscriber.objects.filter(email__in=[email for _, _, email, _ in pending]).values_list("email", "status"))
    new = []
    for line, raw, email, consented in pending:
        status = existing.get(email)
        if status in Subscriber.SUPPRESSED:
            report.skip(line, raw, f"{Subscriber.Status(status).label.lower()} here earlier: not added back")
        elif status is not None:
            report.skip(line, raw, "already on the list")
        else:
            new.append(
                Subscriber(
                    email=email,
                    status=Subscriber.Status.CONFIRMED,
                    source=Subscriber.Source.IMPORT,
                    consented_at=consented,
                    confirmed_at=consented,
                    consent_text=f"Opted in before the move to this site (from {label}).",
                )
            )
    with transaction.atomic():
        created = Subscriber.objects.bulk_create(new, ignore_conflicts=True)
    report.imported += len(created)
