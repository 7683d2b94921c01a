"""Stage 2: read the article's metadata from the page's structured data.

Structured data is what the publisher says about its own article, so it comes
first, in this order: JSON-LD (``@graph``, lists, nested and ``@id``-referenced
authors), OpenGraph and ``article:*`` meta, other ``<meta>`` and ``itemprop``
markup, ``<time datetime>`` inside the article, and only then the visible page.
A date is never read from the site header (a header clock shows *today*).
Everything is read from the same parsed tree, before the DOM is cleaned.
"""

from __future__ import annotations

import html
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

from scraper.extract.phrases import is_chrome_line, phrase_key

JSONLD_XPATH = XPath("//script[@type='application/ld+json' or @type='application/json+ld']")
META_XPATH = XPath("//meta")
# Headline candidates, in page order (the metadata titles pick among them).
HEADING_XPATH = XPath(
    "(//h1 | //*[@itemprop='headline'][not(self::meta)])"
    "[not(ancestor::nav or ancestor::footer or ancestor::aside)]"
)
# Looked at in at most this many headings.
MAX_HEADINGS = 12
# Inside a heading, these carry no headline words.
HEADING_SKIP_TAGS = frozenset({"time", "script", "style", "noscript", "button", "svg", "sup"})
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
# Byline sources on the visible page, strongest first; never in nav, aside, footer.
NOT_CHROME = "[not(ancestor::nav or ancestor::aside or ancestor::footer)]"
AUTHOR_PROP_XPATH = XPath("//*[@itemprop='author' or contains(@rel, 'author')]")
AUTHOR_LINK_XPATH = XPath("//a[@href]")
# "uthor" and "yline" match both cases of the first letter (Author, ByLine)
AUTHOR_CLASS_XPATH = XPath(
    "//*[contains(@class, 'uthor') or contains(@class, 'yline') or contains(@class, 'riter')"
    " or contains(@id, 'uthor') or contains(@id, 'yline')]"
)
CHROME_ANCESTOR_XPATH = XPath("ancestor::nav or ancestor::aside or ancestor::footer")

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
ORGANISATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation",
                                "educationalorganization", "governmentorganization",
                                "localbusiness", "ngo", "website", "brand"})
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

# " | ", " - ", " – ", " — ", " · ", " :: ", " » ", " « ", " / " between title parts.
TITLE_SEPARATOR_RE = re.compile(r"(\s+[|\-–—·•»«/]\s+|\s*::\s*|\s+:\s+)")
# A heading is the headline when its words overlap a metadata title's by more than this
# (Dice coefficient). Swept on wcxb-dev even pages: >= 0.3 / 0.4 give 0.910, > 0.4 0.904,
# 0.5 / 0.6 give 0.890 / 0.874; at >= 0.4 a one-word section label ("Blog") wins
# against a four-word title, so the comparison is strict.
HEADLINE_AGREEMENT = 0.4
MAX_TITLE_CHARS = 300
# A title part naming the site from its host ("… | Shopify App Store" on
# apps.shopify.com, "… | Rust Blog" on blog.rust-lang.org) has at most this many words:
# longer parts are headline text that happens to share a word with the host. wcxb-dev:
# all such site parts have 1-3 words; 4 leaves a margin (even +0.009, odd +0.006).
MAX_HOST_PART_WORDS = 4
# Shortest host label (or part) compared by prefix ("johnsons" ~ "johnsonsbaby"):
# shorter labels ("uk", "go", "abc") start too many ordinary words.
MIN_HOST_PREFIX_CHARS = 4
HOST_LABEL_SPLIT_RE = re.compile(r"[.\-]")
# Two texts at least this similar (difflib ratio on normalised text) are one title.
TITLE_SIMILARITY = 0.9
ISO_DATE_RE = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
COMPACT_DATE_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$")
MIN_YEAR, MAX_YEAR = 1990, 2100
# UTF-8 bytes decoded as Latin-1 / cp1252: "â€™", "Ã©".
MOJIBAKE_RE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc]")
URL_RE = re.compile(r"^(?:https?:)?//|^www\.", re.I)
# Splits a credit line into names: "A and B", "A, B", "A & B", "A و B", "A، B".
# Splits a credit line into names: "A and B", "A, B", "A & B", "A | B", "A - Role",
# "A و B", "A، B". A hyphen without spaces ("Smith-Jones") is part of a name.
AUTHOR_SPLIT_RE = re.compile(
    r"\s*(?:,|;|&|\||،|\band\b|\bet\b|\bund\b|\sو\s|\s[-–—]\s)\s*", re.I)
# Labels before names, in the languages the project crawls ("By", "Written by:",
# "Author:", "بقلم", "كتب", "Par", "Von", "Por", "Autor:", "Автор:", "Yazar:").
BYLINE_LABELS: tuple[str, ...] = (
    "written by", "posted by", "published by", "words by", "text by", "story by",
    "reported by", "reporting by", "article by", "compiled by", "by", "author", "authors",
    "authored by", "bylined by", "contributor", "contributors", "writer",
    "بقلم", "كتب", "كتبت", "كتبه", "بواسطة", "الكاتب", "تأليف", "إعداد",
    "écrit par", "par", "auteur", "auteurs", "geschrieben von", "von", "autor", "autorin",
    "escrito por", "por", "autora", "scritto da", "di", "autore", "da",
    "автор", "авторы", "yazar", "yazan", "نویسنده", "به قلم", "مصنف", "作者", "撰文",
)
AUTHOR_PREFIX_RE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(w) for w in sorted(BYLINE_LABELS, key=len, reverse=True))
    + r")(?:\s*[:：]\s*|\s+)", re.I)
BYLINE_LABEL_KEYS = frozenset(phrase_key(w) for w in BYLINE_LABELS)
# A byline label standing alone in its element ("Written by", "Author:"): the name is
# the next text of the page. Short text nodes are picked in XPath, the label is
# matched in Python by a set look-up.
BYLINE_LABEL_LOWER = frozenset(w.lower() for w in BYLINE_LABELS)
SHORT_TEXT_XPATH = XPath("//body//text()[string-length(normalize-space()) <= 24][normalize-space()]")
FOLLOWING_TEXT_XPATH = XPath("following::text()[normalize-space()][position() <= 2]")
# Credits that are not authorship.
NOT_AUTHOR_LABEL_RE = re.compile(
    r"^\s*(?:(?:medically\s+|fact[-\s]checked\s+|expert\s+)?reviewed|edited|fact[-\s]checked|"
    r"photos?|photography|illustrations?|images?|video)\s+by\b", re.I)
