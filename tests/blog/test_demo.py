"""The demo loader builds the showcase site, and running it again changes nothing."""

from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

from blog.models import ArticlePage, HomePage, StandardPage
from blog.snippets import Author, Category, Series


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "images": get_image_model().objects.count(),
        "authors": Author.objects.count(),
        "categories": Category.objects.count(),
        "series": Series.objects.count(),
        "last_published": sorted(Page.objects.values_list("last_published_at", flat=True).exclude(last_published_at=None)),
    }


def test_demo_content_is_a_three_part_series_plus_standalone_articles(db, client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    series = Series.objects.get()
    parts = list(series.live_parts())
    assert [part.series_part for part in parts] == [1, 2, 3]
    assert ArticlePage.objects.live().filter(series=None).count() == 2
    assert {page.slug for page in StandardPage.objects.live()} >= {"about", "privacy-policy", "medical-disclaimer"}
    for article in ArticlePage.objects.live():
        assert article.hero_image and article.hero_alt
        kinds = {block.block_type for block in article.body}
        assert {"heading", "term_list", "references"} <= kinds
        assert client.get(article.url).status_code == 200
    doctor_callouts = [block for part in parts for block in part.body if block.block_type == "callout" and block.value["kind"] == "doctor"]
    assert len(doctor_callouts) == 3
    assert "Part 2 of 3" in client.get(parts[1].url).content.decode()


def test_running_the_loader_twice_changes_nothing(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    before = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert snapshot() == before


def test_loader_leaves_editors_changes_alone(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    article = ArticlePage.objects.live().first()
    article.title = "Edited by an editor"
    article.save_revision().publish()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert ArticlePage.objects.get(pk=article.pk).title == "Edited by an editor"
