"""The page's structured data, read once for all field readers: the ``<meta>`` table,
the JSON-LD nodes (the article's, the page's, the site's), the elements marked by tag
or itemprop, and the names the site gives itself.

Structured data is what the publisher says about its own article, so the field
readers try it first: JSON-LD (``@graph``, lists, nested and ``@id``-referenced
authors), OpenGraph and ``article:*`` meta, other ``<meta>`` and ``itemprop`` markup,
and only then the visible page. Everything is read from the tree before it is cleaned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.sources.jsonld import ARTICLE_TYPES, SITE_NAME_TYPES, jsonld_nodes, node_types
from scraper.extract.sources.markup import clean, meta_table, meta_value

# XPath note: "/descendant::x[…]" finds the same elements, in the same order, as
# "//x[…]" (no positional predicates here), but libxml2 runs it as one walk instead of a
# child step under every node: several times faster on large pages.
# Elements read by tag or itemprop, found in one walk: headline candidates (h1,
# itemprop="headline") and the itemprop dates. The attribute is read once per element
# (three @itemprop= tests read it three times, and take three times as long).
MARKED_XPATH = XPath(
    "/descendant::*[self::h1 or @itemprop[.='headline' or .='datePublished' or .='dateModified']]"
)
SITE_NAME_META = ("og:site_name", "application-name", "apple-mobile-web-app-title",
                  "twitter:site")


@dataclass
class PageSources:
    """What the field readers read, from one page (the tree is not modified)."""

    tree: HtmlElement
    url: str | None
    meta: dict[str, list[str]]
    marked: list[HtmlElement]
    ids: dict[str, dict]
    article: dict
    page: dict
    jsonld_types: set[str]
    site_names: list[str]

    def ld(self, key: str) -> Any:
        """A JSON-LD value: the article node's, else the page node's."""
        return self.article.get(key) if key in self.article else self.page.get(key)

    def itemprop(self, name: str) -> list[HtmlElement]:
        """The marked elements with ``itemprop=name``."""
        return [el for el in self.marked if el.get("itemprop") == name]


def read_sources(tree: HtmlElement, url: str | None = None) -> PageSources:
    """The structured data of ``tree``, read once."""
    meta = meta_table(tree)
    marked = MARKED_XPATH(tree)
    nodes = jsonld_nodes(tree)
    ids = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    jsonld_types: set[str] = set()
    articles, pages, sites = [], [], []
    for node in nodes:
        types = node_types(node)
        jsonld_types |= types
        if types & ARTICLE_TYPES:
            articles.append(node)
        elif types & SITE_NAME_TYPES:
            sites.append(node)
        else:
            pages.append(node)
    article = articles[0] if articles else {}
    page = next((p for p in pages if "datePublished" in p or "headline" in p), {})
    site_names = [n for n in (
        meta_value(meta, SITE_NAME_META),
        *(clean(s.get("name")) for s in sites),
        *(clean(p.get("name")) for p in (article.get("publisher"),) if isinstance(p, dict)),
    ) if n]
    return PageSources(tree=tree, url=url, meta=meta, marked=marked, ids=ids, article=article,
                       page=page, jsonld_types=jsonld_types, site_names=site_names)