# Academic and professional credentials after a name ("Jane Roe, MD, RD").
CREDENTIAL_RE = re.compile(
    r"^(?:(?:[A-Z][a-z]?\.\s?){1,4}|[A-Z]{2,6}(?:[-\s][A-Z0-9]{1,6})*|Ph\.?D\.?|M\.?Sc\.?|"
    r"B\.?Sc\.?|Esq\.?|Jr\.?|Sr\.?)\s?[®™]?$")
# Words of job titles and teams: a credit part holding one is a role, not a name
# ("Staff Writer", "Head of Marketing", "FullStack Editorial Team").
ROLE_WORDS = frozenset(
    "writer writers editor editors editorial reporter reporters correspondent contributor "
    "contributors staff columnist journalist expert specialist director manager founder "
    "cofounder co-founder ceo cto cfo coo president chief head lead officer analyst "
    "strategist consultant coordinator representative dietitian nutritionist team "
    "marketing content senior junior associate intern producer desk newsroom "
    "محرر مراسل كاتب صحفي rédacteur rédactrice journaliste redakteur redakteurin "
    "redactor redactora periodista giornalista redattore jornalista корреспондент "
    "журналист редактор muhabir editörü".split()
)
# Words of organisation names: a credit made only of such a name is not a person.
ORGANISATION_WORDS = frozenset(
    "team staff editors editorial desk newsroom news media inc inc. llc ltd ltd. gmbh "
    "group company corp corporation magazine blog press agency network online "
    "services university institute association foundation council department".split()
)
MAX_NAME_WORDS = 6
# A team credited in a byline ("By the Workzone Team", "Podium Staff", "TOI Lifestyle
# Desk"): its word first or last, a few capitalised words around it. Readers (and
# wcxb-dev's gold, 13 pages) take it as the author; a role ("Staff Writer") is not one.
TEAM_WORDS = frozenset({"team", "staff", "desk", "editors", "newsroom"})
MAX_TEAM_WORDS = 4
# A byline element's text is at most this long (a bio box is not a byline).
MAX_BYLINE_CHARS = 120
# Path segments of author profile pages ("/author/jane-doe", "/contributors/jd").
AUTHOR_PATH_RE = re.compile(
    r"/(?:authors?|autore?s?|auteurs?|autori|writers?|contributors?|columnists?|journalists?|"
    r"reporters?|people|person|staff|team|profiles?|users?|byline|yazar(?:lar)?|"
    r"kategori/yazar|كاتب|الكاتب|كتاب)/[^/?#]+", re.I)
NOT_NAME_WORDS = frozenset(
    "the a an of in on to is was were has have for with from this that said says at as "
    "our your my we you it its all more about home menu search login share follow by i "
    "updated sign up subscribe articles posts review reviews spotlight galleries email rss "
    "bluesky twitter facebook linkedin instagram youtube tiktok threads mastodon "
    "في من إلى على عن أن التي الذي هذا هذه كان قال "
    "le la les des du est une pour dans que qui sur der die das ist nicht mit ein eine "
    "el los las que en del por con una para es il che per non".split()
)
MAX_AUTHOR_CHARS = 80
# A maiden name or nickname in brackets between a person's names.
NICKNAME_RE = re.compile(r"(?<=\w)\s+\([^\W\d_]+\)\s+(?=\w)")
# Script data that may carry the byline: Next.js / Nuxt page props and analytics layers.
SCRIPT_DATA_XPATH = XPath(
    "//script[@id='__NEXT_DATA__' or @id='__NUXT_DATA__' or @type='application/json'"
    " or contains(., 'dataLayer')]")
# "author": "Jane Doe", "authorName": "…", "author": {"name": "…"}, "author": [{"name": …
SCRIPT_AUTHOR_RE = re.compile(
    r'"(?:author|authors|authorName|author_name|byline)"\s*:\s*\[?\s*'
    r'(?:\{[^{}"]*(?:"(?!name")[^"]*"\s*:\s*(?:"[^"]*"|[^,{}"]*)\s*,\s*)*"name"\s*:\s*)?'
    r'"([^"\\]{2,80})"')
