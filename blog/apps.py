from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        from chronicle.page_cache import cache_query_parameters

        from . import chrome

        chrome.connect_signals()
        # Listings paginate and filter, search reads its query.
        cache_query_parameters("page", "category", "tag", "q")
