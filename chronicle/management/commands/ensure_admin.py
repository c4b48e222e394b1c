"""Make sure an administrator account exists (used by `make run`).

Credentials come from ADMIN_USERNAME / ADMIN_EMAIL / ADMIN_PASSWORD when set;
otherwise a password is generated and printed once, when the account is made.
An existing account is never changed."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the first admin account if there is none."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account exists already; sign in at /admin/.")
            return
        username = os.environ.get("ADMIN_USERNAME", "admin")
        email = os.environ.get("ADMIN_EMAIL", "admin@localhost")
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password, first_name="Site", last_name="Admin")
        shown = password if not os.environ.get("ADMIN_PASSWORD") else "(from ADMIN_PASSWORD)"
        self.stdout.write(self.style.SUCCESS(f"Admin account created — sign in at /admin/ as {username} with password: {shown}"))
        self.stdout.write("This password is shown only once.")
