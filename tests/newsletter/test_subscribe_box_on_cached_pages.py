"""The subscribe box on every page and at the end of each article, on pages
cached for anonymous readers."""

from django.test import Client, override_settings

from newsletter.models import Subscriber


@override_settings(PAGE_CACHE_SECONDS=300)
def test_the_footer_box_is_on_cached_pages_and_works_without_script(site_tree, smtp_sink, django_capture_on_commit_callbacks):
    reader = Client(enforce_csrf_checks=True)
    reader.get("/")  # the first reader fills the cache
    second = reader.get("/")
    assert second["X-Page-Cache"] == "hit"
    html = second.content.decode()
    assert 'action="/newsletter/"' in html and "data-csrf-fetch" in html and "csrfmiddlewaretoken" not in html
    # Without script: a post with no token asks to confirm, then the confirmed post goes through.
    asked = reader.post("/newsletter/", {"email": "footer@example.org", "source": "footer"})
    assert "One more step" in asked.content.decode() and not Subscriber.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = reader.post("/newsletter/", {"email": "footer@example.org", "source": "footer", "csrfmiddlewaretoken": asked.cookies["csrftoken"].value})
    assert done.status_code == 303
    assert Subscriber.objects.get().source == Subscriber.Source.FOOTER and len(smtp_sink.to("footer@example.org")) == 1


@override_settings(PAGE_CACHE_SECONDS=300)
def test_articles_end_with_a_subscribe_box(blog):
    from tests.factories import make_article

    article = make_article(blog)
    client = Client()
    client.get(article.url)
    response = client.get(article.url)
    html = response.content.decode()
    assert response["X-Page-Cache"] == "hit"
    assert 'value="article"' in html and 'id="nl-email-article"' in html
    assert html.count('id="nl-email-article"') == 1  # unique ids beside the footer's box
