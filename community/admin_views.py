"""Editors reply to a comment from the admin: the reply is a comment by
their account, shown as from the team, and approved at once."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages

from .comments import attach_point, rules_for
from .models import Comment


class AdminReplyForm(forms.Form):
    text = forms.CharField(label="Your reply", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))


def staff_reply(parent, user, text):
    """Post `text` as the editor's approved reply to `parent` (an approved
    comment), under the site's depth rule as a reader's reply would be."""
    parent = attach_point(parent, rules_for(parent.page.specific).max_depth)
    reply = Comment(
        page=parent.page,
        parent=parent,
        depth=(parent.depth + 1) if parent else 0,
        user=user,
        name=user.get_full_name() or user.get_username(),
        email=user.email,
        text=text.strip(),
        status=Comment.Status.APPROVED,
        is_staff_reply=True,
    )
    reply.save()
    return reply


def reply(request, pk):
    if not request.user.has_perm("community.add_comment"):
        raise PermissionDenied
    parent = get_object_or_404(Comment.objects.select_related("page"), pk=pk)
    if parent.status != Comment.Status.APPROVED:
        # A reply under a comment readers cannot see would be hidden with it.
        messages.error(request, f"Approve {parent.name}’s comment before replying to it.")
        return redirect("wagtailsnippets_community_comment:list")
    form = AdminReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        staff_reply(parent, request.user, form.cleaned_data["text"])
        messages.success(request, f"Your reply to {parent.name} is published.")
        return redirect("wagtailsnippets_community_comment:list")
    return TemplateResponse(request, "community/admin/reply.html", {"parent": parent, "form": form})
