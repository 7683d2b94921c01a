"""Stage 2: read the article's metadata from the page's structured data.

Structured data is what the publisher says about its own article, so it comes
first, in this order: JSON-LD (``@graph``, lists, nested and ``@id``-referenced
authors), OpenGraph and ``article:*`` meta, other ``<meta>`` and ``itemprop``
markup, ``<time datetime>`` inside the article, and only then the visible page.
A date is never read from the site header (a header clock shows *today*).
Everything is read from the same parsed tree, before the DOM is cleaned.

This module gathers the page's metadata; the readers live beside it: ``jsonld``,
``titles``, ``authors``, ``dates`` and ``markup``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.authors import (
    byline_authors,
    inverted,
    is_organisation,
    jsonld_names,
    labelled_meta_authors,
    script_authors,
    split_authors,
)
from scraper.extract.dates import (
    choose_published,
    element_date,
    field_date,
    script_published_date,
    stated_original_date,
    visible_dates,
)
from scraper.extract.jsonld import image_of, jsonld_nodes, keyword_list, node_types
from scraper.extract.markup import (
    URL_RE,
    absolute,
    clean,
    dedupe,
    first_of,
    host_key,
    meta_table,
    meta_value,
    normalise_url,
)
from scraper.extract.phrases import phrase_key
from scraper.extract.titles import (
    choose_title,
    element_text,
    fuller_form,
    heading_text,
    strip_site_name,
    title_in_heading,
)

# XPath note: "/descendant::x[…]" finds the same elements, in the same order, as
# "//x[…]" (no positional predicates here), but libxml2 runs it as one walk instead of a
# child step under every node: several times faster on large pages.
# Elements read by tag or itemprop, found in one walk: headline candidates (h1,
# itemprop="headline") and the itemprop dates. The attribute is read once per element
# (three @itemprop= tests read it three times, and take three times as long).
MARKED_XPATH = XPath(
    "/descendant::*[self::h1 or @itemprop[.='headline' or .='datePublished' or .='dateModified']]"
)
# Headline candidates sit outside these.
HEADING_CHROME_TAGS = frozenset({"nav", "footer", "aside"})
# Looked at in at most this many headings.
MAX_HEADINGS = 12
CANONICAL_XPATH = XPath("/descendant::link[@rel='canonical' or @rel='Canonical']/@href")
# <time> elements that belong to the article, never to the site header or nav.
ARTICLE_TIME_XPATH = XPath(
    "/descendant::time[@datetime][ancestor::article or ancestor::main or ancestor::*[@role='main']"
    " or contains(@class, 'publish') or contains(@class, 'entry-date') or @pubdate]"
    "[not(ancestor::nav or ancestor::aside"
    " or ancestor::header[not(ancestor::article or ancestor::main)])]"
)
# JSON-LD @type values that mean "this page is an article".
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "satiricalarticle", "scholarlyarticle", "techarticle", "liveblogposting", "report",
    "socialmediaposting", "medicalscholarlyarticle", "advertisercontentarticle", "posting",
})
# JSON-LD @type values of pages that are not articles.
NON_ARTICLE_TYPES = frozenset({
    "collectionpage", "aboutpage", "contactpage", "profilepage", "searchresultspage",
    "itemlist", "checkoutpage",
})
SITE_NAME_TYPES = frozenset({"website", "organization", "newsmediaorganization"})
# Meta keys, in order of trust.
PUBLISHED_META = ("article:published_time", "og:article:published_time", "og:published_time",
                  "datepublished", "article.published", "published_time", "publishdate",
                  "publish-date", "pubdate", "parsely-pub-date", "sailthru.date",
                  "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created",
                  "dc.date.created", "date", "og:pubdate", "pdate")
MODIFIED_META = ("article:modified_time", "og:article:modified_time", "og:updated_time",
                 "datemodified", "article.updated", "last-modified", "dc.date.modified",
                 "dcterms.modified", "revised")
# Meta keys repeated once per author, each value one name, maybe "Last, First".
ONE_NAME_PER_VALUE_META = frozenset({"citation_author", "dc.creator", "dcterms.creator"})
AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
               "dcterms.creator", "byl", "citation_author", "twitter:creator")
TITLE_META = ("og:title", "twitter:title", "dc.title", "headline", "parsely-title")
SITE_NAME_META = ("og:site_name", "application-name", "apple-mobile-web-app-title",
                  "twitter:site")
DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description")
SECTION_META = ("article:section", "parsely-section", "section", "article.section", "category")
IMAGE_META = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
              "twitter:image:src", "thumbnail")
LANGUAGE_META = ("og:locale", "content-language", "language", "dc.language", "inlanguage")
TAG_META = ("article:tag", "news_keywords", "parsely-tags")
MAX_TAGS = 50


@dataclass
class PageMetadata:
    """What the page's markup says about the article."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date_published: str | None = None
    date_modified: str | None = None
    description: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    canonical_url: str | None = None
    languages: list[str] = field(default_factory=list)
    site_name: str | None = None
    og_type: str | None = None
    jsonld_types: set[str] = field(default_factory=set)

    @property
    def is_article(self) -> bool:
        """The publisher marked this page up as an article."""
        return (self.og_type or "").startswith("article") or bool(self.jsonld_types & ARTICLE_TYPES)

    @property
    def is_not_article(self) -> bool:
        """The publisher marked this page up as a listing, about or profile page."""
        return not self.is_article and (
            self.og_type == "profile" or bool(self.jsonld_types & NON_ARTICLE_TYPES)
        )

    @property
    def is_website(self) -> bool:
        """og:type says "website": many CMSs say so on every page, so this only
        makes the listing checks stricter."""
        return not self.is_article and self.og_type in ("website", "blog", "object")


