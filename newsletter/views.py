"""Reader-facing pages: subscribe, confirm, preferences, unsubscribe.

Each view validates, then calls a function in subscriptions.py. Pages
reached through a signed link are personal: never cached, never indexed.
Any forged, damaged or expired link gets one generic page (400) and changes
nothing."""

from functools import wraps

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Site

from chronicle.csrf import confirm_without_token
from community.antispam import client_ip, hit, rate_limited_response

from . import conf, subscriptions, tokens
from .forms import PreferencesForm, SubscribeForm
from .models import Subscriber


def _site_id(request):
    site = Site.find_for_request(request)
    return site.pk if site else None


def invalid_link(request):
    response = TemplateResponse(request, "newsletter/invalid_link.html", status=400)
    response["X-Robots-Tag"] = "noindex"
    return response


def personal(view):
    """Never cached anywhere, never indexed."""

    @never_cache
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


@confirm_without_token
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """The subscribe box posts here (from cached pages, without a CSRF token
    unless script fetched one). Every valid request ends on the same "check
    your inbox" page, whether or not we knew the address."""
    if request.method != "POST":
        return TemplateResponse(request, "newsletter/subscribe.html", {"form": SubscribeForm(initial={"source": Subscriber.Source.PAGE})})
    limit = hit("newsletter-subscribe", client_ip(request), conf.get("NEWSLETTER_SUBSCRIBE_LIMIT_PER_IP"), conf.get("NEWSLETTER_RATE_WINDOW_SECONDS"))
    if not limit.allowed:
        return rate_limited_response(request, limit.retry_after, what="subscription requests")
    form = SubscribeForm(request.POST)
    if request.csrf_confirmation_needed:
        form.is_valid()  # show what needs fixing on the confirm page too
        response = TemplateResponse(request, "newsletter/confirm_subscribe.html", {"form": form})
        add_never_cache_headers(response)
        return response
    if not form.is_valid():
        return TemplateResponse(request, "newsletter/subscribe.html", {"form": form})
    if not form.is_bot:
        subscriptions.subscribe(form.cleaned_data["email"], form.cleaned_data["source"], _site_id(request))
    return HttpResponseRedirect(reverse("newsletter:check_inbox"), status=303)


@require_GET
def check_inbox(request):
    return TemplateResponse(request, "newsletter/check_inbox.html")


@personal
@require_GET
def confirm(request, token):
    try:
        subscriber = tokens.read(tokens.CONFIRM, token)
    except tokens.InvalidToken:
        return invalid_link(request)
    subscriptions.confirm(subscriber, _site_id(request))
    preferences_url = reverse("newsletter:preferences", args=[tokens.make(tokens.PREFERENCES, subscriber)])
    return TemplateResponse(request, "newsletter/confirmed.html", {"preferences_url": preferences_url})


@csrf_exempt  # RFC 8058: mail clients post here with no cookie and no token
@personal
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows a button and changes nothing (link scanners follow GETs).
    POST unsubscribes: the one-click POST of RFC 8058 or the button. It
    answers 200 every time, also for an address we no longer hold."""
    try:
        subscriber = tokens.read(tokens.UNSUBSCRIBE, token)
    except tokens.InvalidToken:
        return invalid_link(request)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        return TemplateResponse(request, "newsletter/unsubscribed.html")
    already = subscriber is None or subscriber.is_suppressed
    return TemplateResponse(request, "newsletter/unsubscribe.html", {"already": already})


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token):
    try:
        subscriber = tokens.read(tokens.PREFERENCES, token)
    except tokens.InvalidToken:
        return invalid_link(request)
    context = {"subscriber": subscriber, "unsubscribe_url": reverse("newsletter:unsubscribe", args=[tokens.make(tokens.UNSUBSCRIBE, subscriber)])}
    if subscriber.status != Subscriber.Status.CONFIRMED:
        return TemplateResponse(request, "newsletter/not_subscribed.html", context)
    form = PreferencesForm.for_subscriber(subscriber, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        subscriber = subscriptions.update_preferences(
            subscriber,
            frequency=form.cleaned_data["frequency"],
            categories=form.cleaned_data["categories"],
            series=form.cleaned_data["series"],
            pause=form.cleaned_data["pause"],
        )
        context["saved"] = True
        context["subscriber"] = subscriber
        form = PreferencesForm.for_subscriber(subscriber)
    context["form"] = form
    return TemplateResponse(request, "newsletter/preferences.html", context)
