"""The site's urls plus django-anymail's webhooks, as production includes
them (path("anymail/", include("anymail.urls")))."""

from django.urls import include, path

from chronicle.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("anymail/", include("anymail.urls"))] + site_urlpatterns
