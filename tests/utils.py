def main_content(response):
    """The <main> part of a page: what the page itself shows, without the
    header and footer that every page shares."""
    html = response.content.decode()
    start = html.index('<main id="main"')
    return html[start : html.index("</main>", start)]
