"""The shared spam defences used by comment and contact forms."""

import time

import pytest
import time_machine
from django import forms
from django.test import RequestFactory

from community.antispam import SpamProtectedForm, client_ip, hit, reject_header_breaks


class MessageForm(SpamProtectedForm):
    antispam_salt = "tests.message"
    text = forms.CharField()


def posted(text="Hello", honeypot="", token=None, age=10):
    token = token if token is not None else MessageForm(now=time.time() - age).make_token()
    return MessageForm(data={"text": text, "homepage": honeypot, "form_token": token})


def test_a_person_who_took_a_few_seconds_gets_through():
    assert posted().is_valid()


def test_honeypot_filled_in_is_rejected():
    form = posted(honeypot="http://spam.example")
    assert not form.is_valid() and form.has_error("__all__", "honeypot")


@pytest.mark.parametrize("token", ["", "garbage", "eyJ0IjoxfQ:forged:signature"])
def test_missing_or_forged_token_is_rejected(token):
    form = posted(token=token)
    assert not form.is_valid() and form.has_error("__all__", "token")


def test_token_from_another_form_kind_is_rejected():
    class OtherForm(SpamProtectedForm):
        antispam_salt = "tests.other"

    other_token = OtherForm(now=time.time() - 10).make_token()
    assert posted(token=other_token).has_error("__all__", "token")


def test_instant_submission_is_rejected_and_stale_token_expires():
    assert posted(age=0).has_error("__all__", "too_fast")
    token = MessageForm(now=time.time() - 10).make_token()
    with time_machine.travel(time.time() + 2 * 24 * 3600):
        assert posted(token=token).has_error("__all__", "token")


@pytest.mark.parametrize("value", ["Sam\r\nBcc: everyone@example.org", "a\nb", "x\x00y", "line\u2028break"])
def test_header_breaks_are_refused(value):
    with pytest.raises(forms.ValidationError):
        reject_header_breaks(value)


def test_rate_limit_counts_per_key_and_window():
    results = [hit("test", "1.2.3.4", limit=3, window=60).allowed for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert hit("test", "5.6.7.8", limit=3, window=60).allowed  # another client is unaffected


def test_client_ip_ignores_forwarded_for_unless_proxies_are_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.CHRONICLE_TRUSTED_PROXY_HOPS = 0
    assert client_ip(request) == "10.0.0.1"
    settings.CHRONICLE_TRUSTED_PROXY_HOPS = 1
    assert client_ip(request) == "203.0.113.7"  # the spoofed 6.6.6.6 is never used
