"""The two emails a shopper gets: the order confirmation (on payment) and
"your order is on its way" (when an editor marks it fulfilled)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

KINDS = {
    "confirmation": ("store/emails/order_confirmation_subject.txt", "store/emails/order_confirmation.txt"),
    "fulfilment": ("store/emails/order_fulfilled_subject.txt", "store/emails/order_fulfilled.txt"),
}


def build(order, kind):
    subject_template, body_template = KINDS[kind]
    context = {"order": order, "lines": list(order.lines.all()), "site_name": settings.WAGTAIL_SITE_NAME}
    # One line, whatever a template or a product name contains.
    subject = " ".join(render_to_string(subject_template, context).split())
    return EmailMessage(subject=subject, body=render_to_string(body_template, context), to=[order.email])


def send(order, kind):
    build(order, kind).send(fail_silently=False)