# Languages whose numeric dates are month first (03/05/2024 is March 5).
MONTH_FIRST_LANGUAGES = ("en-us", "en_us", "en")


def _url_on_site(candidate: str | None, url: str | None) -> str | None:
    candidate = absolute(candidate, url)
    if not candidate:
        return None
    if url and host_key(candidate) != host_key(url):
        return None
    return normalise_url(candidate)


def _headline_candidates(marked: list[HtmlElement]) -> list[HtmlElement]:
    """The h1s and itemprop="headline" elements (not <meta>) of ``marked``, in page
    order, outside nav, footer and aside."""
    return [el for el in marked
            if (el.tag == "h1" or (el.get("itemprop") == "headline" and el.tag != "meta"))
            and not any(anc.tag in HEADING_CHROME_TAGS for anc in el.iterancestors())]


def _itemprop(marked: list[HtmlElement], name: str) -> list[HtmlElement]:
    return [el for el in marked if el.get("itemprop") == name]


def extract_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Read the article's metadata from ``tree`` (not modified)."""
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

    def ld(key: str) -> Any:
        return article.get(key) if key in article else page.get(key)

    site_names = [n for n in (
        meta_value(meta, SITE_NAME_META),
        *(clean(s.get("name")) for s in sites),
        *(clean(p.get("name")) for p in (article.get("publisher"),) if isinstance(p, dict)),
    ) if n]

    title_el = tree.find(".//title")
    meta_titles = [clean(ld("headline")), *(meta_value(meta, (k,)) for k in TITLE_META),
                   element_text(title_el)]
    stripped_titles = [strip_site_name(t, site_names, url) for t in meta_titles if t]
    heading_els = [(el, heading_text(el)) for el in _headline_candidates(marked)[:MAX_HEADINGS]]
    # a heading may carry the site name too ("Headline – Site"), or a kicker or label
    heading_els = [(el, title_in_heading(el, strip_site_name(h, site_names, url), stripped_titles))
                   for el, h in heading_els if h]
    headings = [h for _, h in heading_els]
    title = choose_title(meta_titles, headings, site_names, url)
    headline = next((el for el, h in heading_els
                     if h == title or (title and fuller_form(h, title))),
                    next((el for el in (e for e, _ in heading_els) if el.tag == "h1"), None))

    published = first_of([
        field_date(ld("datePublished")),
        *(field_date(meta_value(meta, (k,))) for k in PUBLISHED_META),
        field_date(ld("dateCreated")),
        element_date(_itemprop(marked, "datePublished")),
        element_date(ARTICLE_TIME_XPATH(tree)[:1]),
    ]) or script_published_date(tree)
    modified = first_of([
        field_date(ld("dateModified")),
        *(field_date(meta_value(meta, (k,))) for k in MODIFIED_META),
        element_date(_itemprop(marked, "dateModified")),
    ])
    language = (tree.get("lang") or meta_value(meta, ("og:locale",)) or "").lower()
    month_first = language in MONTH_FIRST_LANGUAGES or language.startswith(("en-us", "en_us"))
    published = choose_published(published, visible_dates(tree, headline, month_first), url,
                                 lambda: stated_original_date(tree, month_first))

    organisations: set[str] = set()
    authors = jsonld_names(ld("author"), ids, organisations) or jsonld_names(ld("creator"), ids, organisations)
    if not authors:
        for key in AUTHOR_META:
            values = [v for v in meta.get(key, ()) if not URL_RE.match(v) and not v.startswith("@")]
            if key in ONE_NAME_PER_VALUE_META:
                authors.extend(inverted(v) for v in values)
            else:
                authors.extend(n for v in values for n in split_authors(v))
            if authors:
                break
    site_keys = {phrase_key(n) for n in site_names} | (
        {host_key(url).split(".")[0]} if url else set())
    site_keys.discard("")
    if not authors:
        authors = labelled_meta_authors(meta)
    if all(phrase_key(a) in organisations or is_organisation(a, site_keys) for a in authors):
        # no person credited in the markup (none, or only the site / an organisation):
        # the visible byline names the people, or the page's script data; failing
        # that, keep the organisation
        authors = byline_authors(tree) or script_authors(tree) or authors

    section = ld("articleSection")
    if isinstance(section, list):
        section = first_of([clean(s) for s in section])
    tags = [t for key in TAG_META for v in meta.get(key, ()) for t in keyword_list(v)]
    tags += keyword_list(ld("keywords"))
    if not tags:
        tags = [t for v in meta.get("keywords", ()) for t in keyword_list(v)]

    canonical = CANONICAL_XPATH(tree)
    canonical_url = first_of([
        _url_on_site(canonical[0] if canonical else None, url),
        _url_on_site(meta_value(meta, ("og:url",)), url),
        normalise_url(url) if url else None,
    ])

    languages = [tree.get("lang"), tree.get("xml:lang"), clean(ld("inLanguage")),
                 *(meta_value(meta, (k,)) for k in LANGUAGE_META)]

    return PageMetadata(
        title=title,
        authors=dedupe(authors),
        date_published=published,
        date_modified=modified,
        description=first_of([*(meta_value(meta, (k,)) for k in DESCRIPTION_META), clean(ld("description"))]),
        section=first_of([meta_value(meta, SECTION_META), clean(section)]),
        tags=dedupe(tags)[:MAX_TAGS],
        image_url=first_of([absolute(meta_value(meta, (k,)), url) for k in IMAGE_META]
                         + [absolute(image_of(ld("image")), url),
                            absolute(clean(ld("thumbnailUrl")), url)]),
        canonical_url=canonical_url,
        languages=[lang for lang in languages if isinstance(lang, str) and lang.strip()],
        site_name=first_of(site_names),
        og_type=(meta_value(meta, ("og:type",)) or "").lower() or None,
        jsonld_types=jsonld_types,
    )
