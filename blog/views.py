"""Listings outside the page tree: category, tag and series pages, search."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag
from wagtail.models import Page

from .listing import UnknownFilter, listing_context
from .models import ArticlePage, paginate
from .snippets import Category, Series


def _listing(request, template, heading, **filters):
    try:
        context = listing_context(request, ArticlePage.objects.all(), **filters)
    except UnknownFilter:
        raise Http404("No such category or tag")
    context["heading"] = heading
    return TemplateResponse(request, template, context)


def category(request, slug):
    category = get_object_or_404(Category, slug=slug)
    return _listing(request, "blog/category.html", category.name, category=category)


def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    return _listing(request, "blog/tag.html", f"Tagged “{tag.name}”", tag=tag)


def series(request, slug):
    series = get_object_or_404(Series.objects.select_related("image"), slug=slug)
    parts = list(series.live_parts().select_related("hero_image"))
    return TemplateResponse(request, "blog/series.html", {"series": series, "parts": parts})


def search(request):
    """Full-text search over live pages. Any query is accepted: it is trimmed
    to a sane length, and an empty one shows the form without results."""
    query = " ".join(request.GET.get("q", "").split())[: settings.CHRONICLE_SEARCH_MAX_QUERY]
    results = None
    if query:
        pages = Page.objects.live().public().type(ArticlePage).search(query)
        results = paginate(request, pages)
        results.object_list = [page.specific for page in results.object_list]
    return TemplateResponse(request, "blog/search.html", {"query": query, "results": results})
