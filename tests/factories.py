"""The smallest worlds tests need: a site tree, articles, snippets."""

import datetime
import io

import factory
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from blog.models import ArticlePage, BlogIndexPage, HomePage, StandardPage
from blog.snippets import Author, Category, Series


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    role = "Patient advocate"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")


def make_image(title="Test image", size=(64, 48), color=(40, 110, 115)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format="PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png"))


def build_site():
    """Root -> HomePage (the default site's root) -> BlogIndexPage."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="test-home"))
    home.save_revision().publish()
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Chronicle"})
    blog = home.add_child(instance=BlogIndexPage(title="Articles", slug="blog", show_in_menus=True))
    blog.save_revision().publish()
    return home, blog


DEFAULT_BODY = [
    {"type": "heading", "value": {"text": "What it is", "level": "h2", "anchor": ""}},
    {"type": "paragraph", "value": "<p>Plain words about a hard thing.</p>"},
    {"type": "heading", "value": {"text": "What helps", "level": "h2", "anchor": "relief"}},
    {"type": "term_list", "value": {"heading": "", "items": [{"label": "Heat", "explanation": "<p>Warmth loosens tight muscles.</p>"}]}},
]

_counter = iter(range(1, 10**9))


def make_article(blog, title=None, publish=True, body=None, when=None, tags=(), categories=(), authors=(), **fields):
    """An article under `blog`, published unless publish=False."""
    number = next(_counter)
    title = title or f"Article {number}"
    page = ArticlePage(
        title=title,
        slug=fields.pop("slug", f"article-{number}"),
        intro=fields.pop("intro", f"About {title}."),
        body=body if body is not None else DEFAULT_BODY,
        live=publish,
        **fields,
    )
    page.categories = list(categories)
    page.authors = list(authors)
    blog.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
        page.save()
    if publish:
        page.save_revision().publish()
        if when is not None:
            ArticlePage.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
            page.refresh_from_db()
    return page


def make_standard_page(parent, title, slug, **fields):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, **fields))
    page.save_revision().publish()
    return page


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)
