"""Stage 2: read the article's metadata from the page's structured data.

Structured data is what the publisher says about its own article, so it comes
first, in this order: JSON-LD (``@graph``, lists, nested and ``@id``-referenced
authors), OpenGraph and ``article:*`` meta, other ``<meta>`` and ``itemprop``
markup, ``<time datetime>`` inside the article, and only then the visible page.
A date is never read from the site header (a header clock shows *today*).
Everything is read from the same parsed tree, before the DOM is cleaned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from difflib import SequenceMatcher
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.phrases import phrase_key

JSONLD_XPATH = XPath("//script[@type='application/ld+json' or @type='application/json+ld']")
META_XPATH = XPath("//meta")
H1_XPATH = XPath(
    "(//article//h1 | //main//h1 | //*[@role='main']//h1"
    " | //*[@itemprop='headline'] | //h1[contains(@class, 'title')])[1] | (//h1)[1]"
)
CANONICAL_XPATH = XPath("//link[@rel='canonical' or @rel='Canonical']/@href")
ITEMPROP_PUBLISHED_XPATH = XPath("//*[@itemprop='datePublished']")
ITEMPROP_MODIFIED_XPATH = XPath("//*[@itemprop='dateModified']")
# <time> elements that belong to the article, never to the site header or nav.
ARTICLE_TIME_XPATH = XPath(
    "(//article//time[@datetime] | //main//time[@datetime] | //*[@role='main']//time[@datetime]"
    " | //time[@datetime][contains(@class, 'publish') or contains(@class, 'entry-date')"
    " or @pubdate])[not(ancestor::nav or ancestor::aside"
    " or ancestor::header[not(ancestor::article or ancestor::main)])]"
)
AUTHOR_ELEMENTS_XPATH = XPath(
    "(//article//*[@rel='author'] | //*[@itemprop='author']//*[@itemprop='name']"
    " | //*[@itemprop='author'][not(*)] | //*[@rel='author'])"
    "[not(ancestor::nav or ancestor::aside or ancestor::footer)]"
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

# " | ", " - ", " – ", " — ", " · ", " :: ", " » ", " « ", " / " between title parts.
TITLE_SEPARATOR_RE = re.compile(r"(\s+[|\-–—·•»«/]\s+|\s*::\s*|\s+:\s+)")
# Two texts at least this similar (difflib ratio on normalised text) are one title.
TITLE_SIMILARITY = 0.9
ISO_DATE_RE = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
COMPACT_DATE_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$")
MIN_YEAR, MAX_YEAR = 1990, 2100
URL_RE = re.compile(r"^(?:https?:)?//|^www\.", re.I)
# Splits a credit line into names: "A and B", "A, B", "A & B", "A و B", "A، B".
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\||،|\band\b|\bet\b|\bund\b|\sو\s)\s*", re.I)
AUTHOR_PREFIX_RE = re.compile(r"^\s*(?:by|par|von|por|di|da)\s+", re.I)
MAX_AUTHOR_CHARS = 80
MAX_TAGS = 50
# Country-code domains registered under a second level ("example.co.uk").
SECOND_LEVEL_LABELS = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "gob"})


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


# ---------------------------------------------------------------- small helpers

def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _first(values: list[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _dedupe(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        key = phrase_key(value)
        if key and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def normalise_date(value: str | None) -> str | None:
    """ISO 8601 form of a date string: ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS±HH:MM``
    (the offset only when the source gives one). None when it is not a plausible date."""
    value = _clean(value)
    if not value:
        return None
    match = ISO_DATE_RE.match(value) or COMPACT_DATE_RE.match(value)
    if match:
        groups = match.groups()
        year, month, day = (int(g) for g in groups[:3])
        hour, minute = groups[3], groups[4]
        second = groups[5] if len(groups) > 5 else None
        offset = groups[6] if len(groups) > 6 else None
        try:
            if hour is None:
                dt = datetime(year, month, day)
                return dt.date().isoformat() if MIN_YEAR <= year <= MAX_YEAR else None
            tz = _parse_offset(offset)
            dt = datetime(year, month, day, int(hour), int(minute), int(second or 0), tzinfo=tz)
        except (ValueError, OverflowError):
            return None
    else:
        try:
            dt = parsedate_to_datetime(value)  # RFC 2822: "Tue, 30 Jan 2018 19:42:00 +0300"
        except (TypeError, ValueError, IndexError):
            return None
        if dt is None:
            return None
    if not MIN_YEAR <= dt.year <= MAX_YEAR:
        return None
    return dt.isoformat()


def _parse_offset(offset: str | None) -> timezone | None:
    if not offset:
        return None
    if offset == "Z":
        return timezone.utc
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _host_key(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL_LABELS else 2
    return ".".join(labels[-keep:])


def normalise_url(url: str) -> str:
    """Absolute URL with lower-case scheme and host and no fragment."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       parts.query, ""))


