"""Visitors write to us through the contact page."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from blog.models import BlogIndexPage
from community.inbox.models import ContactFormField, ContactPage, Message, OutgoingEmail
from tests.utils import main_content

from .conftest import VISITOR


def test_contact_page_shows_a_plain_form_with_a_csrf_token_and_is_never_cached(contact_page):
    response = Client().get(contact_page.url)
    html = main_content(response)
    assert response.status_code == 200
    assert '<form method="post"' in html and 'name="csrfmiddlewaretoken"' in html
    for name in ("name", "email", "topic", "order_number", "subject", "message", "consent", "form_token"):
        assert f'name="{name}"' in html
    assert "Store order" in html and "General question" in html
    assert "health" in html  # the consent note about how messages are handled
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_visitor_sends_a_message_and_sees_the_thank_you_page(submit, contact_page):
    response = submit()
    assert response.status_code == 303 and response["Location"].endswith("?sent=1")
    message = Message.objects.get()
    assert (message.name, message.email, message.topic.slug, message.status) == ("Sam Reader", VISITOR, "general", "new")
    assert message.subject == "Question about flares" and "new medication" in message.body
    assert message.consented_at is not None and message.ip_address == "203.0.113.9"
    assert message.page_id == contact_page.pk and message.site.is_default_site

    thanks = Client().get(response["Location"])
    assert "Thank you for writing to us" in main_content(thanks)
    assert "flares" not in main_content(thanks)  # nothing personal on a reloadable page


def test_reloading_the_thank_you_page_sends_nothing_again(submit, contact_page):
    location = submit()["Location"]
    Client().get(location)
    Client().get(location)
    assert Message.objects.count() == 1


def test_store_order_topic_asks_for_the_order_number(submit, topics):
    response = submit(topic=topics["order"], order_number="")
    assert response.status_code == 200
    assert "Please give the order number" in main_content(response)
    assert not Message.objects.exists()

    submit(topic=topics["order"], order_number="CH-1042")
    assert Message.objects.get().order_number == "CH-1042"


def test_editor_added_fields_are_asked_and_kept_with_the_message(submit, contact_page):
    ContactFormField.objects.create(page=contact_page, label="How did you find us?", field_type="singleline", required=False)
    ContactFormField.objects.create(page=contact_page, label="Email", field_type="singleline", required=False)  # clashes with a core field: ignored
    html = main_content(Client().get(contact_page.url))
    assert "How did you find us?" in html and html.count('name="email"') == 1

    submit(how_did_you_find_us="A friend in my support group")
    assert Message.objects.get().extra_fields == [{"label": "How did you find us?", "value": "A friend in my support group"}]


def test_messages_are_not_stored_as_wagtail_form_submissions(submit):
    submit()
    assert Message.objects.count() == 1
    assert not FormSubmission.objects.exists()


def test_message_is_saved_before_any_email_is_owed(submit):
    submit()
    message = Message.objects.get()
    assert sorted(message.emails.values_list("kind", flat=True)) == [OutgoingEmail.Kind.ACKNOWLEDGEMENT, OutgoingEmail.Kind.STAFF_NOTIFICATION]


def test_form_works_without_topics(home, django_capture_on_commit_callbacks):
    page = home.add_child(instance=ContactPage(title="Contact", slug="contact-plain"))
    page.save_revision().publish()
    from .conftest import form_data

    client = Client()
    client.get(page.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, form_data())
    assert response.status_code == 303
    assert Message.objects.get().topic is None


def test_contact_page_lives_under_the_home_page_only(home, blog):
    assert ContactPage.can_create_at(home)
    assert not ContactPage.can_create_at(blog)
    assert not ContactPage.can_create_at(Page.get_first_root_node())
    assert ContactPage.allowed_subpage_models() == []
    assert not BlogIndexPage.can_create_at(ContactPage(title="x"))


def test_editors_cannot_add_a_field_that_shadows_a_core_field(home):
    page = ContactPage(title="Contact", slug="contact")
    form_class = ContactPage.get_edit_handler().get_form_class()
    data = {
        "title": "Contact",
        "slug": "contact",
        "consent_note": '{"blocks": [], "entityMap": {}}',
        "thank_you_text": '{"blocks": [], "entityMap": {}}',
        "intro": '{"blocks": [], "entityMap": {}}',
        "acknowledgement_text": "Thanks",
        "form_fields-TOTAL_FORMS": "1",
        "form_fields-INITIAL_FORMS": "0",
        "form_fields-MIN_NUM_FORMS": "0",
        "form_fields-MAX_NUM_FORMS": "1000",
        "form_fields-0-label": "Subject",
        "form_fields-0-field_type": "singleline",
        "form_fields-0-required": "on",
        "form_fields-0-ORDER": "1",
    }
    form = form_class(data, instance=page, parent_page=home, for_user=None)
    assert not form.is_valid()
    assert "already asks for this" in str(form.formsets["form_fields"].forms[0].errors)


@pytest.mark.parametrize("bad", ["not-an-address"])
def test_staff_addresses_are_validated(home, bad):
    from community.inbox.models import InboxSettings

    options = InboxSettings(site=home.get_site(), staff_emails=f"ok@example.org\n{bad}")
    with pytest.raises(ValidationError):
        options.full_clean()
