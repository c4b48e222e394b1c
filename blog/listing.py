"""Article listings shared by the blog index, category, tag and series pages."""

from django.db.models import Prefetch
from taggit.models import Tag
from wagtail.images import get_image_model

from .models import paginate, tagged_items_with_tags
from .snippets import Category

CARD_IMAGE_SPEC = "fill-640x360"

# Extra per-article values that other apps add to listings (e.g. the comment
# count from community), as {name: expression}. Registered in those apps'
# ready(); blog itself knows nothing of them.
LISTING_ANNOTATIONS = {}


def register_listing_annotation(name, expression):
    LISTING_ANNOTATIONS[name] = expression


class UnknownFilter(Exception):
    """A category or tag filter names something that does not exist."""


def listing_queryset(queryset):
    """Published articles with what a card shows prefetched, so that a page of
    ten cards costs the same few queries as a page of one."""
    images = get_image_model().objects.prefetch_renditions(CARD_IMAGE_SPEC)
    return (
        queryset.published()
        .select_related("series")
        .prefetch_related(Prefetch("hero_image", queryset=images), "categories", tagged_items_with_tags())
        .annotate(**LISTING_ANNOTATIONS)
    )


def listing_context(request, queryset, category=None, tag=None):
    """Filter by ?category= and ?tag= (a 404 for names that do not exist),
    then paginate. Returns the context the listing template expects."""
    category_slug = request.GET.get("category", "").strip()[:80]
    tag_slug = request.GET.get("tag", "").strip()[:100]
    if category is None and category_slug:
        category = Category.objects.filter(slug=category_slug).first()
        if category is None:
            raise UnknownFilter(category_slug)
    if tag is None and tag_slug:
        tag = Tag.objects.filter(slug=tag_slug).first()
        if tag is None:
            raise UnknownFilter(tag_slug)
    if category is not None:
        queryset = queryset.filter(categories=category)
    if tag is not None:
        queryset = queryset.filter(tagged_items__tag=tag)
    page_obj = paginate(request, listing_queryset(queryset))
    return {
        "articles": page_obj.object_list,
        "page_obj": page_obj,
        "active_category": category,
        "active_tag": tag,
    }
