"""The pages of the publishing side: home, the blog index, articles and
standard pages (About, Privacy policy, Medical disclaimer)."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.db.models.functions import Length, Substr
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import ArticleStreamBlock, StandardStreamBlock, heading_anchor
from .snippets import Author, Category, Series  # noqa: F401  (snippets live beside the pages that use them)

WORDS_PER_MINUTE = 200


class ArticlePageQuerySet(PageQuerySet):
    def public(self):
        """Wagtail's public() (not inside a section with view restrictions),
        as one correlated subquery instead of an extra query per listing:
        a page is private when a restricted page's path is a prefix of its own."""
        restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
        return self.exclude(Exists(restricted))

    def published(self):
        """Live, public articles, newest first: what readers can see."""
        return self.live().public().order_by("-first_published_at", "-pk")


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("blog.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


def tagged_items_with_tags():
    """Prefetch an article's tags in one query (tagged item joined to tag)."""
    return Prefetch("tagged_items", queryset=ArticlePageTag.objects.select_related("tag"))


def paginate(request, queryset, per_page=None):
    """A page of results that never fails: junk, negative or too-large page
    numbers fall back to the nearest real page."""
    paginator = Paginator(queryset, per_page or settings.CHRONICLE_ARTICLES_PER_PAGE)
    raw = request.GET.get("page", "1")
    try:
        return paginator.page(raw)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(1 if str(raw).lstrip().startswith("-") or raw in ("0",) else paginator.num_pages)


class HomePage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    featured_series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    latest_count = models.PositiveSmallIntegerField(default=6)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("featured_series"), FieldPanel("latest_count")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .listing import listing_queryset

        context["latest_articles"] = list(listing_queryset(ArticlePage.objects.all())[: self.latest_count])
        if self.featured_series_id:
            context["featured_parts"] = list(Series.live_parts_of(self.featured_series_id).only("id", "title", "url_path", "path", "depth", "series"))
        return context


class BlogIndexPage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["blog.HomePage"]
    subpage_types = ["blog.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, ArticlePage.objects.child_of(self)))
        return context

    def route(self, request, path_components):
        """Articles are the only children: fetch one as an ArticlePage with
        what its page shows, in one query instead of Wagtail's two."""
        if not path_components:
            return super().route(request, path_components)
        try:
            article = (
                ArticlePage.objects.child_of(self)
                .select_related("hero_image", "series", "reviewed_by")
                .get(slug=path_components[0])
            )
        except ArticlePage.DoesNotExist as error:
            from django.http import Http404

            raise Http404 from error
        article._cached_parent_obj = self
        return article.route(request, path_components[1:])

    def serve(self, request, *args, **kwargs):
        from .listing import UnknownFilter

        try:
            return super().serve(request, *args, **kwargs)
        except UnknownFilter:
            from django.http import Http404

            raise Http404("No such category or tag")


class ArticlePage(Page):
    intro = models.TextField(help_text="One or two sentences: shown in listings, feeds, search results and as the meta description.")
    hero_image = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    hero_alt = models.CharField("Hero image alt text", max_length=250, blank=True, help_text="Required when there is a hero image.")
    body = StreamField(ArticleStreamBlock(), use_json_field=True)
    authors = ParentalManyToManyField(Author, blank=True, related_name="articles")
    categories = ParentalManyToManyField(Category, blank=True, related_name="articles")
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    series_part = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Order within the series: 1, 2, 3…")
    date = models.DateField("Article date", null=True, blank=True, help_text="Shown on the page; defaults to the first publication date.")
    last_reviewed = models.DateField(null=True, blank=True)
    reviewed_by = models.ForeignKey(Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviewed_articles")
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    comments_open = models.BooleanField(default=True, help_text="Readers may leave replies on this article.")
    email_subscribers = models.BooleanField(
        "Email this post to subscribers",
        default=True,
        help_text="On first publication, send this article to newsletter subscribers.",
    )

    objects = ArticlePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading="Hero image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("categories"),
                FieldPanel("tags"),
                FieldRowPanel([FieldPanel("series"), FieldPanel("series_part")]),
                FieldPanel("date"),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("reviewed_by")]),
            ],
            heading="About this article",
        ),
    ]

    settings_panels = Page.settings_panels + [FieldPanel("comments_open"), FieldPanel("email_subscribers")]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.FilterField("series"),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article"

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": "Describe the hero image for people who cannot see it."})
        if self.series_id and not self.series_part:
            raise ValidationError({"series_part": "Give the part number of this article within its series."})

    def save(self, *args, **kwargs):
        self.reading_minutes = self.compute_reading_minutes()
        return super().save(*args, **kwargs)

    def compute_reading_minutes(self):
        words = len(strip_tags(self.intro or "").split())
        for block in self.body:
            text = " ".join(str(part) for part in block.block.get_searchable_content(block.value))
            words += len(strip_tags(text).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    # --- what the article page shows ---------------------------------------

    og_type = "article"

    @property
    def display_date(self):
        if self.date:
            return self.date
        return self.first_published_at.date() if self.first_published_at else None

    @cached_property
    def table_of_contents(self):
        """Section headings in order, each h2 with its h3s nested under it:
        [{"anchor", "text", "children": [{"anchor", "text"}]}]."""
        entries = []
        for block in self.body:
            if block.block_type != "heading":
                continue
            entry = {"anchor": heading_anchor(block.value), "text": block.value["text"], "children": []}
            if block.value["level"] == "h3" and entries:
                entries[-1]["children"].append(entry)
            else:
                entries.append(entry)
        return entries

    @property
    def show_table_of_contents(self):
        return sum(1 + len(entry["children"]) for entry in self.table_of_contents) >= 2

    @cached_property
    def series_navigation(self):
        """Position in the series: part n of m, previous and next, all parts."""
        if not self.series_id:
            return None
        parts = list(Series.live_parts_of(self.series_id).only("id", "title", "url_path", "series_part", "depth", "path", "series"))
        ids = [part.id for part in parts]
        series = parts[0].series if parts else self.series
        if self.id not in ids:
            return {"series": series, "parts": parts, "position": None, "count": len(parts), "previous": None, "next": None}
        position = ids.index(self.id)
        return {
            "series": series,
            "parts": parts,
            "position": position + 1,
            "count": len(parts),
            "previous": parts[position - 1] if position > 0 else None,
            "next": parts[position + 1] if position + 1 < len(parts) else None,
        }

    def related_articles(self, limit=3):
        """Live articles that share a category, newest first; not this one,
        and not parts of the same series (those are listed separately)."""
        category_ids = [category.id for category in self.categories.all()]
        if not category_ids:
            return []
        related = ArticlePage.objects.published().filter(categories__in=category_ids).exclude(pk=self.pk)
        if self.series_id:
            related = related.exclude(series_id=self.series_id)
        return list(related.distinct().select_related("hero_image", "series").prefetch_related("categories")[:limit])

    def json_ld(self, request=None):
        from .seo import article_json_ld

        return article_json_ld(self, request)

    def get_context(self, request, *args, **kwargs):
        # Authors, categories and tags are shown twice (page and JSON-LD):
        # fetch each once.
        prefetch_related_objects([self], "authors", "categories", tagged_items_with_tags())
        return super().get_context(request, *args, **kwargs)

    @property
    def tag_list(self):
        """Tags through the prefetched tagged items (no query of its own)."""
        return [item.tag for item in self.tagged_items.all()]


class StandardPage(Page):
    intro = models.TextField(blank=True)
    body = StreamField(StandardStreamBlock(), use_json_field=True, blank=True)
    last_updated = models.DateField(null=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("last_updated")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["blog.HomePage", "blog.StandardPage"]
    subpage_types = ["blog.StandardPage"]
