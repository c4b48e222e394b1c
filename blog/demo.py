"""Load the demo site: pages, snippets, generated images and site settings.

Idempotent: everything is looked up by a stable key (slug or title) first and
only created when missing, so running it twice changes nothing and never
overwrites what an editor has changed since."""

import datetime
import io
import random
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from chronicle.models import SiteSettings

from . import demo_content as content
from .models import ArticlePage, BlogIndexPage, HomePage, StandardPage
from .snippets import Author, Category, Series


def _hex(color):
    color = color.lstrip("#")
    return tuple(int(color[i : i + 2], 16) for i in (0, 2, 4))


def generate_image_bytes(seed, colors, size=(1600, 900)):
    """A calm abstract picture: a two-colour gradient with soft circles.
    Made locally and deterministically (same seed, same picture)."""
    rng = random.Random(seed)
    first, second = _hex(colors[0]), _hex(colors[1])
    img = PILImage.new("RGB", size, first)
    draw = ImageDraw.Draw(img)
    width, height = size
    for y in range(height):
        t = y / (height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(first, second)))
    overlay = PILImage.new("RGBA", size, (0, 0, 0, 0))
    odraw = ImageDraw.Draw(overlay)
    for _ in range(7):
        radius = rng.randint(height // 8, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        shade = tuple(min(255, c + 40) for c in (second if rng.random() < 0.5 else first))
        odraw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=shade + (90,))
    img = PILImage.alpha_composite(img.convert("RGBA"), overlay.filter(ImageFilter.GaussianBlur(40))).convert("RGB")
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def get_or_create_image(title, colors):
    from django.core.files.images import ImageFile

    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing, False
    data = generate_image_bytes(title, colors)
    image = Image(title=title, file=ImageFile(io.BytesIO(data), name=f"demo-{slugify(title)[:60]}.jpg"))
    image.save()
    return image, True


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _publish(page, when=None):
    revision = page.save_revision()
    revision.publish()
    if when is not None:
        moment = timezone.make_aware(datetime.datetime.combine(when, datetime.time(9, 0)))
        type(page).objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)
    return page


class LoggingLoader:
    """What every app's demo loader shares: a list of what it created,
    echoed to the management command's stdout when there is one."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = []

    def log(self, message):
        self.created.append(message)
        if self.stdout:
            self.stdout.write(f"  + {message}")


class DemoLoader(LoggingLoader):
    @transaction.atomic
    def load(self):
        home = self.home_page()
        blog = self.child(home, BlogIndexPage, "blog", title="Articles", intro=content.BLOG_INTRO, show_in_menus=True)
        author = self.snippet(Author, content.AUTHOR)
        reviewer = self.snippet(Author, content.REVIEWER)
        categories = {data["slug"]: self.snippet(Category, data) for data in content.CATEGORIES}
        series = self.snippet(Series, {key: content.SERIES[key] for key in ("title", "slug", "description")})
        if home.featured_series_id is None:
            home.featured_series = series
            _publish(home)
        for data in content.ARTICLES:
            self.article(blog, data, author, reviewer, categories, series)
        pages = {}
        for key, data, in_menu in (("about", content.ABOUT_PAGE, True), ("privacy", content.PRIVACY_PAGE, False), ("disclaimer", content.DISCLAIMER_PAGE, False)):
            pages[key] = self.child(home, StandardPage, data["slug"], title=data["title"], intro=data["intro"], body=data["body"], show_in_menus=in_menu)
        self.site_settings(pages)
        return self.created

    def home_page(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        root = Page.get_first_root_node()
        if site and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        existing = HomePage.objects.first()
        if existing is None:
            existing = root.add_child(instance=HomePage(title="Living with fibromyalgia", slug="chronicle-home", intro=content.HOME_INTRO))
            _publish(existing)
            self.log("home page")
        # The site's address is what canonical links and feeds use: take it
        # from SITE_URL (http://127.0.0.1:8000 in development).
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        hostname, port = address.hostname or "localhost", address.port or (443 if address.scheme == "https" else 80)
        if site is None:
            Site.objects.create(hostname=hostname, port=port, root_page=existing, is_default_site=True, site_name="Chronicle")
        else:
            old_root = site.root_page
            site.root_page = existing
            site.hostname, site.port = hostname, port
            site.site_name = site.site_name or "Chronicle"
            site.save()
            # Wagtail's placeholder "Welcome" page has no purpose once the real home exists.
            if old_root.specific_class is Page and old_root.get_children_count() == 0:
                old_root.delete()
        return existing

    def child(self, parent, model, slug, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = parent.add_child(instance=model(slug=slug, **fields))
        _publish(page)
        self.log(f"{model._meta.verbose_name} “{page.title}”")
        return page

    def snippet(self, model, data):
        obj, created = model.objects.get_or_create(slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"})
        if created:
            self.log(f"{model._meta.verbose_name} “{obj}”")
        return obj

    def article(self, blog, data, author, reviewer, categories, series):
        if ArticlePage.objects.child_of(blog).filter(slug=data["slug"]).exists():
            return
        image, _ = get_or_create_image(f"Demo: {data['title']}", data["hero_colors"])
        page = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            hero_image=image,
            hero_alt=data["hero_alt"],
            body=data["body"],
            series=series if data.get("series_part") else None,
            series_part=data.get("series_part"),
            date=_date(data.get("date")),
            last_reviewed=_date(data.get("last_reviewed")),
            reviewed_by=reviewer if data.get("last_reviewed") else None,
        )
        page.authors = [author]
        page.categories = [categories[slug] for slug in data.get("categories", [])]
        blog.add_child(instance=page)
        page.tags.add(*data.get("tags", []))
        page.save()
        _publish(page, when=_date(data.get("date")))
        self.log(f"article “{page.title}”")

    def site_settings(self, pages):
        site = Site.objects.get(is_default_site=True)
        settings_obj = SiteSettings.for_site(site)
        if settings_obj.privacy_page_id or settings_obj.disclaimer_page_id:
            return
        settings_obj.privacy_page = pages["privacy"]
        settings_obj.disclaimer_page = pages["disclaimer"]
        settings_obj.store_links = [
            ("link", {"label": "Fibromyalgia awareness store (TeePublic)", "url": "https://www.teepublic.com/"}),
            ("link", {"label": "Community shirts (Teespring)", "url": "https://teespring.com/"}),
        ]
        settings_obj.save()
        self.log("site settings")
