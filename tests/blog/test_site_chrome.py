"""The header and footer are cached, and change as soon as content does."""

from wagtail.models import Site

from chronicle.models import SiteSettings
from tests.factories import CategoryFactory, make_article, make_standard_page


def footer(client):
    html = client.get("/").content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_new_article_appears_in_the_footer_as_soon_as_it_is_published(client, blog):
    make_article(blog, title="First post")
    assert "First post" in footer(client)
    make_article(blog, title="Second post")
    assert "Second post" in footer(client)


def test_unpublished_article_leaves_the_footer(client, blog):
    article = make_article(blog, title="Withdrawn post")
    assert "Withdrawn post" in footer(client)
    article.unpublish()
    assert "Withdrawn post" not in footer(client)


def test_menu_follows_pages_put_in_menus(client, home, blog):
    html = client.get("/").content.decode()
    assert '<a href="/blog/">Articles</a>' in html
    make_standard_page(home, "About us", "about", show_in_menus=True)
    assert '<a href="/about/">About us</a>' in client.get("/").content.decode()


def test_site_settings_change_shows_at_once(client, home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tagline = "Gentle words for hard days"
    settings.save()
    assert "Gentle words for hard days" in client.get("/").content.decode()


def test_new_category_appears_in_the_blog_index_filters(client, blog):
    make_article(blog)
    CategoryFactory(name="Brand new topic")
    assert "Brand new topic" in client.get(blog.url).content.decode()
