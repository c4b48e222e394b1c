"""RSS 2.0 and Atom feeds: all articles, per category and per series."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.models import Site

from .models import ArticlePage
from .snippets import Category, Series

FEED_LENGTH = 20


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed
    kind = "all"

    def get_object(self, request, slug=None):
        self.request = request
        if self.kind == "category":
            return get_object_or_404(Category, slug=slug)
        if self.kind == "series":
            return get_object_or_404(Series, slug=slug)
        return None

    def _site_name(self):
        site = Site.find_for_request(self.request)
        return (site.site_name if site and site.site_name else None) or "Chronicle"

    def title(self, obj):
        if obj is None:
            return self._site_name()
        return f"{self._site_name()}: {obj}"

    def link(self, obj):
        return obj.get_absolute_url() if obj is not None else "/"

    def description(self, obj):
        if obj is None:
            return "The latest articles"
        return getattr(obj, "description", "") or f"Articles in {obj}"

    def items(self, obj):
        articles = ArticlePage.objects.published().select_related("series").prefetch_related("authors", "categories")
        if self.kind == "category":
            articles = articles.filter(categories=obj)
        elif self.kind == "series":
            articles = articles.filter(series=obj)
        return articles[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def feed_view(kind, atom=False):
    cls = AtomArticleFeed if atom else ArticleFeed
    return type(f"{kind.title()}{cls.__name__}", (cls,), {"kind": kind})()
