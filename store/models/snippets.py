"""Snippets editors maintain for the store: collections and external stores."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from wagtail.admin.panels import FieldPanel

http_url = URLValidator(schemes=["http", "https"])


class ProductCollection(models.Model):
    """A group of products shoppers can browse, e.g. "Awareness month"."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ExternalStore(models.Model):
    """A print-on-demand store elsewhere (TeePublic, Teespring…) that sells
    some of the community's merchandise."""

    name = models.CharField(max_length=80)
    url = models.URLField("Address", max_length=500, validators=[http_url])
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    logo_alt = models.CharField("Logo alt text", max_length=160, blank=True, help_text="Required when there is a logo, e.g. “TeePublic logo”.")
    description = models.CharField(max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo"), FieldPanel("logo_alt"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.logo_id and not self.logo_alt.strip():
            raise ValidationError({"logo_alt": "Describe the logo for people who cannot see it."})


