"""The demo site has a working contact page, linked from the footer."""

from django.test import Client

from community.inbox import demo
from community.inbox.models import CannedReply, ContactPage, Topic


def test_demo_creates_the_contact_page_topics_and_footer_link_once(home):
    added = demo.load_demo()
    assert "contact page “Contact us”" in added and "footer link to the contact page" in added
    assert demo.load_demo() == []
    page = ContactPage.objects.get()
    assert page.get_parent().specific == home and page.live
    assert Topic.objects.get(slug="store-order").asks_for_order_number
    assert CannedReply.objects.count() == 3
    html = Client().get("/").content.decode()
    assert f'href="{page.url}"' in html and "Write to us" in html
    assert "Store order" in Client().get(page.url).content.decode()


def test_signed_in_readers_find_their_name_and_address_filled_in(contact_page, django_user_model):
    reader = django_user_model.objects.create_user("reader", "reader@example.org", "pw", first_name="Rae", last_name="Reader")
    client = Client()
    client.force_login(reader)
    html = client.get(contact_page.url).content.decode()
    assert 'value="Rae Reader"' in html and 'value="reader@example.org"' in html
