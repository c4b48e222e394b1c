import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import Site

from community.inbox.forms import ContactForm
from community.inbox.models import ContactPage, InboxSettings, Message, Topic

STAFF = "staff@chronicle.test"
VISITOR = "sam@example.org"
SITE_FROM = "hello@localhost"  # DEFAULT_FROM_EMAIL in test settings: "Chronicle <hello@localhost>"


@pytest.fixture
def client():
    """A browser-like client: CSRF is enforced as it is for real visitors."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def topics(db):
    return {
        "general": Topic.objects.create(name="General question", slug="general", sort_order=1),
        "order": Topic.objects.create(name="Store order", slug="store-order", asks_for_order_number=True, sort_order=2),
    }


@pytest.fixture
def contact_page(home, topics):
    page = home.add_child(instance=ContactPage(title="Contact us", slug="contact"))
    page.save_revision().publish()
    return page


@pytest.fixture
def staff_address(home):
    options = InboxSettings.for_site(Site.objects.get(is_default_site=True))
    options.staff_emails = STAFF
    options.save()
    return STAFF


def token(age=10):
    return ContactForm(now=time.time() - age).make_token()


def form_data(topic=None, **overrides):
    data = {
        "name": "Sam Reader",
        "email": VISITOR,
        "topic": str(topic.pk) if topic else "",
        "order_number": "",
        "subject": "Question about flares",
        "message": "My flares got worse after the new medication. What helped you?",
        "consent": "on",
        "homepage": "",
        "form_token": token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def submit(contact_page, topics, django_capture_on_commit_callbacks):
    """Post the contact form as a browser would (CSRF token from the page),
    running what is queued for after the commit."""

    def post(client=None, remote_addr="203.0.113.9", **overrides):
        client = client or Client(enforce_csrf_checks=True)
        page = client.get(contact_page.url, REMOTE_ADDR=remote_addr)
        csrf = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else client.cookies["csrftoken"].value
        data = form_data(topic=overrides.pop("topic", topics["general"]), **overrides)
        data["csrfmiddlewaretoken"] = csrf
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(contact_page.url, data, REMOTE_ADDR=remote_addr)

    return post


@pytest.fixture
def message_factory(db):
    counter = iter(range(1, 10**6))

    def make(**fields):
        number = next(counter)
        defaults = {
            "name": f"Reader {number}",
            "email": f"reader{number}@example.org",
            "subject": f"Subject {number}",
            "body": f"Words {number}",
            "fingerprint": f"fp-{number}",
        }
        defaults.update(fields)
        return Message.objects.create(**defaults)

    return make


def grant(user, *codenames):
    for codename in codenames:
        app_label, _, name = codename.partition(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=name))


@pytest.fixture
def inbox_editor(django_user_model):
    """An editor in a group that may work the inbox."""
    user = django_user_model.objects.create_user("ines", "ines@chronicle.test", "pw", first_name="Ines", last_name="Inbox")
    group = Group.objects.create(name="Inbox team")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("view_message", "change_message", "delete_message"):
        group.permissions.add(Permission.objects.get(content_type__app_label="inbox", codename=codename))
    user.groups.add(group)
    return user


@pytest.fixture
def plain_editor(django_user_model):
    """An editor (Wagtail's Editors group) without the inbox permission."""
    user = django_user_model.objects.create_user("pat", "pat@chronicle.test", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def admin_client(inbox_editor):
    client = Client()
    client.force_login(inbox_editor)
    return client
