"""Settings for a real task worker started by a test in another process:
the test settings, the database task backend, the test's SMTP sink and
test database (passed in the environment by tests/newsletter/workers.py)."""

import os

from chronicle.settings.test import *  # noqa: F401,F403
from chronicle.settings.test import DATABASES

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["NL_SMTP_PORT"])
EMAIL_TIMEOUT = 10
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NL_BATCH_SIZE", "1000"))
if os.environ.get("NL_TEST_DB_NAME"):
    DATABASES["default"]["NAME"] = os.environ["NL_TEST_DB_NAME"]
