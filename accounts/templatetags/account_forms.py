"""Render form fields accessibly, whichever form (ours or allauth's).

`{% form_field field %}` renders one field with templates/accounts/includes/field.html:
a visible label, help text and errors tied to the control by
aria-describedby, aria-invalid on error, and an autocomplete attribute
where the field's purpose is known. Radio groups become a fieldset with
a legend.
"""

from django import forms, template
from django.template.loader import render_to_string

register = template.Library()

# Autocomplete tokens by field name, for forms that do not set their own.
AUTOCOMPLETE = {
    "email": "email",
    "login": "email",
    "password": "current-password",
    "oldpassword": "current-password",
    "password1": "new-password",
    "password2": "new-password",
    "display_name": "nickname",
    "username": "username",
}


# Plainer labels for allauth's fields (its own read "Email", "Remember Me"),
# which are otherwise put in sentence case like the rest of the site.
LABELS = {
    "login": "Email address",
    "email": "Email address",
    "remember": "Keep me signed in on this device",
}


def _label(field):
    if not type(field.form).__module__.startswith("allauth."):
        return field.label
    label = str(LABELS.get(field.name, field.label))
    return label[:1].upper() + label[1:].lower()  # sentence case, as the rest of the site


def _is_choice_group(field):
    return isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple))


@register.simple_tag
def form_field(field):
    widget = field.field.widget
    auto_id = field.auto_id or f"id_{field.html_name}"
    help_id = f"{auto_id}_helptext"
    error_id = f"{auto_id}_errors"
    described = []
    if field.errors:
        described.append(error_id)
    if field.help_text:
        described.append(help_id)
    attrs = {}
    if described and not _is_choice_group(field):
        attrs["aria-describedby"] = " ".join(described)
    if field.errors and not _is_choice_group(field):
        attrs["aria-invalid"] = "true"
    if "autocomplete" not in widget.attrs and field.name in AUTOCOMPLETE and not _is_choice_group(field):
        attrs["autocomplete"] = AUTOCOMPLETE[field.name]
    # allauth puts placeholders in place of labels; we always show the label.
    if "placeholder" in widget.attrs and field.name in AUTOCOMPLETE:
        attrs["placeholder"] = False
    is_checkbox = isinstance(widget, forms.CheckboxInput)
    return render_to_string(
        "accounts/includes/field.html",
        {
            "field": field,
            "label": _label(field),
            "control": field.as_widget(attrs=attrs),
            "help_id": help_id,
            "error_id": error_id,
            "described_by": " ".join(described),
            "is_group": _is_choice_group(field),
            "is_checkbox": is_checkbox,
            "is_hidden": field.is_hidden,
        },
    )
