from django import template

from newsletter.subscriptions import CONSENT_TEXT

register = template.Library()


@register.simple_tag
def newsletter_consent_text():
    """The words a subscriber agrees to (stored with their confirmation)."""
    return CONSENT_TEXT
