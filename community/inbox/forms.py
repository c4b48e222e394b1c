"""The contact form (fixed core fields, editor-added extras, spam defences)
and the small forms of the admin message view."""

import datetime
import uuid

from django import forms
from django.conf import settings
from wagtail.contrib.forms.forms import FormBuilder

from community.antispam import HEADER_BREAKS, SpamProtectedForm, count_links

from .models import CannedReply, Message, Topic

MAX_MESSAGE = 5000
MAX_SUBJECT = 150
MAX_NAME = 100
MAX_EXTRA = 2000


def max_links():
    return getattr(settings, "INBOX_MAX_LINKS", 2)


class HeaderSafeMixin:
    """For values that end up in mail headers: a line break anywhere, even at
    the end, is refused before anything strips it."""

    def to_python(self, value):
        if isinstance(value, str) and HEADER_BREAKS.search(value):
            raise forms.ValidationError("%(label)s cannot contain line breaks.", code="header_injection", params={"label": self.label})
        return super().to_python(value)


class HeaderSafeCharField(HeaderSafeMixin, forms.CharField):
    pass


class HeaderSafeEmailField(HeaderSafeMixin, forms.EmailField):
    pass


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, topic):
        return topic.name


class ContactForm(SpamProtectedForm):
    """The fields every contact page has. Editors' extra fields are added by
    ContactFormBuilder; their names never replace these."""

    antispam_salt = "inbox.contact"
    core_fields = ("name", "email", "topic", "order_number", "subject", "message", "consent")

    name = HeaderSafeCharField(label="Your name", max_length=MAX_NAME, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = HeaderSafeEmailField(
        label="Your email address", max_length=254, help_text="We only use it to answer you.", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    topic = TopicChoiceField(label="Topic", queryset=Topic.objects.all(), empty_label="Choose a topic")
    order_number = forms.CharField(
        label="Order number",
        max_length=40,
        required=False,
        help_text="Only for questions about a store order: it is on your order confirmation email.",
    )
    subject = HeaderSafeCharField(label="Subject", max_length=MAX_SUBJECT)
    message = forms.CharField(label="Message", max_length=MAX_MESSAGE, widget=forms.Textarea(attrs={"rows": 8}))
    consent = forms.BooleanField(label="I agree that Chronicle keeps this message to answer me, as described above.")

    def __init__(self, *args, user=None, page=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        self.user = user
        self.page = page
        super().__init__(*args, **kwargs)
        if not self.is_bound and user is not None and user.is_authenticated:
            self.initial.setdefault("name", user.get_full_name())
            self.initial.setdefault("email", user.email)
        if not Topic.objects.exists():
            # No topics set up yet: the form still works.
            self.fields["topic"].required = False
            self.fields["topic"].widget = forms.HiddenInput()

    def clean_name(self):
        name = self.cleaned_data["name"]
        if count_links(name):
            raise forms.ValidationError("Please enter your name without web addresses.", code="links")
        return name

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if count_links(subject):
            raise forms.ValidationError("Please leave web addresses out of the subject; put them in the message.", code="links")
        return subject

    def clean_message(self):
        message = self.cleaned_data["message"]
        if count_links(message) > max_links():
            raise forms.ValidationError(
                "Please include at most %(limit)d web addresses.", code="links", params={"limit": max_links()}
            )
        return message

    def clean_order_number(self):
        value = self.cleaned_data["order_number"].strip()
        if value and not all(character.isalnum() or character in "-_#/ " for character in value):
            raise forms.ValidationError("An order number has only letters, digits and dashes.", code="invalid")
        return value

    def clean(self):
        cleaned = super().clean()
        topic = cleaned.get("topic")
        if topic is not None and topic.asks_for_order_number and not cleaned.get("order_number"):
            self.add_error("order_number", forms.ValidationError("Please give the order number, so we can find your order.", code="required"))
        for name in self.extra_field_names():
            value = cleaned.get(name)
            if isinstance(value, str) and len(value) > MAX_EXTRA:
                self.add_error(name, forms.ValidationError("Please keep this under %(limit)d characters.", code="max_length", params={"limit": MAX_EXTRA}))
        return cleaned

    # --- editor-added fields -----------------------------------------------

    extra_labels = {}

    def extra_field_names(self):
        return [name for name in self.fields if name in self.extra_labels]

    def extra_answers(self):
        """[{"label", "value"}] for the editor-added fields, as plain text."""
        answers = []
        for name in self.extra_field_names():
            value = self.cleaned_data.get(name)
            if isinstance(value, (list, tuple)):
                value = ", ".join(str(item) for item in value)
            elif isinstance(value, bool):
                value = "Yes" if value else "No"
            elif isinstance(value, (datetime.date, datetime.datetime)):
                value = value.isoformat()
            elif value is None:
                value = ""
            answers.append({"label": self.extra_labels[name], "value": str(value)})
        return answers

    @property
    def visible_extra_fields(self):
        return [self[name] for name in self.extra_field_names()]


RESERVED_NAMES = set(ContactForm.core_fields) | {"homepage", "form_token", "csrfmiddlewaretoken"}


class ContactFormBuilder(FormBuilder):
    """Wagtail's form builder on top of the fixed ContactForm."""

    def get_form_class(self):
        extras = {name: field for name, field in self.formfields.items() if name not in RESERVED_NAMES}
        labels = {name: str(field.label) for name, field in extras.items()}
        return type("ContactPageForm", (ContactForm,), {**extras, "extra_labels": labels})


# --- admin -----------------------------------------------------------------


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", max_length=10000, widget=forms.Textarea(attrs={"rows": 10}))
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        # The message view shows this form and the note form, both with a
        # "body": ids of their own, so each label names its own field.
        kwargs.setdefault("auto_id", "id_reply_%s")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())


class CannedReplyChoiceForm(forms.Form):
    canned_reply = forms.ModelChoiceField(label="Start from a canned reply", queryset=CannedReply.objects.all(), empty_label="Choose…")


class NoteForm(forms.Form):
    body = forms.CharField(label="Internal note", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_note_%s")  # see ReplyForm
        super().__init__(*args, **kwargs)


class AssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(label="Assigned to", queryset=None, required=False, empty_label="Nobody")

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = users


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Message.Status.choices)
