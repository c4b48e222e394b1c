"""Demo content for the inbox: topics, canned replies and a "Contact us" page
under the home page, linked from the footer. Safe to run again."""

from django.db import transaction
from wagtail.models import Site

from .models import CannedReply, ContactPage, Topic

TOPICS = [
    ("General question", "general", False),
    ("Question about an article", "article-question", False),
    ("Store order", "store-order", True),
    ("Partnership or press", "partnership", False),
    ("Correction", "correction", False),
]

CANNED_REPLIES = [
    (
        "Thank you — general",
        "Dear {name},\n\nThank you for writing to us. We read every message, and yours meant a lot.\n\nWarm wishes,\nThe Chronicle team",
    ),
    (
        "Not medical advice",
        "Dear {name},\n\nThank you for trusting us with this. We share lived experience, not medical advice, "
        "so please talk to your doctor about your own care.\n\nWarm wishes,\nThe Chronicle team",
    ),
    (
        "Order — looking into it",
        "Dear {name},\n\nThank you for your order number. We are looking into it and will write again within two working days.\n\nThe Chronicle team",
    ),
]

INTRO = "<p>Questions, ideas or corrections? Write to us here. We read every message and answer as soon as we can.</p>"


@transaction.atomic
def load_demo(stdout=None):
    """Create what is missing; returns a list of what was added."""
    added = []
    for order, (name, slug, asks) in enumerate(TOPICS):
        _topic, created = Topic.objects.get_or_create(slug=slug, defaults={"name": name, "asks_for_order_number": asks, "sort_order": order})
        if created:
            added.append(f"contact topic “{name}”")
    for title, body in CANNED_REPLIES:
        _reply, created = CannedReply.objects.get_or_create(title=title, defaults={"body": body})
        if created:
            added.append(f"canned reply “{title}”")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        home = site.root_page.specific
        page = ContactPage.objects.child_of(home).first()
        if page is None and ContactPage.can_create_at(home):
            page = home.add_child(instance=ContactPage(title="Contact us", slug="contact", intro=INTRO))
            page.save_revision().publish()
            added.append("contact page “Contact us”")
        if page is not None:
            from chronicle.models import SiteSettings

            site_settings = SiteSettings.for_site(site)
            if site_settings.contact_page_id is None:
                site_settings.contact_page = page
                site_settings.save()
                added.append("footer link to the contact page")
    if stdout is not None:
        for line in added:
            stdout.write(f"  + {line}")
    return added
