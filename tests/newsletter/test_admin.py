"""What editors see and do in the Wagtail admin: subscribers (search,
filters, CSV export), editions with their progress, the ambiguous filter,
the dashboard count, and an article's email (preview, test to oneself)."""

import datetime

from django.utils import timezone

from newsletter.models import Delivery, Edition, Subscriber

from .conftest import html_of


def test_subscriber_list_search_filter_and_export(admin_client, make_subscriber):
    make_subscriber(email="alice@example.org")
    make_subscriber(email="bob@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    listing = admin_client.get("/admin/newsletter/subscribers/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "alice@example.org" in html and "bob@example.org" in html and "Import from CSV" in html

    found = admin_client.get("/admin/newsletter/subscribers/?q=alice").content.decode()
    assert "alice@example.org" in found and "bob@example.org" not in found
    filtered = admin_client.get("/admin/newsletter/subscribers/?status=unsubscribed").content.decode()
    assert "bob@example.org" in filtered and "alice@example.org" not in filtered

    export = admin_client.get("/admin/newsletter/subscribers/?export=csv&status=confirmed")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "alice@example.org" in body and "bob@example.org" not in body
    assert body.splitlines()[0].startswith("Email")


def test_an_editor_adds_a_subscriber_and_bad_addresses_are_refused(admin_client, db):
    response = admin_client.post("/admin/newsletter/subscribers/new/", {"email": "Added@Example.org", "status": "confirmed", "frequency": "every"})
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "added@example.org" and subscriber.source == Subscriber.Source.ADMIN
    for bad in ["x@example.org\r\nBcc: y@example.org", "nope", "a" * 5000, "added@EXAMPLE.org"]:
        response = admin_client.post("/admin/newsletter/subscribers/new/", {"email": bad, "status": "confirmed", "frequency": "every"})
        assert response.status_code == 200, bad  # the form again, with an error
    assert Subscriber.objects.count() == 1


def test_editions_show_progress_and_cannot_be_edited(admin_client, make_subscriber):
    edition = Edition.objects.create(subject="Pacing", url="http://localhost/pacing/", status=Edition.Status.SENDING)
    readers = [make_subscriber() for _ in range(4)]
    Delivery.objects.create(edition=edition, subscriber=readers[0], status=Delivery.Status.SENT)
    Delivery.objects.create(edition=edition, subscriber=readers[1], status=Delivery.Status.FAILED, last_error="550 no such user")
    Delivery.objects.create(edition=edition, subscriber=readers[2])
    Delivery.objects.create(edition=edition, subscriber=readers[3], status=Delivery.Status.SENDING, sending_since=timezone.now() - datetime.timedelta(hours=2))

    listing = admin_client.get("/admin/newsletter/editions/").content.decode()
    assert "1 sent of 4 · 1 queued · 1 failed · 1 ambiguous" in listing
    inspect = admin_client.get(f"/admin/newsletter/editions/inspect/{edition.pk}/").content.decode()
    assert "Ambiguous deliveries" in inspect and readers[3].email in inspect and "550 no such user" in inspect
    assert admin_client.get(f"/admin/newsletter/editions/edit/{edition.pk}/").status_code in (302, 403, 404)
    assert admin_client.get("/admin/newsletter/editions/new/").status_code in (302, 403, 404)

    ambiguous = admin_client.get("/admin/newsletter/deliveries/?state=ambiguous").content.decode()
    assert readers[3].email in ambiguous and readers[0].email not in ambiguous

    response = admin_client.post(f"/admin/newsletter-tools/editions/{edition.pk}/action/", {"action": "mark-ambiguous-sent"})
    assert response.status_code == 302
    assert Delivery.objects.get(subscriber=readers[3]).status == Delivery.Status.SENT


def test_the_dashboard_counts_subscribers(admin_client, site_tree, make_subscriber):
    for _ in range(3):
        make_subscriber()
    make_subscriber(status=Subscriber.Status.PENDING)
    html = admin_client.get("/admin/").content.decode()
    assert "3 subscribers" in html and "1 awaiting confirmation" in html


def test_preview_and_test_email_for_an_article(admin_client, admin_user, blog, smtp_sink, django_capture_on_commit_callbacks):
    from tests.factories import make_article

    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(blog, title="Heat & ice", intro="Which <helps> when.", publish=False)
    page = admin_client.get(f"/admin/newsletter-tools/page/{article.pk}/")
    assert page.status_code == 200 and "Not sent yet" in page.content.decode()
    preview = admin_client.get(f"/admin/newsletter-tools/page/{article.pk}/preview/").content.decode()
    assert "Heat &amp; ice" in preview and "Which &lt;helps&gt; when." in preview and "Read on the site" in preview
    text = admin_client.get(f"/admin/newsletter-tools/page/{article.pk}/preview/?part=text").content.decode()
    assert "Heat & ice" in text

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/newsletter-tools/page/{article.pk}/")
    assert response.status_code == 302
    (test,) = smtp_sink.to(admin_user.email)
    assert test["Subject"] == "[Test] Heat & ice" and "Heat &amp; ice" in html_of(test)
    assert not Edition.objects.exists()  # a test is not an edition

    edit = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"/admin/newsletter-tools/page/{article.pk}/" in edit


def test_people_without_permission_see_nothing(client, django_user_model, blog, make_subscriber):
    from tests.factories import make_article

    make_subscriber(email="private@example.org")
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    client.force_login(user)
    article = make_article(blog, publish=False)
    for url in ["/admin/newsletter/subscribers/", "/admin/newsletter-tools/import/", f"/admin/newsletter-tools/page/{article.pk}/", "/admin/newsletter/subscribers/?export=csv"]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"private@example.org" not in response.content