def _absolute(value: str | None, base: str | None) -> str | None:
    value = _clean(value)
    if not value:
        return None
    if base:
        try:
            value = urljoin(base, value)
        except ValueError:
            return None
    return value if value.startswith(("http://", "https://")) else None


# ---------------------------------------------------------------- JSON-LD

def _load_jsonld(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip().rstrip(";")
    text = text.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    try:
        return json.loads(text)
    except ValueError:
        try:  # raw newlines and tabs inside strings are the usual breakage
            return json.loads(re.sub(r"[\x00-\x1f]+", " ", text))
        except ValueError:
            return None


def _walk(data: Any, depth: int = 0):
    """Every JSON object in ``data`` (lists, ``@graph`` and nested values)."""
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key, value in data.items():
            if isinstance(value, (dict, list)) and key not in ("author", "publisher", "creator"):
                yield from _walk(value, depth + 1)


def _types(node: dict) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower().rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _jsonld_nodes(tree: HtmlElement) -> list[dict]:
    nodes: list[dict] = []
    for script in JSONLD_XPATH(tree):
        if script.text:
            nodes.extend(_walk(_load_jsonld(script.text)))
    return nodes


def _names(value: Any, ids: dict[str, dict], depth: int = 0) -> list[str]:
    """Person names in a JSON-LD author value: text, object, ``@id`` reference or list."""
    if depth > 3 or value is None:
        return []
    if isinstance(value, list):
        return [n for item in value for n in _names(item, ids, depth + 1)]
    if isinstance(value, str):
        return [] if URL_RE.match(value) else split_authors(value)
    if isinstance(value, dict):
        name = value.get("name")
        if name is None and isinstance(value.get("@id"), str) and value["@id"] in ids:
            name = ids[value["@id"]].get("name")
        if isinstance(name, list):
            return [n for item in name for n in _names(item, ids, depth + 1)]
        if isinstance(name, str):
            return [] if URL_RE.match(name) else split_authors(name)
    return []


def _image(value: Any) -> str | None:
    if isinstance(value, list):
        return _first([_image(v) for v in value])
    if isinstance(value, dict):
        return _clean(value.get("url") or value.get("contentUrl"))
    return _clean(value)


def _keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [k for item in value for k in _keywords(item)]
    if isinstance(value, str):
        return [k for k in (_clean(p) for p in value.split(",")) if k]
    return []


# ---------------------------------------------------------------- meta tags

def _meta_table(tree: HtmlElement) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for meta in META_XPATH(tree):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        value = meta.get("content")
        if key and value is not None:
            value = " ".join(value.split())
            if value:
                table.setdefault(key.strip().lower(), []).append(value)
    return table


def _meta(table: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in table:
            return table[key][0]
    return None


def split_authors(text: str) -> list[str]:
    """Names in a credit line: "By A and B", "A, B", "A & B", "A و B"."""
    text = AUTHOR_PREFIX_RE.sub("", text)
    names = [" ".join(p.split()).strip(" .:-–—") for p in AUTHOR_SPLIT_RE.split(text)]
    return [n for n in names if n and len(n) <= MAX_AUTHOR_CHARS and not URL_RE.match(n)
            and not n.startswith("@")]


# ---------------------------------------------------------------- titles

def _element_text(el: HtmlElement | None) -> str | None:
    return None if el is None else _clean(el.text_content())


def strip_site_name(title: str, site_names: list[str], url: str | None = None) -> str:
    """``title`` without a leading or trailing site-name part ("Headline | Site")."""
    parts = TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 3:
        return title
    keys = {phrase_key(n) for n in site_names if n}
    keys |= {k.replace(" ", "") for k in keys}
    keys.discard("")
    host = _host_key(url).split(".")[0] if url else ""

    def is_site(part: str) -> bool:
        key = phrase_key(part)
        compact = key.replace(" ", "")
        return bool(key) and (key in keys or compact in keys or (host and compact == host))

    # parts alternates text, separator, text, …
    while len(parts) >= 3 and is_site(parts[-1]):
        parts = parts[:-2]
    while len(parts) >= 3 and is_site(parts[0]):
        parts = parts[2:]
    return "".join(parts).strip()


def similar(a: str, b: str) -> bool:
    """Near-equal once normalised (case, punctuation, Arabic marks, small edits)."""
    ka, kb = phrase_key(a), phrase_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if abs(len(ka) - len(kb)) > (1 - TITLE_SIMILARITY) * max(len(ka), len(kb)):
        return False
    return SequenceMatcher(None, ka, kb, autojunk=False).ratio() >= TITLE_SIMILARITY


def _choose_title(candidates: list[str | None], h1: str | None, site_names: list[str],
                  url: str | None) -> str | None:
    stripped = [strip_site_name(c, site_names, url) for c in candidates if c]
    if h1 and any(phrase_key(h1) == phrase_key(n) for n in site_names if n):
        h1 = None  # the logo, not the headline
    if h1:
        for title in stripped:
            if similar(title, h1):
                return title
        h1_key = phrase_key(h1)
        for title in candidates:
            if title and h1_key and phrase_key(title).startswith(h1_key):
                return h1  # "<h1> | unknown site name"
    return _first(stripped) or h1


# ---------------------------------------------------------------- the stage

def _url_on_site(candidate: str | None, url: str | None) -> str | None:
    candidate = _absolute(candidate, url)
    if not candidate:
        return None
    if url and _host_key(candidate) != _host_key(url):
        return None
    return normalise_url(candidate)


def _element_date(elements: list[HtmlElement]) -> str | None:
    for el in elements:
        value = el.get("content") or el.get("datetime") or el.text_content()
        date = normalise_date(value)
        if date:
            return date
    return None


def extract_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Read the article's metadata from ``tree`` (not modified)."""
    meta = _meta_table(tree)
    nodes = _jsonld_nodes(tree)
    ids = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    jsonld_types: set[str] = set()
    articles, pages, sites = [], [], []
    for node in nodes:
        types = _types(node)
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
        _meta(meta, SITE_NAME_META),
        *(_clean(s.get("name")) for s in sites),
        *(_clean(p.get("name")) for p in (article.get("publisher"),) if isinstance(p, dict)),
    ) if n]

    h1 = _first([_element_text(el) for el in H1_XPATH(tree)])
    title_el = tree.find(".//title")
    title = _choose_title(
        [_clean(ld("headline")), *(_meta(meta, (k,)) for k in TITLE_META), _element_text(title_el)],
        h1, site_names, url,
    )

    published = _first([
        normalise_date(ld("datePublished")),
        *(normalise_date(_meta(meta, (k,))) for k in PUBLISHED_META),
        normalise_date(ld("dateCreated")),
        _element_date(ITEMPROP_PUBLISHED_XPATH(tree)),
        _element_date(ARTICLE_TIME_XPATH(tree)[:1]),
    ])
    modified = _first([
        normalise_date(ld("dateModified")),
        *(normalise_date(_meta(meta, (k,))) for k in MODIFIED_META),
        _element_date(ITEMPROP_MODIFIED_XPATH(tree)),
    ])

    authors = _names(ld("author"), ids) or _names(ld("creator"), ids)
    if not authors:
        for key in AUTHOR_META:
            for value in meta.get(key, ()):
                if not URL_RE.match(value) and not value.startswith("@"):
                    authors.extend(split_authors(value))
            if authors:
                break
    if not authors:
        for el in AUTHOR_ELEMENTS_XPATH(tree)[:5]:
            text = _element_text(el)
            if text and len(text) <= MAX_AUTHOR_CHARS:
                authors.extend(split_authors(text))

    section = ld("articleSection")
    if isinstance(section, list):
        section = _first([_clean(s) for s in section])
    tags = [t for key in TAG_META for v in meta.get(key, ()) for t in _keywords(v)]
    tags += _keywords(ld("keywords"))
    if not tags:
        tags = [t for v in meta.get("keywords", ()) for t in _keywords(v)]

    canonical = CANONICAL_XPATH(tree)
    canonical_url = _first([
        _url_on_site(canonical[0] if canonical else None, url),
        _url_on_site(_meta(meta, ("og:url",)), url),
        normalise_url(url) if url else None,
    ])

    languages = [tree.get("lang"), tree.get("xml:lang"), _clean(ld("inLanguage")),
                 *(_meta(meta, (k,)) for k in LANGUAGE_META)]

    return PageMetadata(
        title=title,
        authors=_dedupe(authors),
        date_published=published,
        date_modified=modified,
        description=_first([*(_meta(meta, (k,)) for k in DESCRIPTION_META), _clean(ld("description"))]),
        section=_first([_meta(meta, SECTION_META), _clean(section)]),
        tags=_dedupe(tags)[:MAX_TAGS],
        image_url=_first([_absolute(_meta(meta, (k,)), url) for k in IMAGE_META]
                         + [_absolute(_image(ld("image")), url),
                            _absolute(_clean(ld("thumbnailUrl")), url)]),
        canonical_url=canonical_url,
        languages=[lang for lang in languages if isinstance(lang, str) and lang.strip()],
        site_name=_first(site_names),
        og_type=(_meta(meta, ("og:type",)) or "").lower() or None,
        jsonld_types=jsonld_types,
    )


def fallback_date(cleaned_tree: HtmlElement, url: str | None = None) -> str | None:
    """Publication date for a page without date metadata: htmldate on the cleaned tree.

    Only called after the DOM stage, so header clocks and sidebars are gone by then.
    """
    return normalise_date(find_date(cleaned_tree, original_date=True, url=url))
