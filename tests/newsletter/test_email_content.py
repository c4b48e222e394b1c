"""What a new post's email looks like to a reader's mail program: valid
multipart MIME, plain text and HTML, encoded headers, readable in dark
mode and without images, the same through SMTP or any other backend."""

from django.core import mail

from newsletter.models import Subscriber

from .conftest import html_of, text_of


def test_the_message_is_clean_mime_with_encoded_headers(smtp_sink, make_subscriber, publish, site_tree):
    home = site_tree[0]
    from wagtail.models import Site

    Site.objects.filter(root_page=home).update(site_name="Chronique — vivre")
    reader = make_subscriber(email="lecteur@bücher.example")
    long_intro = "Une phrase très longue sur la fatigue chronique, " * 40
    article = publish(title="Fatigue : ce qui aide ✨", intro=long_intro)

    message, rcpts = smtp_sink.messages[0], smtp_sink.envelopes[0][1]
    assert rcpts == ["lecteur@xn--bcher-kva.example"]
    assert message["Subject"] == "Fatigue : ce qui aide ✨"
    assert "Chronique — vivre" in str(message["List-Id"])
    assert message.is_multipart() and message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert not message.defects and not any(part.defects for part in message.iter_parts())
    text, html = text_of(message), html_of(message)
    assert long_intro.strip() in text and article.get_full_url() in text
    assert "lecteur@bücher.example" in text
    assert 'name="color-scheme" content="light dark"' in html and "prefers-color-scheme: dark" in html
    assert "<img" not in html and "<link" not in html  # no images, no external CSS
    assert Subscriber.objects.get(pk=reader.pk).status == Subscriber.Status.CONFIRMED


def test_html_in_titles_is_escaped_and_never_rendered(smtp_sink, make_subscriber, publish):
    make_subscriber()
    publish(title='<script>alert(1)</script> & "quotes"', intro="<img src=x onerror=alert(1)>")
    html = html_of(smtp_sink.messages[0])
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_other_email_backends_get_the_same_email(make_subscriber, publish, settings):
    """With an ESP (anymail) or in development the message goes through the
    ordinary Django API; here the in-memory backend stands in for them."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reader = make_subscriber()
    publish(title="Through any backend")
    (message,) = mail.outbox
    assert message.to == [reader.email] and message.subject == "Through any backend"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.alternatives[0][1] == "text/html"
