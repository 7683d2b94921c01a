"""The links of a page that a site's crawl may follow, read at a fraction of LinkExtractor's cost.

Every fetched page is searched for links in the event loop, and with an extraction pool
that loop is what limits the crawl. Scrapy's ``LinkExtractor`` spends most of its time
on each link rather than on the parse: two ``urljoin`` calls, ``safe_url_string``, a
canonical form and an extension check, about 40 µs a link, 150 links a news page. Most
of those links are the site's navigation, the same on every page.

:class:`PageLinks` gives the links ``LinkExtractor(deny=site.deny, unique=True)`` gives
(the same URLs, in the same order: ``tests/spiders/test_page_links.py`` holds it to
that), keeps only those on the site's domains, and remembers what each ``href`` became,
so a link met on the previous page costs one dictionary look-up. What an ``href``
becomes depends on the page only through its base URL, and only as far as the href is
relative: an absolute one is keyed alone, ``/path`` with the base's origin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse, urlsplit

from lxml import etree
from scrapy.linkextractors import IGNORED_EXTENSIONS
from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

from scraper.config.sites import SiteConfig

__all__ = ["PageLink", "PageLinks"]

LINK_TAGS = ("a", "area")  # LinkExtractor's default tags, each read for its href
FOLLOWED_SCHEMES = frozenset({"http", "https", "file", "ftp"})  # what LinkExtractor keeps
DENIED_EXTENSIONS = tuple("." + extension for extension in IGNORED_EXTENSIONS)
HREFS_REMEMBERED = 20_000
"""Resolved hrefs kept per site (about 300 bytes each); a full memory starts over."""
ABSOLUTE_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)([^/?#\\\s]+)")
"""An href with a scheme and a host resolves to itself, whatever the page's base."""
HOSTS_REMEMBERED = 4_096
"""Hosts of absolute hrefs whose verdict (the site's or not) is kept per site."""


@dataclass(frozen=True, slots=True)
class PageLink:
    """A link of the site: its URL and whether the site's rules call it an article."""

    url: str
    article: bool


class PageLinks:
    """The followable links of one site's pages, with the site's resolved hrefs remembered."""

    def __init__(self, site: SiteConfig, remembered: int = HREFS_REMEMBERED) -> None:
        self.site = site
        self.remembered = remembered
        self._resolved: dict[tuple[str, str, str], PageLink | None] = {}
        self._owned: dict[str, bool] = {}
        self._parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)

    def read(self, text: str, url: str, base_url: str, encoding: str) -> list[PageLink]:
        """The site's links in ``text`` (the page at ``url``, whose base is ``base_url``),
        each once, in page order; ``encoding`` is the page's, used for its query strings."""
        body = text.strip().replace("\x00", "").encode("utf-8") or b"<html/>"
        try:
            root = etree.fromstring(body, parser=self._parser, base_url=url)
        except etree.XMLSyntaxError:  # nothing libxml2 can read as a document
            return []
        if root is None:
            return []
        parts = urlsplit(base_url)
        origin = f"{parts.scheme}://{parts.netloc}"
        seen: set[str] = set()
        links: list[PageLink] = []
        for element in root.iter(*LINK_TAGS):
            href = element.get("href")
            if href is None:
                continue
            link = self._resolve(href, url, base_url, origin, encoding)
            # LinkExtractor keeps the first of equal URLs; whether it follows one depends
            # on the URL alone, so dropping the others first keeps the same links
            if link is not None and link.url not in seen:
                seen.add(link.url)
                links.append(link)
        return links

    def _resolve(self, href: str, url: str, base_url: str, origin: str, encoding: str) -> PageLink | None:
        absolute = ABSOLUTE_RE.match(href)
        if absolute:
            if href.isascii() and not self._owns(absolute.group(1) + absolute.group(2)):
                return None
            scope = ""
        elif href.startswith("/") and not href.startswith("//"):
            scope = origin
        else:
            scope = f"{base_url} {url}"
        key = (scope, href, encoding)
        try:
            return self._resolved[key]
        except KeyError:
            pass
        if len(self._resolved) >= self.remembered:
            self._resolved.clear()
        resolved = self._resolved[key] = self._resolve_new(href, url, base_url, encoding)
        return resolved

    def _owns(self, origin: str) -> bool:
        """Whether the site owns ``scheme://authority``, remembered per origin."""
        owned = self._owned.get(origin)
        if owned is None:
            if len(self._owned) >= HOSTS_REMEMBERED:
                self._owned.clear()
            try:
                owned = self.site.owns(origin + "/")
            except ValueError:  # "http://[::1": LinkExtractor skips such an href as bogus
                owned = False
            self._owned[origin] = owned
        return owned

    def _resolve_new(self, href: str, url: str, base_url: str, encoding: str) -> PageLink | None:
        """The link LinkExtractor makes of ``href``, if the site follows it."""
        try:
            absolute = urljoin(base_url, strip_html5_whitespace(href))
            absolute = urljoin(url, safe_url_string(absolute, encoding=encoding))
        except ValueError:  # an invalid IPv6 host and the like: LinkExtractor skips it too
            return None
        site = self.site
        if absolute.split("://", 1)[0] not in FOLLOWED_SCHEMES or any(rule.search(absolute) for rule in site.deny):
            return None
        if urlparse(absolute).path.lower().endswith(DENIED_EXTENSIONS) or not site.owns(absolute):
            return None
        return PageLink(absolute, site.is_article_url(absolute))
