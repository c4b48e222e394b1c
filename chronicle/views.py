"""Site-wide views: robots.txt and the error pages."""

from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET


@require_GET
@cache_page(60 * 60)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request):
    """The 500 page renders without context processors or database access:
    whatever broke must not break the error page too."""
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    """A missing or stale CSRF token: a page in the site's design that says
    what to do, instead of Django's bare 403."""
    from django.template.response import TemplateResponse

    return TemplateResponse(request, "403_csrf.html", status=403)
