"""Forms readers fill in. Addresses end up in mail headers: anything with a
line break or an invisible character is refused outright."""

import unicodedata

from django import forms

from blog.snippets import Category, Series
from community.antispam import HEADER_BREAKS

from .models import Subscriber, normalize_email

BOX_SOURCES = [Subscriber.Source.FOOTER, Subscriber.Source.ARTICLE, Subscriber.Source.HOME, Subscriber.Source.PAGE]


def check_address(raw):
    """Refuse line breaks (header injection) and invisible or control
    characters (an address that looks like another)."""
    if HEADER_BREAKS.search(raw or ""):
        raise forms.ValidationError("An email address cannot contain line breaks.", code="header_injection")
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in raw or ""):
        raise forms.ValidationError("This address contains invisible characters. Please type it again.", code="invisible")


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Your email address", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    source = forms.ChoiceField(choices=[(source.value, source.label) for source in BOX_SOURCES], required=False, widget=forms.HiddenInput)
    website = forms.CharField(required=False, label="Leave this field empty", widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def clean_email(self):
        check_address(self.data.get("email", ""))
        return normalize_email(self.cleaned_data["email"])

    def clean_source(self):
        return self.cleaned_data.get("source") or Subscriber.Source.PAGE

    @property
    def is_bot(self):
        """The hidden field people never see was filled in."""
        return bool(self.cleaned_data.get("website"))


PAUSE_CHOICES = [("", "Keep things as they are"), ("2w", "Pause for 2 weeks"), ("4w", "Pause for 4 weeks"), ("resume", "Resume now")]


class PreferencesForm(forms.Form):
    frequency = forms.ChoiceField(label="How often", choices=Subscriber.Frequency.choices, widget=forms.RadioSelect)
    categories = forms.ModelMultipleChoiceField(
        label="Only these topics", queryset=Category.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Choose none to get every post.",
    )
    series = forms.ModelMultipleChoiceField(
        label="And every part of these series", queryset=Series.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    pause = forms.ChoiceField(label="Take a break", choices=PAUSE_CHOICES, required=False, widget=forms.RadioSelect)

    @classmethod
    def for_subscriber(cls, subscriber, data=None):
        initial = {
            "frequency": subscriber.frequency,
            "categories": list(subscriber.categories.values_list("pk", flat=True)),
            "series": list(subscriber.series.values_list("pk", flat=True)),
            "pause": "",
        }
        return cls(data=data, initial=initial)
