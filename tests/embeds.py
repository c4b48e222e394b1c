"""A local oEmbed finder for tests. Real providers (YouTube, Vimeo) are out of
reach from here, so this stand-in answers for one known URL the way a
provider would, and rejects everything else."""

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

KNOWN_URL = "https://www.youtube.com/watch?v=chronicle-demo"


class LocalEmbedFinder(EmbedFinder):
    def __init__(self, **options):
        pass

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        if url != KNOWN_URL:
            raise EmbedNotFoundException
        return {
            "title": "Gentle stretches for stiff mornings",
            "author_name": "Chronicle",
            "provider_name": "YouTube",
            "type": "video",
            "thumbnail_url": "",
            "width": 560,
            "height": 315,
            "html": '<iframe title="Gentle stretches for stiff mornings" width="560" height="315" src="https://www.youtube-nocookie.com/embed/chronicle-demo"></iframe>',
        }
