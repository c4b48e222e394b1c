"""Bad input on the contact form: a clear error, nothing stored, nothing sent."""

from types import SimpleNamespace

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from community.antispam import HEADER_BREAKS
from community.inbox.forms import ContactForm

from community.inbox.models import Message
from tests.utils import main_content

from .conftest import VISITOR, form_data


def errors_shown(response):
    assert response.status_code == 200, response.status_code
    html = main_content(response)
    assert 'class="form-errors"' in html
    return html


def test_empty_form_asks_for_each_required_field(submit):
    html = errors_shown(submit(name="", email="", subject="", message="", consent=None))
    assert html.count("This field is required.") >= 5
    assert not Message.objects.exists()


def test_missing_fields_altogether_are_errors_not_crashes(contact_page, client):
    page = client.get(contact_page.url)
    response = client.post(contact_page.url, {"csrfmiddlewaretoken": page.cookies["csrftoken"].value})
    errors_shown(response)
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    "field,value,error",
    [
        ("message", "x" * 10_240, "at most 5000 characters"),
        ("subject", "s" * 10_240, "at most 150 characters"),
        ("name", "n" * 10_240, "at most 100 characters"),
        ("email", "a" * 10_000 + "@example.org", "Enter a valid email address"),
    ],
)
def test_oversize_values_are_refused(submit, field, value, error):
    html = errors_shown(submit(**{field: value}))
    assert error in html
    assert not Message.objects.exists()


@pytest.mark.parametrize("address", ["not-an-address", "sam@", "@example.org", "sam@exa mple.org", "sam@example.org, eve@example.org", "<sam@example.org>"])
def test_malformed_email_is_refused(submit, address, smtp_sink):
    html = errors_shown(submit(email=address))
    assert "Enter a valid email address" in html
    assert not Message.objects.exists() and not smtp_sink.messages


@pytest.mark.parametrize(
    "field,value",
    [
        ("name", "Sam\r\nBcc: everyone@example.net"),
        ("name", "Sam\n"),
        ("subject", "Hello\r\nBcc: everyone@example.net"),
        ("subject", "Hello\u2028Bcc: x@example.net"),
        ("email", "sam@example.org\r\nBcc: everyone@example.net"),
        ("email", "sam@example.org\n"),
    ],
)
def test_header_injection_is_a_form_error_and_nothing_is_sent(submit, smtp_sink, staff_address, field, value):
    html = errors_shown(submit(**{field: value}))
    assert "cannot contain line breaks" in html
    assert not Message.objects.exists()
    assert smtp_sink.messages == []


@pytest.mark.parametrize(
    "name,subject,text",
    [
        ("\u202eevil\u202c Sam", "RTL \u200f mark", "Zero\u200bwidth and emoji 🤒🌡️"),
        ("Zoë Ångström", "Combining e\u0301 accent", "عربي / עברית / 中文"),
    ],
)
def test_unicode_is_kept_intact(submit, name, subject, text):
    response = submit(name=name, subject=subject, message=text)
    assert response.status_code == 303
    message = Message.objects.get()
    assert (message.name, message.subject, message.body) == (name, subject, text)


def test_too_many_links_are_refused(submit):
    text = "See http://a.example http://b.example www.c.example"
    html = errors_shown(submit(message=text))
    assert "at most 2 web addresses" in html
    assert not Message.objects.exists()
    assert submit(message="See http://a.example please").status_code == 303


def test_links_in_name_or_subject_are_refused(submit):
    assert "without web addresses" in errors_shown(submit(name="Cheap pills www.pills.example"))
    assert "Please leave web addresses out" in errors_shown(submit(subject="Visit https://pills.example"))
    assert not Message.objects.exists()


def test_bad_order_number_is_refused(submit, topics):
    html = errors_shown(submit(topic=topics["order"], order_number="<script>alert(1)</script>"))
    assert "only letters, digits and dashes" in html


def test_unknown_topic_is_refused(submit):
    html = errors_shown(submit(topic=SimpleNamespace(pk=999999)))
    assert "Select a valid choice" in html


def test_repeated_submission_stores_one_message_and_sends_one_acknowledgement(submit, smtp_sink, staff_address):
    first = submit()
    second = submit()
    assert first.status_code == second.status_code == 303
    assert Message.objects.count() == 1
    assert len(smtp_sink.to(VISITOR)) == 1
    assert len(smtp_sink.to(staff_address)) == 1


def test_post_without_csrf_token_changes_nothing(contact_page):
    response = Client(enforce_csrf_checks=True).post(contact_page.url, form_data())
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_wrong_method_or_junk_query_is_harmless(contact_page):
    assert Client().get(contact_page.url + "?sent=junk").status_code == 200
    assert Client().put(contact_page.url).status_code in (200, 403, 405)
    assert not Message.objects.exists()


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=120), subject=st.text(max_size=160), text=st.text(max_size=300), address=st.emails() | st.text(max_size=40))
def test_any_text_gives_a_valid_form_or_errors_never_a_crash(db, name, subject, text, address):
    form = ContactForm(data=form_data(name=name, subject=subject, message=text, email=address))
    if form.is_valid():
        for value in (form.cleaned_data["name"], form.cleaned_data["subject"], form.cleaned_data["email"]):
            assert not HEADER_BREAKS.search(value)
    else:
        assert form.errors
