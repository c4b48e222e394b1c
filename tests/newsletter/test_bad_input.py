"""Every form and endpoint with hostile or odd input: a clear form error or
a 4xx page in the site's design, never a 500, and nothing stored changes."""

import unicodedata

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newsletter import tokens
from newsletter.forms import SubscribeForm
from newsletter.models import Subscriber
from tests.factories import CategoryFactory

BAD_EMAILS = [
    "",
    " ",
    "a" * 5000 + "@example.org",
    "x@" + "b" * 5000 + ".org",
    "not-an-address",
    "two@@example.org",
    "a@b",
    "reader@example.org\r\nBcc: everyone@example.org",
    "reader@example.org\nBcc: everyone@example.org",
    "reader@example.org%0d%0aBcc:x@example.org",
    "rea\u200bder@example.org",
    "reader@exa\u200bmple.org",
    "\u202ereader@example.org",
    "réader@example.org",
    "😀@example.org",
    "<script>alert(1)</script>@example.org",
    "\"quoted\r\n\"@example.org",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_bad_addresses_get_a_form_error_and_nothing_is_stored(client, site_tree, smtp_sink, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/newsletter/", {"email": email, "source": "footer"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="errorlist' in html
    assert "<script>alert(1)</script>" not in html
    assert Subscriber.objects.count() == 0 and smtp_sink.messages == []


def test_missing_fields_and_junk_fields(client, site_tree, smtp_sink):
    assert client.post("/newsletter/", {}).status_code == 200
    assert client.post("/newsletter/", {"email": ["a@example.org", "b@example.org"], "source": "x" * 5000}).status_code == 200
    assert Subscriber.objects.count() == 0


def test_an_international_domain_is_accepted(client, site_tree, smtp_sink, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/newsletter/", {"email": "reader@bücher.example", "source": "footer"})
    assert response.status_code == 303
    assert Subscriber.objects.filter(email="reader@bücher.example").exists()
    assert smtp_sink.envelopes[0][1] == ["reader@xn--bcher-kva.example"]


def test_subscribe_page_get_shows_the_form(client, site_tree):
    response = client.get("/newsletter/")
    assert response.status_code == 200 and 'name="email"' in response.content.decode()
    assert client.put("/newsletter/").status_code == 405


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"frequency": "hourly"},
        {"frequency": "every", "categories": ["not-a-number"]},
        {"frequency": "every", "categories": ["999999"]},
        {"frequency": "every", "categories": ["-1"]},
        {"frequency": "every", "series": ["1" * 5000]},
        {"frequency": "every", "pause": "forever"},
        {"frequency": "every\r\nX: y"},
        {"frequency": "x" * 5000},
    ],
)
def test_bad_preferences_are_refused_and_nothing_changes(client, site_tree, make_subscriber, data):
    category = CategoryFactory()
    reader = make_subscriber(categories=[category])
    response = client.post(f"/newsletter/preferences/{tokens.make(tokens.PREFERENCES, reader)}/", data)
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    reader.refresh_from_db()
    assert reader.frequency == Subscriber.Frequency.EVERY_POST and reader.paused_until is None
    assert list(reader.categories.all()) == [category]


def test_preferences_post_without_csrf_is_refused(site_tree, make_subscriber):
    reader = make_subscriber()
    response = Client(enforce_csrf_checks=True).post(f"/newsletter/preferences/{tokens.make(tokens.PREFERENCES, reader)}/", {"frequency": "weekly"})
    assert response.status_code == 403
    reader.refresh_from_db()
    assert reader.frequency == Subscriber.Frequency.EVERY_POST


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", ["confirm", "preferences", "unsubscribe"])
def test_empty_or_huge_tokens(client, site_tree, method, name):
    for token in ["-", "x" * 5000, "a:b:c", "..", "%00"]:
        response = getattr(client, method)(f"/newsletter/{name}/{token}/")
        assert response.status_code in (400, 403, 404, 405), (token, response.status_code)


@given(text=st.text(max_size=300))
@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_either_refused_or_a_clean_address(text):
    """Whatever is typed, the form never lets a line break, a control or an
    invisible character through to a mail header."""
    form = SubscribeForm({"email": text, "source": "footer"})
    if form.is_valid():
        email = form.cleaned_data["email"]
        assert email == email.strip().lower() and "@" in email and len(email) <= 254
        assert not any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Zs") for char in email)


@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_odd_unicode_posted_to_the_form_never_breaks_the_page(client, site_tree, settings, text):
    settings.NEWSLETTER_SUBSCRIBE_LIMIT_PER_IP = 10_000
    response = client.post("/newsletter/", {"email": text + "@example.org", "source": "footer"})
    assert response.status_code in (200, 303)
