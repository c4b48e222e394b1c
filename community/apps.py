from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self):
        from django.db.models import Count, IntegerField, OuterRef, Subquery
        from django.db.models.functions import Coalesce

        from blog.listing import register_listing_annotation
        from chronicle.page_cache import cache_query_parameters

        from .models import Comment

        # Listings show each article's comment count in the same query.
        approved = (
            Comment.objects.approved()
            .filter(page_id=OuterRef("pk"))
            .order_by()
            .values("page_id")
            .annotate(total=Count("pk"))
            .values("total")
        )
        register_listing_annotation("comment_count", Coalesce(Subquery(approved, output_field=IntegerField()), 0))
        # "Reply" links without script open the form under a comment; long
        # threads are split into comment pages (community.threads).
        from .threads import PAGE_PARAMETER

        cache_query_parameters("replyto", PAGE_PARAMETER)

        # Comment rules are cached with the site chrome: changing them rebuilds it.
        from django.db.models.signals import post_save

        from blog import chrome

        from .models import CommentSettings

        post_save.connect(chrome.invalidate, sender=CommentSettings, dispatch_uid="chrome-comment-settings")
