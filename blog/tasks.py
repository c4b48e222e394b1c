"""Background work for the publishing side."""

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled_pages():
    """Publish every page whose go-live time has come and unpublish every page
    whose expiry has passed. Safe to run at any time, and twice."""
    call_command("publish_scheduled", verbosity=0)
