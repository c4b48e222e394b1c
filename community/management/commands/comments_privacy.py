import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from community.privacy import erase_comments, export_comments


class Command(BaseCommand):
    help = "Export (as JSON) or erase every comment and personal detail for an email address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--keep-text", action="store_true", help="erase: keep the words, signed 'Deleted user'.")

    def handle(self, action, email, keep_text=False, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"Not an email address: {email!r}")
        if action == "export":
            self.stdout.write(json.dumps({"email": email, "comments": export_comments(email)}, indent=2, ensure_ascii=False))
        else:
            count = erase_comments(email, keep_text=keep_text)
            self.stdout.write(f"Erased {count} comment(s) for {email}.")
