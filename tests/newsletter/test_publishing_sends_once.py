"""Publishing an article emails it to every confirmed subscriber, exactly
once, over SMTP; edits, re-publishing and opted-out pages send nothing."""

from newsletter.models import Delivery, Edition, Subscriber

from .conftest import html_of, text_of


def test_publish_sends_one_email_to_each_confirmed_subscriber(smtp_sink, make_subscriber, publish):
    readers = [make_subscriber() for _ in range(3)]
    make_subscriber(status=Subscriber.Status.PENDING, email="pending@example.org")
    make_subscriber(status=Subscriber.Status.UNSUBSCRIBED, email="gone@example.org")
    make_subscriber(status=Subscriber.Status.BOUNCED, email="bounced@example.org")

    article = publish(title="Pacing on a bad day", intro="How to plan a day around your energy.")

    for reader in readers:
        (message,) = smtp_sink.to(reader.email)
        assert message["Subject"] == "Pacing on a bad day"
        assert "How to plan a day around your energy." in text_of(message)
        assert article.get_full_url() in text_of(message)
        assert f'href="{article.get_full_url()}"' in html_of(message)
    for address in ("pending@example.org", "gone@example.org", "bounced@example.org"):
        assert smtp_sink.to(address) == []
    assert len(smtp_sink.messages) == 3
    edition = Edition.objects.get(page=article)
    assert edition.status == Edition.Status.DONE
    assert edition.progress()["sent"] == 3


def test_every_email_carries_one_click_unsubscribe_headers(smtp_sink, make_subscriber, publish, settings):
    reader = make_subscriber()
    publish()
    (message,) = smtp_sink.to(reader.email)
    assert message["List-Unsubscribe"].strip().startswith("<http://localhost/newsletter/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    assert message.get_content_type() == "multipart/alternative"
    assert "Unsubscribe" in text_of(message) and "/newsletter/preferences/" in text_of(message)
    assert "/newsletter/unsubscribe/" in html_of(message)
    assert "<img" not in html_of(message)  # no tracking pixel, no required images


def test_one_batch_uses_one_smtp_connection(smtp_sink, make_subscriber, publish):
    for _ in range(5):
        make_subscriber()
    publish()
    assert len(smtp_sink.messages) == 5
    assert smtp_sink.connections == 1


def test_small_batches_still_send_everyone_once(smtp_sink, make_subscriber, publish, settings):
    settings.NEWSLETTER_BATCH_SIZE = 2
    readers = [make_subscriber() for _ in range(5)]
    publish()
    assert sorted(rcpt for _, (rcpt,) in smtp_sink.envelopes) == sorted(reader.email for reader in readers)
    assert smtp_sink.connections == 3


def test_republishing_and_editing_send_nothing(smtp_sink, make_subscriber, publish, committing):
    make_subscriber()
    article = publish()
    assert len(smtp_sink.messages) == 1
    with committing():
        article.title = "A corrected title"
        article.save_revision().publish()
        article.save_revision()  # a draft edit
        article.unpublish()
        article.save_revision().publish()
    assert len(smtp_sink.messages) == 1
    assert Edition.objects.filter(page=article).count() == 1


def test_an_article_opted_out_by_its_editor_is_not_emailed(smtp_sink, make_subscriber, publish, committing):
    make_subscriber()
    article = publish(email_subscribers=False)
    assert smtp_sink.messages == []
    assert Edition.objects.get(page=article).status == Edition.Status.SKIPPED
    with committing():  # ticking the box later does not send an old post
        article.email_subscribers = True
        article.save_revision().publish()
    assert smtp_sink.messages == []


def test_a_draft_sends_nothing_until_published(smtp_sink, make_subscriber, blog, committing):
    from tests.factories import make_article

    make_subscriber()
    with committing():
        draft = make_article(blog, publish=False)
    assert smtp_sink.messages == [] and not Edition.objects.exists()
    with committing():
        draft.save_revision().publish()
    assert len(smtp_sink.messages) == 1


def test_deliveries_are_unique_per_edition_and_subscriber(smtp_sink, make_subscriber, publish):
    from newsletter import editions, tasks

    make_subscriber()
    article = publish()
    edition = Edition.objects.get(page=article)
    tasks.prepare_edition.enqueue(edition.pk)  # run twice: nothing new
    tasks.send_edition.enqueue(edition.pk)
    assert Delivery.objects.filter(edition=edition).count() == 1
    assert len(smtp_sink.messages) == 1
    assert editions.create_for_page(article)[1] is False
