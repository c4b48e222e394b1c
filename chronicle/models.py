"""Site-wide settings that editors change in the Wagtail admin
(Settings -> Site settings): what the header, footer and sidebar show."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=80)
    url = blocks.URLBlock()

    class Meta:
        icon = "link"


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    tagline = models.CharField(max_length=160, blank=True, default="Living well with chronic illness, one day at a time")
    social_links = StreamField([("link", LinkBlock())], blank=True, use_json_field=True)
    latest_heading = models.CharField("“Latest updates” heading", max_length=80, default="Official blogs — latest updates")
    stores_heading = models.CharField(max_length=80, default="Stores")
    store_links = StreamField([("link", LinkBlock())], blank=True, use_json_field=True, help_text="External stores shown in the footer.")
    store_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The site's own store; the home page's store teaser links to it.",
    )
    contact_heading = models.CharField(max_length=80, default="Contact us directly")
    contact_text = models.TextField(blank=True, default="Questions, ideas or corrections? We read every message.")
    contact_page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    subscribe_heading = models.CharField(max_length=80, default="Subscribe")
    subscribe_text = models.TextField(blank=True, default="Subscribe to get the latest posts sent to your email.")
    privacy_page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    disclaimer_page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    disclaimer_text = models.TextField(
        blank=True,
        default="Articles here share lived experience and research; they are not medical advice. Talk to your doctor about your own care.",
    )

    panels = [
        FieldPanel("tagline"),
        MultiFieldPanel([FieldPanel("latest_heading")], heading="Latest updates"),
        MultiFieldPanel([FieldPanel("stores_heading"), FieldPanel("store_page"), FieldPanel("store_links")], heading="Stores"),
        MultiFieldPanel([FieldPanel("contact_heading"), FieldPanel("contact_text"), FieldPanel("contact_page")], heading="Contact"),
        MultiFieldPanel([FieldPanel("subscribe_heading"), FieldPanel("subscribe_text")], heading="Subscribe"),
        MultiFieldPanel([FieldPanel("privacy_page"), FieldPanel("disclaimer_page"), FieldPanel("disclaimer_text")], heading="Legal"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = "Site settings"
