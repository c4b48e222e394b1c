import pytest
from django.test import Client

from tests.accounts.helpers import make_reader
from tests.factories import make_article


@pytest.fixture
def client():
    """A browser-like client: CSRF is enforced as it is for real readers."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def reader(db):
    """A reader with a confirmed address, signed out."""
    return make_reader(email="sam@example.org")


@pytest.fixture
def article(blog):
    return make_article(blog, title="Muscle knots")


# The lines README ("Reader accounts") asks chronicle/settings/base.py to carry.
# Until it does, these tests apply them; once it does, this changes nothing.
PROPOSED_SETTINGS = {
    "AXES_USERNAME_CALLABLE": "accounts.security.axes_username",
    "AXES_CLIENT_IP_CALLABLE": "accounts.security.axes_client_ip",
    "WAGTAILADMIN_USER_LOGIN_FORM": "accounts.forms.AdminLoginForm",
}


@pytest.fixture(autouse=True)
def accounts_settings(settings):
    for name, value in PROPOSED_SETTINGS.items():
        setattr(settings, name, value)
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    if "accounts.context_processors.preferences" not in processors:
        templates = [dict(settings.TEMPLATES[0], OPTIONS=dict(settings.TEMPLATES[0]["OPTIONS"]))]
        templates[0]["OPTIONS"]["context_processors"] = [*processors, "accounts.context_processors.preferences"]
        settings.TEMPLATES = templates
