"""Sitemap parsing: sitemap indexes, URL sets and Google News sitemaps.

Scrapy's own ``Sitemap`` class flattens each ``<url>`` to its direct children, which loses
the nested ``<news:news><news:publication_date>``; this parser keeps it. It parses
incrementally with entity resolution and network access off, so a huge or hostile file
costs bounded memory and cannot pull in external entities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import urljoin

from lxml import etree

from scraper.discovery.lead import Lead
from scraper.discovery.xmlguard import declares_entities

MAX_SITEMAP_ENTRIES = 50_000
"""The sitemaps.org protocol caps a file at 50,000 URLs; entries past it are ignored."""


@dataclass
class SitemapPage:
    """What one sitemap file holds: child sitemaps (an index) or page leads (a URL set)."""

    kind: str
    """``"sitemapindex"``, ``"urlset"`` or ``"invalid"``."""
    sitemaps: list[str] = field(default_factory=list)
    leads: list[Lead] = field(default_factory=list)
    truncated: bool = False
    """More than :data:`MAX_SITEMAP_ENTRIES` entries: the rest were ignored."""
    index_truncated: bool = False
    """An index listing more than ``max_sitemaps`` sitemaps: the rest were ignored."""
    problem: str | None = None
    """Why an ``"invalid"`` page is invalid, when known (e.g. entity declarations)."""


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_texts(element: etree._Element) -> dict[str, str]:
    """Direct and ``news:news`` grandchildren texts by local name."""
    texts: dict[str, str] = {}
    for child in element:
        name = _local(child.tag)
        if name == "news":
            for sub in child.iter():
                sub_name = _local(sub.tag)
                if sub_name and sub.text and sub.text.strip():
                    texts.setdefault(f"news:{sub_name}", sub.text.strip())
        elif name and child.text and child.text.strip():
            texts.setdefault(name, child.text.strip())
    return texts


def parse_sitemap(body: bytes, base_url: str = "", max_sitemaps: int | None = None) -> SitemapPage:
    """Parse a sitemap or sitemap index; malformed input yields what could be read.

    A file whose DOCTYPE declares entities (an entity bomb or XXE probe) is refused as
    ``"invalid"`` without parsing. An index stops at ``max_sitemaps`` child sitemaps
    (None: :data:`MAX_SITEMAP_ENTRIES`): each one is a request, and indexes nest.
    """
    if declares_entities(body):
        return SitemapPage(kind="invalid", problem="declares XML entities")
    parser = etree.iterparse(
        BytesIO(body),
        events=("start", "end"),
        recover=True,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    page = SitemapPage(kind="invalid")
    count = 0
    try:
        for event, element in parser:
            name = _local(element.tag)
            if event == "start":
                if page.kind == "invalid" and name in ("sitemapindex", "urlset"):
                    page.kind = name
                continue
            if name not in ("url", "sitemap") or page.kind == "invalid":
                continue
            texts = _child_texts(element)
            element.clear(keep_tail=False)
            loc = texts.get("loc")
            if not loc:
                continue
            loc = urljoin(base_url, loc) if base_url else loc
            count += 1
            if count > MAX_SITEMAP_ENTRIES:
                page.truncated = True
                break
            if name == "sitemap":
                if max_sitemaps is not None and len(page.sitemaps) >= max_sitemaps:
                    page.index_truncated = True
                    break
                page.sitemaps.append(loc)
            else:
                is_news = "news:publication_date" in texts or "news:title" in texts
                page.leads.append(
                    Lead(
                        url=loc,
                        source="news-sitemap" if is_news else "sitemap",
                        lastmod=texts.get("lastmod"),
                        published=texts.get("news:publication_date"),
                        title=texts.get("news:title"),
                    )
                )
    except etree.XMLSyntaxError:
        pass
    return page
