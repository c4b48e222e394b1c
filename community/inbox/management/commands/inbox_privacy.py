"""Export or erase what the contact inbox holds about one email address."""

from django.core.management.base import BaseCommand

from community.inbox.privacy import erase_messages, export_messages_json


class Command(BaseCommand):
    help = "Export (as JSON) or erase every contact message from one email address, with its replies and notes."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        if action == "export":
            self.stdout.write(export_messages_json(email))
        else:
            count = erase_messages(email)
            self.stdout.write(f"Erased {count} message(s) from {email}.")
