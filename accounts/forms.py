"""Forms of the reader's area, and the Wagtail admin's sign-in form."""

import unicodedata

from django import forms
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from community.antispam import reject_header_breaks

from .models import AVATAR_COLOURS, Profile

# Invisible characters that make two names look alike, or hide a name.
_INVISIBLE = {
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",  # direction
}


def clean_display_text(value, label):
    """Display names end up in mail headers and next to comments: no line
    breaks, no invisible or direction-changing characters, spaces collapsed."""
    reject_header_breaks(value, label)
    value = unicodedata.normalize("NFC", value)
    value = "".join(char for char in value if char not in _INVISIBLE and unicodedata.category(char) != "Cc")
    return " ".join(value.split())


class ProfileForm(forms.ModelForm):
    avatar_colour = forms.TypedChoiceField(
        label="Avatar colour", choices=AVATAR_COLOURS, coerce=int, widget=forms.RadioSelect, initial=0
    )
    text_size = forms.ChoiceField(label="Text size", choices=Profile.TextSize.choices, widget=forms.RadioSelect)
    theme = forms.ChoiceField(label="Colour scheme", choices=Profile.Theme.choices, widget=forms.RadioSelect)

    class Meta:
        model = Profile
        fields = ["display_name", "bio", "avatar_colour", "text_size", "theme"]
        labels = {"display_name": "Display name", "bio": "Short bio"}
        help_texts = {"bio": "Up to 500 characters of plain text."}
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname", "maxlength": 80}),
            "bio": forms.Textarea(attrs={"rows": 4, "maxlength": 500}),
        }
        error_messages = {
            "display_name": {"max_length": "Please keep your display name under %(limit_value)s characters."},
            "bio": {"max_length": "Please keep your bio under %(limit_value)s characters."},
        }

    def clean_display_name(self):
        raw = self.cleaned_data["display_name"]
        name = clean_display_text(raw, "Your display name")
        if (name or raw.strip()) and not any(char.isalnum() for char in name):
            raise forms.ValidationError("Please use at least one letter or digit in your display name.")
        return name

    def clean_bio(self):
        bio = unicodedata.normalize("NFC", self.cleaned_data["bio"].replace("\r\n", "\n"))
        bio = "".join(char for char in bio if char == "\n" or char not in _INVISIBLE and unicodedata.category(char) != "Cc")
        return bio.strip()

    def save(self, commit=True):
        profile = super().save(commit=commit)
        if commit:
            # The display name is the account's name wherever the site (and
            # the Wagtail admin) shows user.get_full_name(), comments included.
            user = profile.user
            if (user.first_name, user.last_name) != (profile.display_name, ""):
                user.first_name, user.last_name = profile.display_name, ""
                user.save(update_fields=["first_name", "last_name"])
        return profile


class DeleteAccountForm(forms.Form):
    COMMENT_CHOICES = [
        ("keep", "Keep my comments, signed “Deleted user”"),
        ("remove", "Remove my comments"),
    ]

    comments = forms.ChoiceField(
        label="Your comments",
        choices=COMMENT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose what happens to your comments.", "invalid_choice": "Please choose one of the two options."},
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Please enter your password to confirm.", "max_length": "That is not your password."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.", code="wrong_password")
        return password

    @property
    def keep_comments(self):
        return self.cleaned_data["comments"] == "keep"


class AdminLoginForm(WagtailLoginForm):
    """The Wagtail admin's sign-in (settings.WAGTAILADMIN_USER_LOGIN_FORM).
    Editors sign in with their username or email address; readers' accounts
    cannot start an admin session (they sign in at /accounts/login/, where
    email verification is enforced). The answer is the same as for a wrong
    password, so it reveals nothing about the account."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.has_perm("wagtailadmin.access_admin"):
            raise self.get_invalid_login_error()
