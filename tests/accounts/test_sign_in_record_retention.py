"""Sign-in records (addresses and browsers kept by django-axes) are deleted
after the retention period; recent ones stay for looking into an attack.
(Failed attempts in progress are django-axes' own: it drops them once the
cool-off has passed.)"""

import datetime

import time_machine
from axes.models import AccessLog
from django.test import Client
from django.utils import timezone

from accounts.tasks import clear_old_sign_in_records
from tests.accounts.helpers import sign_in


def test_old_sign_in_records_are_forgotten_recent_ones_kept(reader):
    long_ago = timezone.now() - datetime.timedelta(days=31)
    with time_machine.travel(long_ago):
        sign_in(Client(enforce_csrf_checks=True), reader.email)
    sign_in(Client(enforce_csrf_checks=True), reader.email)
    assert AccessLog.objects.count() == 2

    clear_old_sign_in_records.enqueue()
    assert AccessLog.objects.count() == 1 and AccessLog.objects.get().attempt_time > long_ago + datetime.timedelta(days=30)

    clear_old_sign_in_records.enqueue()  # again: nothing more to do
    assert AccessLog.objects.count() == 1


def test_retention_period_is_a_setting(reader, settings):
    settings.ACCOUNTS_SIGN_IN_RECORD_DAYS = 1
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        sign_in(Client(enforce_csrf_checks=True), reader.email)
    clear_old_sign_in_records.enqueue()
    assert not AccessLog.objects.exists()
