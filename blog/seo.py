"""Structured data for search engines (schema.org JSON-LD)."""

from wagtail.models import Site


def absolute_media_url(page, url, request=None):
    """Media URLs made absolute with the site's own address (a CDN or object
    store already gives absolute URLs)."""
    if url.startswith(("http://", "https://")):
        return url
    site = Site.find_for_request(request) if request is not None else None
    return (site or page.get_site()).root_url + url


def _person(author):
    data = {"@type": "Person", "name": author.name}
    if author.role:
        data["jobTitle"] = author.role
    return data


def article_json_ld(page, request=None):
    """A MedicalWebPage (which carries the medical review) whose main entity
    is a BlogPosting (which carries authorship and dates)."""
    url = page.get_full_url(request)
    posting = {
        "@type": "BlogPosting",
        "@id": f"{url}#article",
        "headline": page.title,
        "description": page.search_description or page.intro,
        "url": url,
        "mainEntityOfPage": {"@id": f"{url}#webpage"},
        "author": [_person(author) for author in page.authors.all()],
        "keywords": [tag.name for tag in page.tag_list],
    }
    if page.first_published_at:
        posting["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        posting["dateModified"] = page.last_published_at.isoformat()
    if page.hero_image_id:
        rendition = page.hero_image.get_rendition("fill-1200x630")
        posting["image"] = absolute_media_url(page, rendition.url, request)
    navigation = page.series_navigation
    if navigation:
        posting["isPartOf"] = {"@type": "CreativeWorkSeries", "name": navigation["series"].title}
        if page.series_part:
            posting["position"] = page.series_part
    webpage = {"@type": "MedicalWebPage", "@id": f"{url}#webpage", "url": url, "name": page.title, "mainEntity": {"@id": f"{url}#article"}}
    if page.last_reviewed:
        webpage["lastReviewed"] = page.last_reviewed.isoformat()
    if page.reviewed_by_id:
        webpage["reviewedBy"] = _person(page.reviewed_by)
    return {"@context": "https://schema.org", "@graph": [webpage, posting]}
