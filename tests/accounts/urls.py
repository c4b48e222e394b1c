"""The site's URLs plus the one line README asks chronicle/urls.py to carry:
allauth's 429 responses use the site's 429 page (accounts.views.rate_limited)."""

from chronicle.urls import *  # noqa: F401,F403
from chronicle.urls import urlpatterns  # noqa: F401

handler429 = "accounts.views.rate_limited"
