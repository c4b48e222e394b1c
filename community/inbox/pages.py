"""The contact page: a Wagtail form page whose submissions become inbox
messages (never Wagtail form submissions)."""

from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.fields import RichTextField

from community import antispam

from . import intake
from .forms import RESERVED_NAMES, ContactFormBuilder

DEFAULT_CONSENT = (
    "<p>Your message goes to the small team that runs this site and to nobody else. "
    "Many readers tell us about their health: we keep what you write only to answer you, "
    "never publish it, and delete it after a year. You can ask us to send you a copy of it "
    "or to delete it at any time.</p>"
)
DEFAULT_THANK_YOU = "<p>Thank you for writing to us. We read every message and will answer as soon as we can.</p>"


class ContactFormField(AbstractFormField):
    page = ParentalKey("inbox.ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPageAdminForm(WagtailAdminFormPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("form_fields")
        if formset is not None:
            for form in formset.forms:
                if not form.is_valid() or form.cleaned_data.get("DELETE"):
                    continue
                if get_field_clean_name(form.cleaned_data.get("label") or "") in RESERVED_NAMES:
                    form.add_error("label", "Every contact form already asks for this; choose another label.")
        return cleaned


class ContactPage(AbstractForm):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    consent_note = RichTextField(
        default=DEFAULT_CONSENT,
        features=["bold", "italic", "link"],
        help_text="How the message is handled: shown above the form, next to the consent box.",
    )
    thank_you_text = RichTextField(default=DEFAULT_THANK_YOU, features=["bold", "italic", "link"])
    acknowledgement_text = models.TextField(
        default="We have received your message and will reply as soon as we can, usually within a few days.",
        help_text="The heart of the email that confirms receipt to the sender (plain text).",
    )

    form_builder = ContactFormBuilder
    base_form_class = ContactPageAdminForm

    content_panels = AbstractForm.content_panels + [
        FieldPanel("intro"),
        FieldPanel("consent_note"),
        InlinePanel("form_fields", label="Extra fields", help_text="Name, email, topic, subject and message are always asked for."),
        MultiFieldPanel([FieldPanel("thank_you_text"), FieldPanel("acknowledgement_text")], heading="After sending"),
    ]

    parent_page_types = ["blog.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "contact page"

    def process_form_submission(self, form):
        """Save the message first, then queue the acknowledgement and the
        staff notification (sent after commit). Returns the Message."""
        message, _created = intake.receive(form, page=self, ip_address=getattr(form, "client_ip", None))
        return message

    def serve(self, request, *args, **kwargs):
        response = self._serve(request, *args, **kwargs)
        # Each response is for one visitor (token, CSRF cookie, their errors).
        add_never_cache_headers(response)
        return response

    def _serve(self, request, *args, **kwargs):
        if request.method == "POST":
            ip = antispam.client_ip(request)
            per_ip = intake.limit_ip(ip)
            if not per_ip.allowed:
                return antispam.rate_limited_response(request, per_ip.retry_after)
            form = self.get_form(request.POST, page=self, user=request.user)
            if form.is_valid():
                per_email = intake.limit_email(form.cleaned_data["email"])
                if not per_email.allowed:
                    return antispam.rate_limited_response(request, per_email.retry_after)
                form.client_ip = ip
                self.process_form_submission(form)
                # Post/redirect/get: reloading the thank-you page sends nothing.
                return _see_other(self.get_url(request) + "?sent=1")
            form.refresh_token()
        elif request.GET.get("sent"):
            return self.render_landing_page(request)
        else:
            form = self.get_form(page=self, user=request.user)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)


def _see_other(url):
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response
