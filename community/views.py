"""Posting, editing and deleting comments, and stopping reply emails."""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from blog.models import ArticlePage
from chronicle.csrf import confirm_without_token

from . import comments
from .antispam import rate_limited_response
from .forms import CommentForm
from .models import Comment
from .tokens import email_from_stop_replies_token


def _form_page(request, page, form, status=200, notice=None):
    form.refresh_token() if form.is_bound else None
    return TemplateResponse(request, "community/comment_form_page.html", {"page": page, "form": form, "notice": notice}, status=status)


@confirm_without_token
@require_POST
def post(request, page_id):
    page = get_object_or_404(ArticlePage.objects.live(), pk=page_id)
    if not comments.comments_open(page):
        return TemplateResponse(request, "community/comments_closed.html", {"page": page}, status=403)
    form = CommentForm(request.POST, user=request.user)
    if request.csrf_confirmation_needed:
        # No valid CSRF token (the form came from a cached page and script
        # was off): nothing is saved; the reader confirms on this fresh page.
        form = CommentForm(request.POST, user=request.user)
        form.is_valid()
        return _form_page(request, page, form, notice="Please check your comment and press “Post comment” again to send it.")
    if not form.is_valid():
        return _form_page(request, page, form, status=400)
    try:
        comment = comments.post_comment(page, form, request)
    except comments.CommentsClosed:
        return TemplateResponse(request, "community/comments_closed.html", {"page": page}, status=403)
    except comments.RateLimited as limited:
        return rate_limited_response(request, limited.retry_after, what="comments")
    except comments.Duplicate:
        form.add_error("text", "You have already posted this comment.")
        return _form_page(request, page, form, status=400)
    # To the comment page showing it (a held comment: page 1, where its
    # author sees it among "Your comments").
    return HttpResponseRedirect(comment.get_absolute_url())


def _own_comment(request, comment_id):
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=comment_id)
    if not comments.can_change(request, comment):
        raise Http404("No comment of yours to change here")
    return comment


@require_http_methods(["GET", "POST"])
def edit(request, comment_id):
    comment = _own_comment(request, comment_id)
    error = None
    if request.method == "POST":
        text = request.POST.get("text", "").replace("\r\n", "\n").strip()
        if not text:
            error = "Please write your comment."
        elif len(text) > 5000:
            error = "Please keep comments under 5000 characters."
        else:
            comments.edit_comment(comment, text, request.user)
            return HttpResponseRedirect(comment.get_absolute_url())
    context = {"comment": comment, "page": comment.page, "error": error, "back_url": comment.get_absolute_url()}
    return TemplateResponse(request, "community/comment_edit.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
def delete(request, comment_id):
    comment = _own_comment(request, comment_id)
    if request.method == "POST":
        # Back to the comment page it was on (a page past the new end shows the last).
        comment_page = comment.get_absolute_url().split("#", 1)[0]
        comments.delete_comment(comment)
        return HttpResponseRedirect(comment_page + "#comments")
    return TemplateResponse(request, "community/comment_delete.html", {"comment": comment, "page": comment.page, "back_url": comment.get_absolute_url()})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def stop_replies(request, token):
    """Stop reply emails for an address. GET shows a button; POST (also the
    RFC 8058 one-click POST from mail clients, which has no cookie or CSRF
    token) does it. Repeating it is harmless."""
    email = email_from_stop_replies_token(token)
    if email is None:
        return TemplateResponse(request, "community/link_invalid.html", status=400)
    if request.method == "POST":
        Comment.objects.by_email(email).update(notify_replies=False)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Reply notifications stopped.", content_type="text/plain")
        return TemplateResponse(request, "community/replies_stopped.html", {"done": True})
    return TemplateResponse(request, "community/replies_stopped.html", {"done": False, "token": token})
