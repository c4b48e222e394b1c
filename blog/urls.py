from django.urls import path

from . import views
from .feeds import feed_view

app_name = "blog"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("category/<slug:slug>/", views.category, name="category"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    path("series/<slug:slug>/", views.series, name="series"),
    path("feeds/rss/", feed_view("all"), name="feed_rss"),
    path("feeds/atom/", feed_view("all", atom=True), name="feed_atom"),
    path("feeds/category/<slug:slug>/rss/", feed_view("category"), name="category_feed_rss"),
    path("feeds/category/<slug:slug>/atom/", feed_view("category", atom=True), name="category_feed_atom"),
    path("feeds/series/<slug:slug>/rss/", feed_view("series"), name="series_feed_rss"),
    path("feeds/series/<slug:slug>/atom/", feed_view("series", atom=True), name="series_feed_atom"),
]
