"""The "Leave a Reply" form."""

from django import forms
from django.core.validators import URLValidator

from .antispam import SpamProtectedForm, count_links, reject_header_breaks

HARD_LINK_LIMIT = 8  # beyond this a comment is refused outright, not held


class CommentForm(SpamProtectedForm):
    antispam_salt = "community.comment"

    text = forms.CharField(
        label="Comment",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
        error_messages={"required": "Please write your comment.", "max_length": "Please keep comments under %(limit_value)s characters."},
    )
    name = forms.CharField(label="Name", max_length=80, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="Never shown. Used only to tell you about replies if you ask.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    url = forms.CharField(label="Website", required=False, max_length=300, widget=forms.URLInput(attrs={"autocomplete": "url"}))
    notify_replies = forms.BooleanField(label="Notify me of replies by email", required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        if self.user is not None:
            # Signed-in readers comment under their account's name and address.
            del self.fields["name"]
            del self.fields["email"]

    def clean_name(self):
        name = " ".join(reject_header_breaks(self.cleaned_data["name"], "Your name").split())
        if not name:
            raise forms.ValidationError("Please give a name to show with your comment.")
        return name

    def clean_email(self):
        return reject_header_breaks(self.cleaned_data["email"], "Your email").strip()

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        if not url:
            return ""
        if not url.lower().startswith(("http://", "https://")):
            url = "https://" + url if "://" not in url else url
        try:
            URLValidator(schemes=["http", "https"])(url)
        except forms.ValidationError:
            raise forms.ValidationError("Please give a web address starting with http:// or https://, or leave it empty.")
        return url

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n").strip()
        if not text:
            raise forms.ValidationError("Please write your comment.")
        if count_links(text) > HARD_LINK_LIMIT:
            raise forms.ValidationError("That comment has too many links. Please keep it to a few.")
        return text
