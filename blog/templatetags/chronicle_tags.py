"""Template helpers used by the site's base layout and article pages."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from blog import chrome

register = template.Library()

# The same escapes Django's json_script uses, so that data can never close the
# <script> element it sits in.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Render a dict as a schema.org JSON-LD script element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """Everything the header and footer show, as plain data: the site's name
    and settings, its menu and latest articles. Cached per site and content
    version (see blog.chrome), so the layout costs no queries once warm."""
    site = _site(context)
    request = context.get("request")
    if site is None:
        return {"name": settings.WAGTAIL_SITE_NAME, "menu": [], "latest": [], "settings": None}
    return chrome.cached("site", site.pk, lambda: chrome.build(site, request))


@register.simple_tag(takes_context=True)
def site_name(context):
    return site_chrome(context)["name"]


@register.simple_tag(takes_context=True)
def full_url(context, page):
    return page.get_full_url(context.get("request"))


@register.simple_tag(takes_context=True)
def absolute_media_url(context, page, url):
    from blog.seo import absolute_media_url as make_absolute

    return make_absolute(page, url, context.get("request"))


@register.simple_tag(takes_context=True)
def article_json_ld(context, page):
    """The article's schema.org description as a JSON-LD script element."""
    return json_ld(page.json_ld(context.get("request")))


@register.simple_tag
def content_version():
    """Changes whenever any page is published, moved or removed: a key for
    caching fragments that depend on other pages (see blog.chrome)."""
    return chrome.version()
