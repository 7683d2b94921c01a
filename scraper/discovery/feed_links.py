"""Feeds a page announces in its head: ``<link rel="alternate" type="application/rss+xml">``.

A site config often names only the home page; its head usually names the site's RSS or
Atom feed, which lists the newest articles with their dates. Reading it finds new
articles without walking listing pages.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
"""Media types of the feeds :func:`parse_feed_page` reads (JSON Feed is not one)."""
HEAD_CHARS = 256 * 1024
"""Only this much of a page is searched: ``<link>`` tags belong in the head."""


class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.base: str | None = None
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "body":
            self.done = True
            return
        values = {name: (value or "").strip() for name, value in attrs}
        if tag == "base" and values.get("href") and self.base is None:
            self.base = values["href"]
        if tag != "link" or not values.get("href"):
            return
        rels = values.get("rel", "").lower().split()
        media = values.get("type", "").split(";", 1)[0].strip().lower()
        if "alternate" in rels and media in FEED_TYPES:
            self.hrefs.append(values["href"])


def feed_links(html: str, base_url: str) -> list[str]:
    """Absolute URLs of the feeds ``html`` announces, in page order, without repeats."""
    parser = _FeedLinks()
    try:
        parser.feed(html[:HEAD_CHARS])
        parser.close()
    except (AssertionError, ValueError):  # html.parser on broken markup: keep what was found
        pass
    base = urljoin(base_url, parser.base) if parser.base else base_url
    return list(dict.fromkeys(urljoin(base, href) for href in parser.hrefs))
