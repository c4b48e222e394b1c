"""The admin message view: the message, the conversation, and what an editor
does with it (reply, canned replies, notes, assignment, status)."""

from functools import wraps

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from . import sending, triage
from .forms import AssignForm, CannedReplyChoiceForm, NoteForm, ReplyForm, StatusForm
from .models import Message, OutgoingEmail

VIEW_PERMISSIONS = {"view", "change", "delete"}


def inbox_policy():
    return policy_registry.get_by_type(Message)


def can_view_inbox(user):
    return inbox_policy().user_has_any_permission(user, VIEW_PERMISSIONS)


def forbidden(request, reason="You don’t have permission to read the inbox."):
    """A 403 in the admin's design. (Wagtail turns PermissionDenied into a
    redirect to the dashboard; here the answer is a plain refusal.)"""
    return TemplateResponse(request, "inbox/admin/forbidden.html", {"reason": reason}, status=403)


def inbox_access_required(view):
    """Every inbox screen: only users with a message permission get past."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_view_inbox(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


class MessageView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "inbox/admin/message.html"
    header_icon = "mail"
    actions = ("reply", "canned", "note", "assign", "status", "resend")

    def dispatch(self, request, pk):
        if not can_view_inbox(request.user):
            return forbidden(request)
        self.message = get_object_or_404(Message.objects.select_related("topic", "assigned_to", "site"), pk=pk)
        self.forms = {}
        return super().dispatch(request, pk)

    @cached_property
    def can_change(self):
        return inbox_policy().user_has_permission(self.request.user, "change")

    @cached_property
    def can_delete(self):
        return inbox_policy().user_has_permission(self.request.user, "delete")

    def url(self):
        return reverse("inbox:edit", args=[self.message.pk])

    def get_page_title(self):
        return self.message.subject

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("inbox:list"), "label": "Inbox"},
            {"url": "", "label": str(self.message)},
        ]

    def get(self, request, pk):
        if self.can_change:
            self.message.mark_read()
        return self.render_to_response(self.get_context_data())

    def post(self, request, pk):
        if not self.can_change:
            return forbidden(request, "You can read this message but not change it.")
        action = request.POST.get("action")
        if action not in self.actions:
            return redirect(self.url())
        return getattr(self, f"post_{action}")(request)

    # --- actions -----------------------------------------------------------

    def post_reply(self, request):
        form = ReplyForm(request.POST)
        if not form.is_valid():
            self.forms["reply"] = form
            return self.render_to_response(self.get_context_data(), status=400)
        _reply, created = triage.send_reply(self.message, request.user, form.cleaned_data["body"], form.cleaned_data["submission_key"])
        if created:
            messages.success(request, f"Your reply is on its way to {self.message.email}.")
        else:
            messages.warning(request, "That reply had already been sent; it was not sent again.")
        return redirect(self.url())

    def post_canned(self, request):
        form = CannedReplyChoiceForm(request.POST)
        if form.is_valid():
            self.forms["reply"] = ReplyForm(initial={"body": form.cleaned_data["canned_reply"].render_for(self.message)})
        else:
            self.forms["canned"] = form
        return self.render_to_response(self.get_context_data())

    def post_note(self, request):
        form = NoteForm(request.POST)
        if not form.is_valid():
            self.forms["note"] = form
            return self.render_to_response(self.get_context_data(), status=400)
        triage.add_note(self.message, request.user, form.cleaned_data["body"])
        messages.success(request, "Note added.")
        return redirect(self.url())

    def post_assign(self, request):
        form = AssignForm(request.POST, users=self.assignable_users())
        if not form.is_valid():
            self.forms["assign"] = form
            return self.render_to_response(self.get_context_data(), status=400)
        triage.assign(self.message, form.cleaned_data["assigned_to"])
        who = form.cleaned_data["assigned_to"]
        messages.success(request, f"Assigned to {who.get_full_name() or who.get_username()}." if who else "Nobody is assigned now.")
        return redirect(self.url())

    def post_status(self, request):
        form = StatusForm(request.POST)
        if not form.is_valid():
            self.forms["status"] = form
            return self.render_to_response(self.get_context_data(), status=400)
        triage.set_status(self.message, form.cleaned_data["status"])
        messages.success(request, f"Marked {Message.Status(form.cleaned_data['status']).label.lower()}.")
        return redirect(self.url())

    def post_resend(self, request):
        outgoing = get_object_or_404(OutgoingEmail, pk=request.POST.get("email"), message=self.message)
        if sending.send_again(outgoing):
            messages.success(request, f"{outgoing.get_kind_display()}: sending again.")
        else:
            messages.warning(request, "That email is not waiting for a decision.")
        return redirect(self.url())

    # --- page --------------------------------------------------------------

    def assignable_users(self):
        return inbox_policy().users_with_permission("change").filter(is_active=True).order_by("first_name", "last_name", "username")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = self.message
        emails = list(message.emails.all())
        replies = message.thread()
        reply_emails = {outgoing.reply_id: outgoing for outgoing in emails if outgoing.reply_id}
        for reply in replies:
            reply.delivery = reply_emails.get(reply.pk)
        for outgoing in emails:
            outgoing.ambiguous = sending.may_not_have_been_sent(outgoing)
            outgoing.can_resend = outgoing.status in (OutgoingEmail.Status.FAILED, OutgoingEmail.Status.SKIPPED) or outgoing.ambiguous
        context.update(
            {
                "message": message,
                "replies": replies,
                "notes": list(message.notes.select_related("author")),
                "notices": [outgoing for outgoing in emails if outgoing.kind != OutgoingEmail.Kind.REPLY],
                "can_change": self.can_change,
                "can_delete": self.can_delete,
                "delete_url": reverse("inbox:delete", args=[message.pk]) if self.can_delete else "",
                "reply_form": self.forms.get("reply") or ReplyForm(),
                "canned_form": self.forms.get("canned") or CannedReplyChoiceForm(),
                "has_canned_replies": CannedReplyChoiceForm.base_fields["canned_reply"].queryset.exists(),
                "note_form": self.forms.get("note") or NoteForm(),
                "assign_form": self.forms.get("assign") or AssignForm(initial={"assigned_to": message.assigned_to_id}, users=self.assignable_users()),
                "status_form": self.forms.get("status") or StatusForm(initial={"status": message.status}),
                "action_url": self.url(),
            }
        )
        return context
