"""Admin screens for the blog's snippets, grouped under one menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .snippets import Author, Category, Series


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role"]
    search_fields = ["name", "role"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class SeriesViewSet(SnippetViewSet):
    model = Series
    icon = "list-ol"
    list_display = ["title", "slug"]
    search_fields = ["title"]


class BlogSnippets(SnippetViewSetGroup):
    menu_label = "Blog"
    menu_icon = "doc-full"
    menu_order = 200
    items = (AuthorViewSet, CategoryViewSet, SeriesViewSet)


register_snippet(BlogSnippets)
