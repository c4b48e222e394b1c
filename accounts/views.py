"""The reader's area: overview with each app's panel, profile, export, deletion."""

import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from community.antispam import rate_limited_response

from . import area, privacy
from .forms import DeleteAccountForm, ProfileForm
from .models import Profile


def _render_panels(request):
    rendered = []
    for panel in area.panels():
        context = {"user": request.user, "request": request, "panel": panel, **(panel.get_context(request.user) or {})}
        rendered.append({"panel": panel, "html": render_to_string(panel.template, context, request=request)})
    return rendered


@never_cache
@login_required
@require_GET
def overview(request):
    profile = Profile.for_user(request.user)
    return TemplateResponse(request, "accounts/overview.html", {"profile": profile, "panels": _render_panels(request)})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    instance = Profile.for_user(request.user)
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your profile is saved.")
            return HttpResponseRedirect(reverse("accounts:profile"))
        instance.refresh_from_db()  # the preview shows what is stored
    return TemplateResponse(request, "accounts/profile.html", {"form": form, "profile": instance}, status=400 if form.errors else 200)


@never_cache
@login_required
@require_GET
def export(request):
    """A JSON file of everything the site holds about the reader."""
    data = privacy.export_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    filename = f"my-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    user = request.user
    if user.is_staff or user.is_superuser:
        return TemplateResponse(request, "accounts/delete_staff.html", status=403 if request.method == "POST" else 200)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST":
        # Each try checks the password: limited per account, as allauth limits
        # its own re-authentication, so a borrowed session cannot guess it.
        if not ratelimit.consume(request, action="reauthenticate", user=user):
            return rate_limited_response(request, 60, what="attempts")
        if form.is_valid():
            privacy.delete_account(user, keep_comments=form.keep_comments)
            logout(request)
            return HttpResponseRedirect(reverse("accounts:deleted"))
    return TemplateResponse(request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
def deleted(request):
    return TemplateResponse(request, "accounts/deleted.html")


def rate_limited(request, exception=None):
    """allauth's 429 page (chronicle.urls.handler429 points here): the site's
    429 page with a Retry-After header."""
    return rate_limited_response(request, 60, what="attempts")
