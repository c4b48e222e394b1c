"""A reader's profile (display name, bio, avatar colour) and reading
preferences (text size, colour scheme), remembered for them."""

from django.template import RequestContext, Template
from django.test import Client, RequestFactory

from accounts.models import Profile
from tests.accounts.helpers import post, sign_in
from tests.utils import main_content

PROFILE = {"display_name": "Sam Lee", "bio": "Runner.\nReader.", "avatar_colour": "5", "text_size": "large", "theme": "dark"}


def _save(client, **changes):
    return post(client, "/account/profile/", {**PROFILE, **changes})


def test_reader_sets_up_their_profile(client, reader):
    client.force_login(reader)
    response = _save(client)
    assert response.status_code == 302 and response["Location"] == "/account/profile/"
    page = main_content(client.get("/account/profile/"))
    assert "Your profile is saved." in page
    assert '<span class="avatar avatar-tone-5" aria-hidden="true">SL</span>' in page
    assert 'value="large" id="id_text_size_1" required checked' in page

    overview = main_content(client.get("/account/"))
    assert "<strong>Sam Lee</strong>" in overview and "Runner.<br>Reader." in overview
    reader.refresh_from_db()
    assert reader.get_full_name() == "Sam Lee"  # the account's name everywhere, the admin included


def test_preferences_follow_the_reader_to_every_page_and_device(client, reader, home):
    client.force_login(reader)
    _save(client)
    assert client.get("/").context["prefs"].text_size == "large"

    elsewhere = Client(enforce_csrf_checks=True)
    sign_in(elsewhere, reader.email)
    prefs = elsewhere.get("/").context["prefs"]
    assert (prefs.text_size, prefs.theme) == ("large", "dark")


def _render_prefs(request):
    return Template("text-{{ prefs.text_size }} theme-{{ prefs.theme }}").render(RequestContext(request, {}))


def test_guests_get_the_defaults_without_a_query(db, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert _render_prefs(request) == "text-normal theme-auto"


def test_signed_in_reader_costs_one_query_per_request_and_only_when_used(reader, django_assert_num_queries):
    Profile.objects.create(user=reader, text_size="larger", theme="light")
    request = RequestFactory().get("/")
    request.user = reader
    with django_assert_num_queries(0):
        Template("nothing here").render(RequestContext(request, {}))
    with django_assert_num_queries(1):
        assert _render_prefs(request) == "text-larger theme-light"
        assert _render_prefs(request) == "text-larger theme-light"


def test_reader_without_a_profile_gets_the_defaults(reader):
    request = RequestFactory().get("/")
    request.user = reader
    assert _render_prefs(request) == "text-normal theme-auto"


def test_editor_keeps_their_name_until_they_choose_a_display_name(client, reader):
    reader.first_name, reader.last_name = "Samantha", "Lee"
    reader.save()
    client.force_login(reader)
    assert "<strong>Samantha Lee</strong>" in main_content(client.get("/account/"))
    reader.refresh_from_db()
    assert reader.get_full_name() == "Samantha Lee"


def test_empty_display_name_shows_the_username_never_the_address(client, reader):
    client.force_login(reader)
    _save(client, display_name="")
    page = main_content(client.get("/account/profile/"))
    assert f"Shown as <strong>{reader.username}</strong>" in page


def test_display_name_is_escaped_wherever_it_shows(client, reader):
    client.force_login(reader)
    _save(client, display_name='<script>alert(1)</script>', bio='<img src=x onerror=alert(1)>')
    html = client.get("/account/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
