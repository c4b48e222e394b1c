"""Importing subscribers from a CSV export (Mailchimp, Jetpack): their
original consent date is kept; invalid, repeated, known and suppressed
addresses are skipped and reported."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsletter import imports
from newsletter.models import Subscriber

MAILCHIMP = """Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE
ann@example.org,Ann,A,2,2021-03-04 10:11:12,1.2.3.4,2021-03-04 10:15:00,1.2.3.4,
BEN@Example.org,Ben,B,2,2020-01-02 08:00:00,,2020-01-02 08:05:00,,
not-an-email,X,Y,1,2020-01-02 08:00:00,,2020-01-02 08:05:00,,
ann@example.org,Ann,Again,2,2021-03-04 10:11:12,,2021-03-04 10:15:00,,
nodate@example.org,N,D,1,,,,,
future@example.org,F,F,1,2099-01-01 00:00:00,,2099-01-01 00:00:00,,
"inject@example.org
Bcc: all@example.org",I,I,1,2020-01-02 08:00:00,,2020-01-02 08:05:00,,
zw\u200bsp@example.org,Z,W,1,2020-01-02 08:00:00,,2020-01-02 08:05:00,,
known@example.org,K,K,1,2020-01-02 08:00:00,,2020-01-02 08:05:00,,
gone@example.org,G,G,1,2020-01-02 08:00:00,,2020-01-02 08:05:00,,
"""

JETPACK = "email_address;date_subscribed\r\ncarla@example.org;2019-05-06\r\ndan@example.org;06/07/2019\r\n"


def upload(text, name="export.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def test_a_mailchimp_export_imports_with_consent_dates_and_a_report(make_subscriber):
    make_subscriber(email="known@example.org")
    make_subscriber(email="gone@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    report = imports.import_csv(upload(MAILCHIMP))
    assert report.imported == 2
    ann = Subscriber.objects.get(email="ann@example.org")
    assert ann.status == Subscriber.Status.CONFIRMED and ann.source == Subscriber.Source.IMPORT
    assert ann.consented_at == datetime.datetime(2021, 3, 4, 10, 15, tzinfo=datetime.timezone.utc)  # CONFIRM_TIME
    assert Subscriber.objects.filter(email="ben@example.org").exists()
    reasons = {value.splitlines()[0]: reason for _, value, reason in report.skipped}
    assert reasons == {
        "not-an-email": "not a valid email address",
        "ann@example.org": "repeated in this file",
        "nodate@example.org": "no readable consent date",
        "future@example.org": "consent date is in the future",
        "inject@example.org": "not a valid email address",
        "zw\u200bsp@example.org": "not a valid email address",
        "known@example.org": "already on the list",
        "gone@example.org": "unsubscribed here earlier: not added back",
    }
    assert Subscriber.objects.get(email="gone@example.org").status == Subscriber.Status.UNSUBSCRIBED


def test_a_jetpack_style_export_with_semicolons_and_plain_dates(db):
    report = imports.import_csv(upload(JETPACK))
    assert report.imported == 2 and report.skipped == []
    assert Subscriber.objects.get(email="carla@example.org").consented_at.date() == datetime.date(2019, 5, 6)


def test_importing_the_same_file_twice_adds_nobody_twice(db):
    imports.import_csv(upload(JETPACK))
    again = imports.import_csv(upload(JETPACK))
    assert again.imported == 0 and [reason for _, _, reason in again.skipped] == ["already on the list"] * 2
    assert Subscriber.objects.count() == 2


def test_latin1_and_bom_files_are_read(db):
    assert imports.import_csv(upload("\ufeffEmail,CONFIRM_TIME\nbom@example.org,2020-01-01 00:00:00\n")).imported == 1
    assert imports.import_csv(upload("Email,CONFIRM_TIME,Name\nlatin@example.org,2020-01-01,Jos\xe9\n", encoding="latin-1")).imported == 1


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "empty"),
        ("Name,Date\nAnn,2020-01-01\n", "No email column"),
        ("Email\nann@example.org\n", "No consent date column"),
        ("\x00\x01\x02binary", "does not look like a CSV"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(db, content, message):
    with pytest.raises(imports.CannotImport, match=message):
        imports.import_csv(upload(content))
    assert Subscriber.objects.count() == 0


def test_odd_rows_never_crash_the_import(db):
    rows = ["Email,CONFIRM_TIME", "short@example.org", ",,,,", "x" * 5000 + "@example.org,2020-01-01", "\u202eevil@example.org,2020-01-01", "ok@example.org,2020-01-01"]
    report = imports.import_csv(upload("\n".join(rows)))
    assert report.imported == 1 and Subscriber.objects.get().email == "ok@example.org"
    assert len(report.skipped) == 3


def test_the_admin_import_screen(admin_client, db):
    response = admin_client.post(
        "/admin/newsletter-tools/import/", {"file": upload(JETPACK + "bad-address;2019-01-01\r\n"), "consent": "on"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Imported 2; skipped 1." in html and "bad-address" in html
    refused = admin_client.post("/admin/newsletter-tools/import/", {"file": upload(JETPACK)})  # consent not ticked
    assert refused.status_code == 400 and Subscriber.objects.count() == 2
    wrong = admin_client.post("/admin/newsletter-tools/import/", {"file": upload("Name\nAnn\n"), "consent": "on"})
    assert wrong.status_code == 400 and "No email column" in wrong.content.decode()
    assert admin_client.get("/admin/newsletter-tools/import/").status_code == 200
