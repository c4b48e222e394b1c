"""CSRF for forms on cached pages.

Anonymous readers get whole pages from the shared cache (chronicle/page_cache),
so those pages cannot carry a per-reader CSRF token. Forms on them work in two
ways, both safe:

1. With JavaScript (static/js/forms.js), a form marked `data-csrf-fetch` asks
   `/csrf/` for a token just before it is submitted, and posts it as usual.
2. Without JavaScript the form is posted without a token. A view wrapped in
   `confirm_without_token` then changes nothing: it shows the same form again,
   filled in, on a fresh page that does carry a token, and asks the reader to
   confirm. Only a post with a valid token has any effect.
"""

from functools import wraps

from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET


def confirm_without_token(view):
    """Run Django's CSRF check ourselves. A POST that fails it reaches the
    view with `request.csrf_confirmation_needed = True`; the view must then
    re-render its form (bound to the posted data) and change nothing."""

    checker = CsrfViewMiddleware(lambda request: None)

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.csrf_confirmation_needed = False
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            rejection = checker.process_view(request, None, (), {})
            request.csrf_confirmation_needed = rejection is not None
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
@never_cache
def csrf_token_view(request):
    """A fresh token (and its cookie) for forms on cached pages."""
    return JsonResponse({"token": get_token(request)})
