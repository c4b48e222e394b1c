"""The parts of every page that do not depend on the page (main menu, the
footer's latest articles) are cached as plain data, so that they cost no
queries on most requests. Any publish, unpublish, move or delete bumps a
version number and the next request rebuilds them."""

from django.conf import settings
from django.core.cache import cache

from chronicle import versions

VERSION_KEY = "chronicle:chrome-version"
TIMEOUT = 60 * 60


def version():
    return versions.get(VERSION_KEY)


def invalidate(created=False, sender=None, **kwargs):
    from wagtail.contrib.settings.models import BaseSiteSetting

    if created and sender is not None and issubclass(sender, BaseSiteSetting):
        return  # made with defaults on first read, while building the chrome itself
    versions.bump(VERSION_KEY)


def cached(name, site_id, build):
    """build() once per content version and site; returns plain data."""
    key = f"chronicle:chrome:{name}:{site_id}:{version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def build(site, request=None):
    """The plain data behind site_chrome (see chronicle_tags)."""
    from blog.models import ArticlePage
    from blog.snippets import Category
    from chronicle.models import SiteSettings

    site_settings = SiteSettings.for_site(site)

    def url(page):
        return page.get_url(request) if page is not None and page.live else None

    def links(stream):
        return [{"label": block.value["label"], "url": block.value["url"]} for block in stream]

    menu = site.root_page.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")
    latest = ArticlePage.objects.published().only("id", "title", "url_path", "path", "depth", "first_published_at")[:3]
    return {
        "name": site.site_name or settings.WAGTAIL_SITE_NAME,
        "menu": [{"id": page.id, "title": page.title, "url": page.get_url(request)} for page in menu],
        "latest": [{"title": article.title, "url": article.get_url(request)} for article in latest],
        "categories": [{"id": category.id, "name": category.name, "slug": category.slug} for category in Category.objects.all()],
        "settings": {
            "tagline": site_settings.tagline,
            "latest_heading": site_settings.latest_heading,
            "stores_heading": site_settings.stores_heading,
            "store_links": links(site_settings.store_links),
            "store_url": url(site_settings.store_page),
            "social_links": links(site_settings.social_links),
            "contact_heading": site_settings.contact_heading,
            "contact_text": site_settings.contact_text,
            "contact_url": url(site_settings.contact_page),
            "subscribe_heading": site_settings.subscribe_heading,
            "subscribe_text": site_settings.subscribe_text,
            "privacy_url": url(site_settings.privacy_page),
            "disclaimer_url": url(site_settings.disclaimer_page),
            "disclaimer_text": site_settings.disclaimer_text,
        },
    }


def connect_signals():
    from django.db.models.signals import post_delete
    from wagtail.models import Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"chrome-{id(signal)}")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="chrome-page-delete")
    from django.db.models.signals import post_save
    from wagtail.models import Site

    from blog.snippets import Category
    from chronicle.models import SiteSettings

    for model in (SiteSettings, Site, Category):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"chrome-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"chrome-delete-{model.__name__}")