# Bounds on that search (a page's script data can be megabytes).
MAX_DATA_SCRIPTS = 8
MAX_SCRIPT_CHARS = 300_000
MAX_SCRIPT_AUTHORS = 4
# What follows the names in a byline: a date, "on", "in Section", "Updated", "|", "•".
BYLINE_TAIL_RE = re.compile(
    r"\s+(?:on|in|updated|published|posted|last updated|le|am|el|il|em)\s+|\s*[|•·]\s*"
    r"|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
NAME_PARTICLES = frozenset("de da di del della van von der den du la le al el bin ibn ben y e st".split())
# Byline candidates inside these (class or id) are not the article's byline.
BYLINE_EXCLUDED_CONTAINERS = ("comment", "related", "widget", "sidebar", "recommend",
                              "footer", "popular", "trending", "newsletter")
# Class prefixes that describe an element's state or taxonomy, not its role
# (WordPress puts "has-comments tag-related-news" on the article itself).
STATE_CLASS_PREFIXES = ("has-", "no-", "is-", "with-", "tag-", "category-", "post-", "format-")
# An author-classed article or section is the whole post (<article class="… author-jane-doe">),
# not its byline.
CONTAINER_TAGS = frozenset({"article", "main", "section", "body"})
# Dates in these (class or id tokens, or nav and footer) are other stories' or readers'.
DATELINE_EXCLUDED_CONTAINERS = ("comment", "related", "recommend", "popular", "trending",
                                "more-stories", "read-next")
DATELINE_CHROME_XPATH = XPath("ancestor::nav or ancestor::footer")
# How many candidates of each byline source are looked at (bounds the cost on huge pages).
MAX_BYLINE_CANDIDATES = 30
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

def _repair(value: str) -> str:
    """Undo double escaping ("&amp;#8217;" left in a meta value) and UTF-8 read as
    Latin-1 ("Investorâ\x80\x99s")."""
    if "&" in value:
        value = html.unescape(value)
    if MOJIBAKE_RE.search(value):
        try:
            value = value.encode("cp1252", errors="strict").decode("utf-8")
        except UnicodeError:
            try:
                value = value.encode("latin-1").decode("utf-8")
            except UnicodeError:
                pass
    return value


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(_repair(value).split())
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
    except RecursionError:  # nested deeper than Python's recursion limit: not metadata
        return None
    except ValueError:
        try:  # raw newlines and tabs inside strings are the usual breakage
            return json.loads(re.sub(r"[\x00-\x1f]+", " ", text))
        except (ValueError, RecursionError):
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


def _names(value: Any, ids: dict[str, dict], organisations: set[str], depth: int = 0) -> list[str]:
    """Names in a JSON-LD author value: text, object, ``@id`` reference or list.
    The keys of names typed Organization are added to ``organisations``."""
    if depth > 3 or value is None:
        return []
    if isinstance(value, list):
        return [n for item in value for n in _names(item, ids, organisations, depth + 1)]
    if isinstance(value, str):
        return [] if URL_RE.match(value) else split_authors(value)
    if isinstance(value, dict):
        node = value
        if "name" not in node and isinstance(node.get("@id"), str) and node["@id"] in ids:
            node = ids[node["@id"]]
        name = node.get("name")
        if isinstance(name, list):
            found = [n for item in name for n in _names(item, ids, organisations, depth + 1)]
        elif isinstance(name, str):
            found = [] if URL_RE.match(name) else split_authors(_clean(name) or "")
        else:
            found = []
        if _types(node) & ORGANISATION_TYPES:
            organisations.update(phrase_key(n) for n in found)
        return found
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
            value = " ".join(_repair(value).split())
            if value:
                table.setdefault(key.strip().lower(), []).append(value)
    return table


def _meta(table: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in table:
            return table[key][0]
    return None


def _is_role(part: str) -> bool:
    words = phrase_key(part).split()
    return bool(CREDENTIAL_RE.match(part)) or any(w in ROLE_WORDS for w in words)


def split_authors(text: str) -> list[str]:
    """Names in a credit line: "By A and B", "A, B", "A & B", "A و B".

    Roles and credentials after a name are dropped ("Jane Roe, MD", "Jane Roe - Staff
    Writer") when at least one part is left; a credit that is only a role is kept.
    """
    text = AUTHOR_PREFIX_RE.sub("", text)
    names = [" ".join(p.split()).strip(" .:-–—") for p in AUTHOR_SPLIT_RE.split(text)]
    names = [n for n in names if n and len(n) <= MAX_AUTHOR_CHARS and not URL_RE.match(n)
             and not n.startswith("@")]
    people = [n for n in names if not _is_role(n)]
    return people or names[:1]


def _inverted(name: str) -> str:
    """"Last, First" (citation metadata) → "First Last"."""
    last, _, first = name.partition(",")
    if first.strip() and 0 < len(last.split()) <= 3 and 0 < len(first.split()) <= 3:
        return f"{first.strip()} {last.strip()}"
    return name


def _is_organisation(name: str, site_keys: set[str]) -> bool:
    key = phrase_key(name)
    return key in site_keys or key.replace(" ", "") in site_keys or any(
        w in ORGANISATION_WORDS for w in key.split())


def _looks_like_name(text: str, strict: bool = True) -> bool:
    """A person's name: a few words, no digits or sentence punctuation; in cased
    scripts capitalised (``strict``; a profile link's text may be a user name)."""
    text = NICKNAME_RE.sub(" ", text)  # "Paramita (Guha) Ghosh"
    words = text.split()
    if not words or len(words) > MAX_NAME_WORDS or len(text) > MAX_AUTHOR_CHARS:
        return False
    if re.search(r"\d|[?!:;@/\\|<>{}()\[\]\"“”«»]|https?", text):
        return False
    if any(w.lower().strip(".,'") in NOT_NAME_WORDS for w in words):
        return False
    if phrase_key(text) in BYLINE_LABEL_KEYS or _is_role(text) or is_chrome_line(text):
        return False
    if not any(c.isalpha() for c in text):
        return False
    if len(words) == 1 and len(text) > 3 and text.isupper():
        return False  # a label in capitals ("GALLERIES"), not a name
    if strict or len(words) > 1:
        cased = [w for w in words if w[0].isalpha() and w[0].lower() != w[0].upper()]
        return all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in cased)
    return True


def _is_team_credit(text: str) -> bool:
    """A team's credit ("The Upwork Team", "Resy Staff", "Team X"), not a role
    ("Staff Writer", "Senior Editor") nor a sentence."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or len(words) > MAX_TEAM_WORDS or re.search(r"[\d?!:;@/\\|<>{}()\[\]]", text):
        return False
    lower = [w.lower() for w in words]
    if lower[0] not in TEAM_WORDS and lower[-1] not in TEAM_WORDS:
        return False
    others = [w for w, low in zip(words, lower) if low not in TEAM_WORDS]
    return all(w[0].isupper() and w.lower() not in ROLE_WORDS and w.lower() not in NOT_NAME_WORDS
               for w in others if w[0].isalpha())


def _credit_names(text: str | None, strict: bool = True) -> list[str]:
    """Names in a byline element's text ("By Jane Doe | March 3", "Author: J. Roe");
    a team credited there ("By the Upwork Team") counts as a name."""
    text = _clean(text)
    if not text or len(text) > MAX_BYLINE_CHARS or NOT_AUTHOR_LABEL_RE.match(text):
        return []
    text = BYLINE_TAIL_RE.split(text, maxsplit=1)[0]
    names = split_authors(text)
    return [n for n in names if _looks_like_name(n, strict) or _is_team_credit(n)]


def _outside_chrome(el: HtmlElement, markers: tuple[str, ...] = BYLINE_EXCLUDED_CONTAINERS,
                    chrome: XPath = CHROME_ANCESTOR_XPATH) -> bool:
    """Not inside nav, aside, footer, comments, related-article lists or widgets."""
    if chrome(el):
        return False
    for anc in el.iterancestors():
        if anc.tag in ("body", "html"):
            break  # <body class="… single-format-standard has-comments"> says nothing
        for token in f"{anc.get('class') or ''} {anc.get('id') or ''}".lower().split():
            # utility classes ("md:[grid-area:sidebar]") place boxes, they do not name them
            if (":" not in token and not token.startswith(STATE_CLASS_PREFIXES)
                    and any(m in token for m in markers)):
                return False
    return True


def _byline_authors(tree: HtmlElement) -> list[str]:
    """Authors named on the visible page: ``itemprop``/``rel`` author, links to
    author pages, elements classed author/byline/writer, then the text after a
    standalone label ("Written by", "Author:"); the first source that yields
    a name wins. Several names are taken from the same byline only."""
    for el in AUTHOR_PROP_XPATH(tree)[:MAX_BYLINE_CANDIDATES]:
        if el.tag in ("meta", "link") or not _outside_chrome(el):
            continue
        named = el.xpath(".//*[@itemprop='name']")
        text = (named[0].get("content") or named[0].text_content()) if named else el.text_content()
        names = _credit_names(text, strict=False)
        if names:
            return names
    links = [a for a in AUTHOR_LINK_XPATH(tree) if AUTHOR_PATH_RE.search(a.get("href", ""))]
    for a in links[:MAX_BYLINE_CANDIDATES]:
        if not _outside_chrome(a):
            continue
        names = _credit_names(a.text_content() or a.get("title") or a.get("aria-label"), strict=False)
        if not names:
            continue
        # co-authors: other author links in the same byline
        block = a.getparent()
        block = block.getparent() if block is not None and block.getparent() is not None else block
        for other in links:
            if other is not a and block is not None and block in other.iterancestors():
                names += _credit_names(other.text_content(), strict=False)
        return _dedupe(names)
    for el in AUTHOR_CLASS_XPATH(tree)[:MAX_BYLINE_CANDIDATES]:
        if el.tag in CONTAINER_TAGS or not _outside_chrome(el):
            continue
        for piece in el.itertext():
            names = _credit_names(piece)
            if names:
                return names
    for text in SHORT_TEXT_XPATH(tree):
        if " ".join(text.split()).rstrip(":：").lower() not in BYLINE_LABEL_LOWER:
            continue
        parent = text.getparent()
        if parent is None or parent.tag in ("script", "style", "option") or not _outside_chrome(parent):
            continue
        names = _credit_names(_text_after(text))
        if names:
            return names
    return []


def _labelled_meta_authors(meta: dict[str, list[str]]) -> list[str]:
    """Names from label / data meta pairs ("twitter:label1" = "Written by",
    "twitter:data1" = "Jane Doe"), which WordPress SEO plugins print on every post."""
    for key, values in meta.items():
        if not key.startswith("twitter:label") or not values:
            continue
        label = values[0].strip().rstrip(":：").lower()
        if label in BYLINE_LABEL_LOWER:
            data = meta.get(key.replace("label", "data", 1))
            names = [n for n in split_authors(data[0]) if _looks_like_name(n)] if data else []
            if names:
                return names
    return []


def _script_authors(tree: HtmlElement) -> list[str]:
    """Names under "author" keys of the page's own script data (Next.js page props,
    a dataLayer), for pages that print the byline only from JavaScript."""
    for script in SCRIPT_DATA_XPATH(tree)[:MAX_DATA_SCRIPTS]:
        text = (script.text or "")[:MAX_SCRIPT_CHARS]
        if "uthor" not in text:
            continue
        names = [n for value in SCRIPT_AUTHOR_RE.findall(text)
                 for n in split_authors(_clean(value) or "") if _looks_like_name(n)]
        if names:
            return _dedupe(names)[:MAX_SCRIPT_AUTHORS]
    return []


def _text_after(text: Any) -> str | None:
    """The first non-blank text after the text node ``text`` (an lxml smart string)."""
    el = text.getparent()
    if text.is_text:
        for node in el.iterdescendants():
            for piece in (node.text, node.tail):
                if piece and piece.strip():
                    return piece
    for piece in FOLLOWING_TEXT_XPATH(el):
        if not (text.is_tail and piece.is_tail and piece.getparent() is el):
            return piece
    return None


# ---------------------------------------------------------------- visible dates

# Month names by language, as data: each name maps to its month number. Abbreviations
# are listed where sites print them ("Sept.", "janv.", "Mär"). Arabic has three naming
# systems (Egyptian/Gulf transliterations, Levantine Syriac names, Maghreb French ones).
MONTH_NAMES: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
           ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
           ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
           ("december", "dec")),
    "fr": (("janvier", "janv"), ("février", "fevrier", "févr", "fevr"), ("mars",),
           ("avril", "avr"), ("mai",), ("juin",), ("juillet", "juil"), ("août", "aout"),
           ("septembre",), ("octobre",), ("novembre",), ("décembre", "decembre", "déc")),
    "de": (("januar", "jänner"), ("februar",), ("märz", "maerz", "mär"), ("april",), ("mai",),
           ("juni",), ("juli",), ("august",), ("september",), ("oktober", "okt"),
           ("november",), ("dezember", "dez")),
    "es": (("enero", "ene"), ("febrero",), ("marzo",), ("abril", "abr"), ("mayo",),
           ("junio",), ("julio",), ("agosto", "ago"), ("septiembre", "setiembre"),
           ("octubre",), ("noviembre",), ("diciembre", "dic")),
    "it": (("gennaio", "gen"), ("febbraio",), ("marzo",), ("aprile",), ("maggio", "mag"),
           ("giugno", "giu"), ("luglio", "lug"), ("agosto",), ("settembre", "set"),
           ("ottobre", "ott"), ("novembre",), ("dicembre",)),
    "pt": (("janeiro",), ("fevereiro", "fev"), ("março", "marco"), ("abril",), ("maio",),
           ("junho",), ("julho",), ("agosto",), ("setembro", "set"), ("outubro", "out"),
           ("novembro",), ("dezembro", "dez")),
    "ru": (("января", "январь", "янв"), ("февраля", "февраль", "фев"), ("марта", "март"),
           ("апреля", "апрель", "апр"), ("мая", "май"), ("июня", "июнь"), ("июля", "июль"),
           ("августа", "август", "авг"), ("сентября", "сентябрь", "сен"),
           ("октября", "октябрь", "окт"), ("ноября", "ноябрь", "ноя"),
           ("декабря", "декабрь", "дек")),
    "tr": (("ocak",), ("şubat", "subat"), ("mart",), ("nisan",), ("mayıs", "mayis"),
           ("haziran",), ("temmuz",), ("ağustos", "agustos"), ("eylül", "eylul"), ("ekim",),
           ("kasım", "kasim"), ("aralık", "aralik")),
    "ar": (("يناير", "كانون الثاني", "جانفي", "ينایر"), ("فبراير", "شباط", "فيفري", "فبرایر"),
           ("مارس", "آذار", "اذار"), ("أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل"),
           ("مايو", "أيار", "ايار", "ماي"), ("يونيو", "يونيه", "حزيران", "جوان"),
           ("يوليو", "يوليه", "تموز", "جويلية", "جويلة"), ("أغسطس", "اغسطس", "آب", "أوت", "اوت"),
           ("سبتمبر", "أيلول", "ايلول"), ("أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"),
           ("نوفمبر", "تشرين الثاني", "نونبر"), ("ديسمبر", "كانون الأول", "كانون الاول", "دجنبر")),
    "fa": (("ژانویه",), ("فوریه",), ("مارس",), ("آوریل",), ("مه", "می"), ("ژوئن",),
           ("ژوئیه", "جولای"), ("اوت", "آگوست"), ("سپتامبر",), ("اکتبر",), ("نوامبر",),
           ("دسامبر",)),
    "ur": (("جنوری",), ("فروری",), ("مارچ",), ("اپریل",), ("مئی",), ("جون",), ("جولائی",),
           ("اگست",), ("ستمبر",), ("اکتوبر",), ("نومبر",), ("دسمبر",)),
}
# Months of the Solar Hijri calendar (Iran, Afghanistan), converted to Gregorian.
JALALI_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان",
                 "آذر", "دی", "بهمن", "اسفند")
MONTH_NUMBER: dict[str, int] = {
    name: number for names in MONTH_NAMES.values()
    for number, forms in enumerate(names, 1) for name in forms
}
JALALI_NUMBER = {name: number for number, name in enumerate(JALALI_MONTHS, 1)}
# Arabic-Indic and Extended (Persian, Urdu) digits, and full-width ones.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)
_MONTH_ALT = "|".join(re.escape(n) for n in sorted(
    set(MONTH_NUMBER) | set(JALALI_NUMBER), key=len, reverse=True))
# "Mar.", "آذار/مارس" (two calendars' names side by side), "марта".
_MONTH = rf"(?P<{{g}}>{_MONTH_ALT})(?![^\W\d_])\.?(?:\s*/\s*(?:{_MONTH_ALT}))?"
_DAY = r"(?P<{g}>[0-3]?\d)(?!\d)(?:st|nd|rd|th|er|º|°|\.)?"
_YEAR = r"(?P<{g}>(?:1[3-4]|19|20)\d\d)(?!\d)"
# One regex, tried left to right: the first date of a text wins.
VISIBLE_DATE_RE = re.compile(
    "|".join((
        # 5 March 2024, 5. März 2024, 5 de marzo de 2024, 1er mars 2024, ٥ مارس، ٢٠٢٤
        r"(?<!\d)" + _DAY.format(g="d1") + r"\s*(?:de\s+)?" + _MONTH.format(g="m1")
        + r"[\s,،]*(?:de\s+|del\s+)?" + _YEAR.format(g="y1"),
        # March 5, 2024; Mar. 5th 2024; Sept 5 , 2024
        r"(?<![^\W\d_])" + _MONTH.format(g="m2") + r"\s*" + _DAY.format(g="d2")
        + r"\s*[,،]?\s*" + _YEAR.format(g="y2"),
        # 2024年3月5日, 2024년 3월 5일
        r"(?P<y3>(?:19|20)\d\d)\s*[年년]\s*(?P<m3>[01]?\d)\s*[月월]\s*(?P<d3>[0-3]?\d)\s*[日일]",
        # 2024-03-05, 2024/03/05, 2024.03.05
        r"(?<!\d)(?P<y4>(?:19|20)\d\d)(?P<s4>[-/.])(?P<m4>[01]?\d)(?P=s4)(?P<d4>[0-3]?\d)(?!\d)",
        # 05.03.2024, 03/05/2024, 5-3-2024 (order decided by the separator and language)
        r"(?<![\d.:/-])(?P<a5>[0-3]?\d)(?P<s5>[-/.])(?P<b5>[0-3]?\d)(?P=s5)(?P<y5>(?:19|20)\d\d)(?!\d)",
    )),
    re.I,
)
# Languages whose numeric dates are month first (03/05/2024 is March 5).
MONTH_FIRST_LANGUAGES = ("en-us", "en_us", "en")
# "Updated …" labels: such a date is the modification date, not the publication date.
UPDATED_LABEL_RE = re.compile(
    r"(?:updated|modified|revised|reviewed|mis à jour|modifié|aktualisiert|geändert|"
    r"actualizado|modificado|aggiornato|atualizado|обновлено|изменено|güncellen\w*|"
    r"تحديث|تعديل|به[\s\u200c]?روز|اپ ڈیٹ|更新|修改)\W*$", re.I)
# Elements that hold a byline or the article's dates, by class, id or itemprop.
DATE_CLASS_XPATH = XPath(
    "//time | //*[@class][contains(@class, 'date') or contains(@class, 'Date')"
    " or contains(@class, 'publish') or contains(@class, 'posted') or contains(@class, 'byline')]"
)
# Texts after and before the headline that are read as its dateline.
MAX_AFTER_HEADLINE_TEXTS = 40
MAX_BEFORE_HEADLINE_TEXTS = 8
# Short texts just before the headline read as its dateline ("Published … " above it).
MAX_BEFORE_HEADLINE = 4
# How many of the dates shown in the article header are weighed against the metadata's
# (a published / updated pair; more is a table or a list of dates in the story).
MAX_SHOWN_DATES = 4
# The furthest a time zone lags UTC (UTC-12): a time stamp later in its UTC day than this
# is the same day everywhere, or the next, never the day before.
MAX_ZONE_LAG_HOURS = 12
# "/2024/03/05/" or "/2024-03-05-" in a URL.
URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:[/-]|$)")
# A dateline is short: a text whose element says more is a sentence of the story.
MAX_DATELINE_CHARS = 120
# Characters of dateline text read after the headline (byline, dates, reading time).
MAX_AFTER_HEADLINE_CHARS = 600
# How many date-classed elements are looked at.
MAX_DATE_ELEMENTS = 60
INLINE_TAGS = frozenset({"a", "span", "strong", "em", "b", "i", "u", "small", "abbr", "font",
                         "sup", "sub", "mark", "cite", "q"})
PARAGRAPH_TAGS = frozenset({"p", "li", "td", "dd", "blockquote", "figcaption"})
DIGIT_RE = re.compile(r"\d")  # any script's digits
NOT_DATELINE_TAGS = frozenset({"script", "style", "noscript", "option", "button", "svg"})


def _jalali_to_gregorian(jy: int, jm: int, jd: int) -> tuple[int, int, int]:
    """Solar Hijri (Persian) date → Gregorian (day count from the calendars' epochs)."""
    jy -= 979
    days = 365 * jy + (jy // 33) * 8 + (jy % 33 + 3) // 4 + jd - 1
    days += (jm - 1) * 31 if jm <= 7 else 6 * 31 + (jm - 7) * 30
    gd = datetime(1600, 3, 20) + timedelta(days=days)  # 1 Farvardin 979 = 20 March 1600
    return gd.year, gd.month, gd.day


def parse_visible_date(text: str, month_first: bool = True) -> str | None:
    """The first calendar date written in ``text`` as ``YYYY-MM-DD``, in any of the
    project's languages ("March 5, 2024", "5 mars 2024", "05.03.2024",
    "٥ مارس ٢٠٢٤", "2024年3月5日", "۱۴ اسفند ۱۴۰۲"). Relative dates ("2 hours ago")
    are not dates. ``month_first`` reads 03/05/2024 as March 5 (US English)."""
    for match in VISIBLE_DATE_RE.finditer(text.translate(DIGITS)):
        date = _match_date(match, month_first)
        if date:
            return date
    return None


def _match_date(match: re.Match, month_first: bool, alt: list | None = None) -> str | None:
    """The date of one match; a numeric date that reads both ways adds the other
    reading to ``alt``."""
    g = match.groupdict()
    jalali = False
    if g["y1"] or g["y2"]:
        year = int(g["y1"] or g["y2"])
        name = (g["m1"] or g["m2"]).lower()
        day = int(g["d1"] or g["d2"])
        if name in JALALI_NUMBER and year < 1500 and name not in MONTH_NUMBER:
            jalali, month = True, JALALI_NUMBER[name]
        else:
            month = MONTH_NUMBER.get(name, 0)
    elif g["y3"]:
        year, month, day = int(g["y3"]), int(g["m3"]), int(g["d3"])
    elif g["y4"]:
        year, month, day = int(g["y4"]), int(g["m4"]), int(g["d4"])
    else:
        a, b, year = int(g["a5"]), int(g["b5"]), int(g["y5"])
        month_first = month_first and a <= 12 or b > 12
        month, day = (a, b) if month_first else (b, a)
        if a <= 12 and b <= 12 and a != b and alt is not None:
            alt.append(_match_date_parts(year, day, month))
    if jalali:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        year, month, day = _jalali_to_gregorian(year, month, day)
    return _match_date_parts(year, month, day)


def _match_date_parts(year: int, month: int, day: int) -> str | None:
    try:
        date = datetime(year, month, day)
    except ValueError:
        return None
    if not MIN_YEAR <= date.year or date > datetime.now() + timedelta(days=1):
        return None
    return date.date().isoformat()


def _texts_after(el: HtmlElement):
    """(text, element holding it) for each non-blank text after ``el``'s end, in
    document order (a tail belongs to the element it follows, as in lxml)."""
    node = el
    while node is not None:
        if node.tail and node.tail.strip():
            yield node.tail, node
        for sib in node.itersiblings():
            for sub in sib.iter():
                if isinstance(sub.tag, str) and sub.text and sub.text.strip():
                    yield sub.text, sub
                if sub is not sib and sub.tail and sub.tail.strip():
                    yield sub.tail, sub
            if sib.tail and sib.tail.strip():
                yield sib.tail, sib
        node = node.getparent()


def _texts_before(el: HtmlElement, limit: int) -> list[tuple[str, HtmlElement]]:
    """The last ``limit`` non-blank texts before ``el`` starts, in document order."""
    found: list[tuple[str, HtmlElement]] = []
    node = el
    while node is not None and len(found) < limit:
        for sib in node.itersiblings(preceding=True):
            pieces = []
            for sub in sib.iter():
                if isinstance(sub.tag, str) and sub.text and sub.text.strip():
                    pieces.append((sub.text, sub))
                if sub is not sib and sub.tail and sub.tail.strip():
                    pieces.append((sub.tail, sub))
            if sib.tail and sib.tail.strip():
                pieces.append((sib.tail, sib))
            found.extend(reversed(pieces))
            if len(found) >= limit:
                break
        parent = node.getparent()
        if parent is not None and parent.text and parent.text.strip() and len(found) < limit:
            found.append((parent.text, parent))
        node = parent
    return list(reversed(found[:limit]))


def _dateline_text(text: str, el: HtmlElement, around: Any = ()) -> str | None:
    """``text`` (held by ``el``) if it may be part of a dateline: in a short element,
    not in a script or a button, not in navigation or a sidebar."""
    if el is None or el.tag in NOT_DATELINE_TAGS or len(el.text_content()) > MAX_DATELINE_CHARS:
        return None
    if not DIGIT_RE.search(text):
        return text  # no date, maybe its label ("Updated", "Published on")
    if _in_site_header(el, around) or not _dateline_place(el):
        return None  # a clock, a related-stories list, a comment
    while el.tag in INLINE_TAGS and el.getparent() is not None:
        el = el.getparent()
    if el.tag in PARAGRAPH_TAGS and len(el.text_content()) > MAX_DATELINE_CHARS:
        return None  # a link or a bold date inside a paragraph of the story
    return text


def _dateline_place(el: HtmlElement) -> bool:
    """Not in nav, footer, comments or lists of other stories (an aside may hold the
    article's own facts box, dates included)."""
    return _outside_chrome(el, DATELINE_EXCLUDED_CONTAINERS, DATELINE_CHROME_XPATH)


def _dates_in(texts: list[str], month_first: bool) -> list[tuple[str, bool, str | None]]:
    """(date, labelled "updated", other reading) for each date in the texts, in order;
    a label may be in the same text or the text just before."""
    found = []
    before = ""
    for text in texts:
        work = text.translate(DIGITS)
        for match in VISIBLE_DATE_RE.finditer(work):
            alt: list[str | None] = []
            date = _match_date(match, month_first, alt)
            if date:
                lead = (before + " " + work[:match.start()])[-40:]
                found.append((date, bool(UPDATED_LABEL_RE.search(lead.strip(" :|·•-—"))),
                              alt[0] if alt else None))
        before = work
    return found


def visible_dates(tree: HtmlElement, headline: HtmlElement | None,
                  month_first: bool = True) -> list[tuple[str, bool, str | None]]:
    """Dates the reader sees in the article's header: the short lines just after (and
    just before) the headline, then elements classed date/time/meta/byline or
    ``<time>`` outside the site's chrome. Each as (``YYYY-MM-DD``, labelled updated,
    the other reading of a numeric date that reads both ways or None)."""
    found: list[tuple[str, bool, str | None]] = []
    if headline is not None:
        texts, size = [], 0
        around = set(headline.iterancestors())
        for count, (piece, holder) in enumerate(_texts_after(headline)):
            if count >= MAX_AFTER_HEADLINE_TEXTS:
                break
            text = _dateline_text(piece, holder, around)
            if text is None:
                continue
            texts.append(text)
            size += len(text)
            if size > MAX_AFTER_HEADLINE_CHARS:
                break
        before = [t for t in (_dateline_text(piece, holder, around)
                              for piece, holder in _texts_before(headline, MAX_BEFORE_HEADLINE_TEXTS))
                  if t is not None]  # document order: the nearest last
        found = _dates_in(texts, month_first) + _dates_in(before[-MAX_BEFORE_HEADLINE:], month_first)
    if found:
        return found
    for el in DATE_CLASS_XPATH(tree)[:MAX_DATE_ELEMENTS]:
        text = el.text_content()
        if (len(text) > MAX_DATELINE_CHARS or not DIGIT_RE.search(text)
                or _in_site_header(el, ()) or not _dateline_place(el)):
            continue
        found += _dates_in([text], month_first)
        if found:
            break
    return found


def _is_site_banner(header: HtmlElement) -> bool:
    """The page's top banner: a header straight under <body>, or one holding the menu."""
    parent = header.getparent()
    return (parent is not None and parent.tag == "body") or header.find(".//nav") is not None


def _in_site_header(el: HtmlElement, around: Any) -> bool:
    """Inside the site's header (a clock or "today" widget lives there), not an
    article's: a header inside an article or main, or one around the headline
    (``around``: the headline's ancestors) and not the page banner, is the article's own."""
    in_header = False
    for anc in el.iterancestors():
        if anc.tag in ("article", "main"):
            return False
        if anc.tag == "header" or "header" in (anc.get("id") or "").lower():
            if anc in around and not _is_site_banner(anc):
                return False
            in_header = True
    return in_header


# ---------------------------------------------------------------- titles

def _element_text(el: HtmlElement | None) -> str | None:
    return None if el is None else _clean(el.text_content())


def _host_labels(url: str | None) -> frozenset[str]:
    """Every word of ``url``'s host name ("blog.rust-lang.org" → blog, rust, lang, org)."""
    host = (urlsplit(url).hostname or "").lower() if url else ""
    return frozenset(HOST_LABEL_SPLIT_RE.split(host)) - {""}


def strip_site_name(title: str, site_names: list[str] | set[str], url: str | None = None) -> str:
    """``title`` without a leading or trailing site-name part ("Headline | Site").

    A part is the site's when it is a known site name, or, short, when it names the
    host: its words are all words of the host name ("Newegg.com", "Rust Blog" on
    blog.rust-lang.org) or it and the host's main label start one another ("Shopify
    App Store" on apps.shopify.com, "Johnson's®" on johnsonsbaby.com).
    """
    parts = TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 3:
        return title
    keys = {phrase_key(n) for n in site_names if n}
    keys |= {k.replace(" ", "") for k in keys}
    keys.discard("")
    host = _host_key(url).split(".")[0] if url else ""
    labels = _host_labels(url)

    def is_site(part: str) -> bool:
        key = phrase_key(part)
        compact = key.replace(" ", "")
        if not key:
            return False
        if key in keys or compact in keys or (host and compact == host):
            return True
        words = key.split()
        if not host or len(words) > MAX_HOST_PART_WORDS:
            return False
        return (all(w in labels for w in words)
                or (len(host) >= MIN_HOST_PREFIX_CHARS and compact.startswith(host))
                or (len(compact) >= MIN_HOST_PREFIX_CHARS and host.startswith(compact)))

    # parts alternates text, separator, text, …
    while len(parts) >= 3 and is_site(parts[-1]):
        parts = parts[:-2]
    while len(parts) >= 3 and is_site(parts[0]):
        parts = parts[2:]
    return "".join(parts).strip()


def _title_remainders(titles: list[str]) -> set[str]:
    """Keys of what one title adds around another ("Blog Name: Headline" next to
    "Headline" → "blog name"): the site's name, written in no metadata field."""
    keys = [k for k in {phrase_key(t) for t in titles} if k]
    found = set()
    for short in keys:
        for long in keys:
            if len(long) > len(short):
                if long.startswith(short + " "):
                    found.add(long[len(short):].strip())
                elif long.endswith(" " + short):
                    found.add(long[:-len(short)].strip())
    return found


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


def _heading_text(el: HtmlElement) -> str | None:
    """A heading's text: line breaks become spaces; dates and icons inside it are skipped."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        skip = tag in HEADING_SKIP_TAGS or "date" in (node.get("class") or "").lower()
        if not skip:
            if tag == "br":
                parts.append(" ")
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not el:
            parts.append(node.tail or "")

    walk(el)
    return _clean("".join(parts))


def _word_set(text: str) -> set[str]:
    return set(phrase_key(text).split())


def _agreement(a: str, b: str) -> float:
    """Dice overlap of the two texts' words (0 … 1)."""
    wa, wb = _word_set(a), _word_set(b)
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


def _choose_title(candidates: list[str | None], headings: list[str], site_names: list[str],
                  url: str | None) -> str | None:
    """The visible headline when the page's title metadata confirms it, else the first
    title from metadata without its site-name part.

    The headline (``<h1>``) is what readers see; og:title and ``<title>`` are often
    an SEO variant of it ("… (2025)" for "… in 2025"). A page may have several h1s
    (logo, section label, headline): the one sharing most words with the metadata
    titles wins, if it shares enough (:data:`HEADLINE_AGREEMENT`).
    """
    stripped = [strip_site_name(c, site_names, url) for c in candidates if c]
    site_keys = {phrase_key(n) for n in site_names if n} | _title_remainders(stripped)
    hosts = {_host_key(url).split(".")[0], _host_key(url).replace(".", "")} if url else set()
    headings = [h for h in headings
                if phrase_key(h) and phrase_key(h) not in site_keys
                and phrase_key(h).replace(" ", "") not in hosts and len(h) <= MAX_TITLE_CHARS]
    if not stripped:
        return headings[0] if headings else None
    best, best_score = None, 0.0
    for heading in headings:
        score = max(_agreement(heading, title) for title in stripped)
        if score > best_score:
            best, best_score = heading, score
    if best is not None and best_score > HEADLINE_AGREEMENT:
        return best
    return stripped[0]


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

    heading_els = [(el, _heading_text(el)) for el in HEADING_XPATH(tree)[:MAX_HEADINGS]]
    # a heading may carry the site name too ("Headline – Site")
    heading_els = [(el, strip_site_name(h, site_names, url)) for el, h in heading_els if h]
    headings = [h for _, h in heading_els]
    title_el = tree.find(".//title")
    title = _choose_title(
        [_clean(ld("headline")), *(_meta(meta, (k,)) for k in TITLE_META), _element_text(title_el)],
        headings, site_names, url,
    )
    headline = next((el for el, h in heading_els if h == title),
                    next((el for el in (e for e, _ in heading_els) if el.tag == "h1"), None))

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
    language = (tree.get("lang") or _meta(meta, ("og:locale",)) or "").lower()
    month_first = language in MONTH_FIRST_LANGUAGES or language.startswith(("en-us", "en_us"))
    published = _choose_published(published, visible_dates(tree, headline, month_first), url)

    organisations: set[str] = set()
    authors = _names(ld("author"), ids, organisations) or _names(ld("creator"), ids, organisations)
    if not authors:
        for key in AUTHOR_META:
            values = [v for v in meta.get(key, ()) if not URL_RE.match(v) and not v.startswith("@")]
            if key in ONE_NAME_PER_VALUE_META:
                authors.extend(_inverted(v) for v in values)
            else:
                authors.extend(n for v in values for n in split_authors(v))
            if authors:
                break
    site_keys = {phrase_key(n) for n in site_names} | (
        {_host_key(url).split(".")[0]} if url else set())
    site_keys.discard("")
    if not authors:
        authors = _labelled_meta_authors(meta)
    if all(phrase_key(a) in organisations or _is_organisation(a, site_keys) for a in authors):
        # no person credited in the markup (none, or only the site / an organisation):
        # the visible byline names the people, or the page's script data; failing
        # that, keep the organisation
        authors = _byline_authors(tree) or _script_authors(tree) or authors

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


def _choose_published(published: str | None, visible: list[tuple[str, bool, str | None]],
                      url: str | None) -> str | None:
    """The publication date: the metadata's, unless the article header shows an earlier
    day and not the metadata's. A page cannot show a date before it was published, so
    then the metadata is wrong: a CMS migration or republication reset it, or its time
    stamp is in UTC, already the next day where it was written (wcxb-dev even pages:
    an earlier day shown is right 7 times in 10; a later one is an update or a date in
    the story, wrong 7 times in 10). One day earlier is the same moment in two time
    zones (when the time stamp is early enough in its UTC day), as good as the metadata's,
    unless the URL's own date agrees with it. More dates than a dateline holds are a table
    or dates in the story: they never override the metadata.
    An "Updated …" date and a numeric date that reads both ways (03/05/2024) only ever
    confirm the metadata; a page without date metadata takes the first clear date."""
    shown = visible[:MAX_SHOWN_DATES]
    if published and any(published[:10] in (d, alt) for d, _, alt in shown):
        return published
    clear = [(d, updated) for d, updated, alt in shown if alt is None]
    if not published:
        return clear[0][0] if clear else None
    plain = [d for d, updated in clear if not updated]
    if len({d for d, _, _ in visible}) > MAX_SHOWN_DATES:
        return published  # a table or a list of dates in the story, not a dateline
    if not plain or plain[0] >= published[:10]:
        return published
    day_before = (datetime.fromisoformat(published[:10]) - timedelta(days=1)).date().isoformat()
    if plain[0] == day_before and _url_date(url) != plain[0] and _may_be_day_before(published):
        return published
    return plain[0]


def _may_be_day_before(published: str) -> bool:
    """Whether the moment ``published`` can fall on the day before in another time zone
    (zones lag UTC by at most ``MAX_ZONE_LAG_HOURS``); a bare date may."""
    if len(published) <= len("YYYY-MM-DD"):
        return True
    moment = datetime.fromisoformat(published)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.hour < MAX_ZONE_LAG_HOURS


def _url_date(url: str | None) -> str | None:
    match = URL_DATE_RE.search(url or "")
    if not match:
        return None
    try:
        return datetime(*(int(g) for g in match.groups())).date().isoformat()
    except ValueError:
        return None


def fallback_date(cleaned_tree: HtmlElement, url: str | None = None) -> str | None:
    """Publication date for a page without date metadata: htmldate on the cleaned tree.

    Only called after the DOM stage, so header clocks and sidebars are gone by then.
    """
    return normalise_date(find_date(cleaned_tree, original_date=True, url=url))
