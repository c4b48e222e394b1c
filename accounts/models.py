"""A reader's profile: how they appear and how they like to read."""

from django.conf import settings
from django.db import models

# The eight calm avatar tones of the comment threads (site.css .avatar-tone-N).
AVATAR_COLOURS = [
    (0, "Teal"),
    (1, "Bronze"),
    (2, "Plum"),
    (3, "Green"),
    (4, "Wine"),
    (5, "Blue"),
    (6, "Olive"),
    (7, "Slate"),
]


class Profile(models.Model):
    class TextSize(models.TextChoices):
        NORMAL = "normal", "Normal"
        LARGE = "large", "Large"
        LARGER = "larger", "Larger"

    class Theme(models.TextChoices):
        AUTO = "auto", "Follow my device"
        LIGHT = "light", "Light"
        DARK = "dark", "Dark"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        max_length=80, blank=True, help_text="Shown with your comments. Leave empty to appear under your username."
    )
    bio = models.TextField("short bio", max_length=500, blank=True)
    avatar_colour = models.PositiveSmallIntegerField(choices=AVATAR_COLOURS, default=0)
    text_size = models.CharField(max_length=10, choices=TextSize.choices, default=TextSize.NORMAL)
    theme = models.CharField("colour scheme", max_length=10, choices=Theme.choices, default=Theme.AUTO)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "reader profile"

    def __str__(self):
        return self.display_name or f"Profile {self.pk}"

    @property
    def name(self):
        """What the site shows for this reader: the display name, else the
        username (generated at sign-up, never derived from the address)."""
        return self.display_name or self.user.get_username()

    @property
    def initials(self):
        parts = [part for part in self.name.split() if part[:1].isalnum()]
        return ("".join(part[0] for part in parts[:2]) or "?").upper()

    @classmethod
    def for_user(cls, user):
        """The reader's profile, created with defaults the first time."""
        profile, _ = cls.objects.get_or_create(user=user, defaults={"display_name": user.get_full_name()[:80]})
        return profile
