from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from chronicle import views
from chronicle.csrf import csrf_token_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("csrf/", csrf_token_view, name="csrf_token"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("comments/", include("community.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("shop/", include("store.urls")),
    path("anymail/", include("anymail.urls")),
    path("", include("blog.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded images from local disk. With object storage (django-storages)
    # media URLs point at the bucket and this is turned off.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "chronicle.views.server_error"
handler429 = "accounts.views.rate_limited"
