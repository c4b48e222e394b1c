"""What editors do with a message: reply, note, assign, change status.
Views and bulk actions call these; each holds its rule in one place."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import sending
from .models import Message, Note, OutgoingEmail, Reply


def send_reply(message, author, body, submission_key):
    """Store a reply on the thread, mark the message replied and queue one
    email to the sender. The same submission (a double click, a re-sent
    form) returns the reply already stored and sends nothing more.

    Returns (reply, created)."""
    existing = Reply.objects.filter(message=message, submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            reply = Reply.objects.create(message=message, author=author, body=body, submission_key=submission_key, created_at=timezone.now())
            outgoing = OutgoingEmail.objects.create(message=message, reply=reply, kind=OutgoingEmail.Kind.REPLY)
            Message.objects.filter(pk=message.pk).update(status=Message.Status.REPLIED, updated_at=timezone.now())
            sending.queue_after_commit([outgoing])
    except IntegrityError:
        # The same submission, committed by a concurrent request.
        return Reply.objects.get(message=message, submission_key=submission_key), False
    message.status = Message.Status.REPLIED
    return reply, True


def add_note(message, author, body):
    return Note.objects.create(message=message, author=author, body=body)


def assign(message, user):
    Message.objects.filter(pk=message.pk).update(assigned_to=user, updated_at=timezone.now())
    message.assigned_to = user


def set_status(messages, status):
    """Set the status of one message or many (a queryset or a list).
    Returns how many changed."""
    if isinstance(messages, Message):
        messages = [messages]
    ids = [message.pk for message in messages]
    return Message.objects.filter(pk__in=ids).exclude(status=status).update(status=status, updated_at=timezone.now())
