"""Template helpers used by the site's base layout and article pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

register = template.Library()

# The same escapes Django's json_script uses, so that data can never close the
# <script> element it sits in.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Render a dict as a schema.org JSON-LD script element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def site_root(context):
    """The current site's root page (cached on the request)."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_chronicle_site_root"):
        site = Site.find_for_request(request)
        request._chronicle_site_root = site.root_page.specific if site else None
    return request._chronicle_site_root


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Pages directly under the site root that editors put "in menus"."""
    root = site_root(context)
    if root is None:
        return []
    return list(root.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth"))


@register.simple_tag
def latest_articles(count=3):
    from blog.models import ArticlePage

    return list(ArticlePage.objects.published().only("id", "title", "url_path", "path", "depth", "first_published_at")[:count])


@register.simple_tag(takes_context=True)
def full_url(context, page):
    return page.get_full_url(context.get("request"))
