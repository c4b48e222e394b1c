"""Background work for accounts. Each task is safe to run twice."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

DEFAULT_SIGN_IN_RECORD_DAYS = 30


def sign_in_record_days():
    return getattr(settings, "ACCOUNTS_SIGN_IN_RECORD_DAYS", DEFAULT_SIGN_IN_RECORD_DAYS)


@task()
def clear_old_sign_in_records():
    """Forget sign-ins and failed attempts (addresses, browsers) that
    django-axes recorded more than ACCOUNTS_SIGN_IN_RECORD_DAYS ago (30 by
    default). Lockouts last minutes; these records only serve to look into
    an attack while it is recent. Returns how many rows were deleted."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    cutoff = timezone.now() - datetime.timedelta(days=sign_in_record_days())
    deleted = 0
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        count, _ = model.objects.filter(attempt_time__lt=cutoff).delete()
        deleted += count
    return deleted
