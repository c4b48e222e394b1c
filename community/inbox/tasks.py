"""Background work for the inbox. Each task takes ids and is safe to run twice."""

from django_tasks import task

from . import privacy, sending


@task()
def deliver_email(outgoing_id):
    """Send one owed email (acknowledgement, staff notification or reply).
    Fails, with a retry scheduled, while the mail server is unreachable."""
    return sending.deliver(outgoing_id)


@task()
def retry_due_email():
    """Periodic: re-enqueue deliveries whose retry is overdue."""
    return sending.retry_due()


@task()
def apply_retention():
    """Periodic: delete messages past each site's retention period and drop
    stored IP addresses after a month."""
    return privacy.apply_retention()
