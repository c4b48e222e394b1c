"""Editors' screens beyond the generic listings (see wagtail_hooks.py):
an article's newsletter (progress, preview, a test to oneself), decisions on
an edition's ambiguous or failed deliveries, and the CSV import."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from blog.models import ArticlePage

from . import emails, imports, sending, tasks
from .forms import check_address
from .models import Delivery, Edition

MAX_UPLOAD = 10 * 1024 * 1024


def _editable_article(request, page_id):
    page = get_object_or_404(ArticlePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page.get_latest_revision_as_object()


@require_http_methods(["GET", "POST"])
def page_newsletter(request, page_id):
    """An article's email: what was sent (or why not), a preview, and a test
    to the editor's own address."""
    page = _editable_article(request, page_id)
    edition = Edition.objects.filter(page_id=page_id).first()
    if request.method == "POST":
        address = (request.user.email or "").strip()
        try:
            check_address(address)
            forms.EmailField().clean(address)
        except forms.ValidationError:
            messages.error(request, "Add a valid email address to your account first: the test goes there.")
        else:
            transaction.on_commit(lambda: tasks.send_test.enqueue(page.pk, address))
            messages.success(request, f"A test of this email is on its way to {address}.")
        return redirect("newsletter_admin:page", page_id)
    context = {
        "page": page,
        "edition": edition,
        "progress": edition.progress() if edition else None,
        "preview_url": reverse("newsletter_admin:preview", args=[page_id]),
        "header_icon": "mail",
    }
    return TemplateResponse(request, "newsletter/admin/page_newsletter.html", context)


def preview(request, page_id):
    """The email as subscribers will see it (HTML, or ?part=text)."""
    page = _editable_article(request, page_id)
    message = emails.for_article(page).preview("reader@example.org")
    if request.GET.get("part") == "text":
        return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
    html = message.alternatives[0][0]
    response = HttpResponse(html)
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@require_POST
def edition_action(request, pk):
    """Resend or mark sent the ambiguous deliveries, or retry the failed."""
    if not request.user.has_perm("newsletter.change_delivery"):
        raise PermissionDenied
    edition = get_object_or_404(Edition, pk=pk)
    action = request.POST.get("action")
    if action == "resend-ambiguous":
        changed = sending.resolve_ambiguous(edition.pk, resend=True)
        messages.success(request, f"{changed} ambiguous deliveries will be sent again.")
    elif action == "mark-ambiguous-sent":
        changed = sending.resolve_ambiguous(edition.pk, resend=False)
        messages.success(request, f"{changed} ambiguous deliveries recorded as sent.")
    elif action == "retry-failed":
        changed = sending.retry_failed(edition.pk)
        messages.success(request, f"{changed} failed deliveries will be tried again.")
    else:
        messages.error(request, "Unknown action.")
        changed = 0
    if changed and action != "mark-ambiguous-sent":
        transaction.on_commit(lambda: tasks.send_edition.enqueue(edition.pk))
    return redirect("newsletter_edition:inspect", pk)


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="An export from Mailchimp, Jetpack or a spreadsheet: an email column and the date each person subscribed.")
    consent = forms.BooleanField(label="Everyone in this file agreed to receive our posts by email, on the date given.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The file is larger than 10 MB: split it and import each part.")
        return upload


@require_http_methods(["GET", "POST"])
def import_subscribers(request):
    if not request.user.has_perm("newsletter.add_subscriber"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = imports.import_csv(upload, label=upload.name[:100])
        except imports.CannotImport as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"Imported {report.imported} subscribers; skipped {report.skipped_count}.")
    context = {"form": form, "report": report, "skipped": report.skipped[:1000] if report else [], "header_icon": "upload"}
    return TemplateResponse(request, "newsletter/admin/import.html", context, status=200 if form.is_valid() or request.method == "GET" else 400)


def ambiguous_deliveries(edition):
    return Delivery.objects.filter(edition=edition).ambiguous().select_related("subscriber").order_by("pk")
