"""The record's dates: publication and modification, from the page's metadata
(JSON-LD, meta, itemprop, ``<time>`` in the article, script state), checked against
the dateline the reader sees (:func:`choose_published`); for a page without any,
htmldate on the cleaned tree (:func:`fallback_date`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.fields.date_parsing import epoch_date, field_date, normalise_date
from scraper.extract.fields.visible_dates import stated_original_date, visible_dates
from scraper.extract.sources.markup import first_of, meta_value
from scraper.extract.sources.page_sources import PageSources

# <time> elements that belong to the article, never to the site header or nav.
ARTICLE_TIME_XPATH = XPath(
    "/descendant::time[@datetime][ancestor::article or ancestor::main or ancestor::*[@role='main']"
    " or contains(@class, 'publish') or contains(@class, 'entry-date') or @pubdate]"
    "[not(ancestor::nav or ancestor::aside"
    " or ancestor::header[not(ancestor::article or ancestor::main)])]"
)
# Meta keys, in order of trust.
PUBLISHED_META = ("article:published_time", "og:article:published_time", "og:published_time",
                  "datepublished", "article.published", "published_time", "publishdate",
                  "publish-date", "pubdate", "parsely-pub-date", "sailthru.date",
                  "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created",
                  "dc.date.created", "date", "og:pubdate", "pdate")
MODIFIED_META = ("article:modified_time", "og:article:modified_time", "og:updated_time",
                 "datemodified", "article.updated", "last-modified", "dc.date.modified",
                 "dcterms.modified", "revised")
# Languages whose numeric dates are month first (03/05/2024 is March 5).
MONTH_FIRST_LANGUAGES = ("en-us", "en_us", "en")
# How many of the dates shown in the article header are weighed against the metadata's
# (a published / updated pair; more is a table or a list of dates in the story).
MAX_SHOWN_DATES = 4
# The furthest a time zone lags UTC (UTC-12): a time stamp later in its UTC day than this
# is the same day everywhere, or the next, never the day before.
MAX_ZONE_LAG_HOURS = 12
# Keys that name the publication time in a page's script state (a framework's page
# data: "publishedAt": 1598815384, "datePublished": "2020-08-30T19:23:04Z"), the value
# a Unix time stamp (10 or 13 digits) or a quoted string; case-insensitive.
SCRIPT_PUBLISHED_KEYS = ("datePublished", "date_published", "publishedAt", "published_at",
                         "publishedDate", "published_date", "publishDate", "publish_date",
                         "publishedTime", "published_time", "publishTime", "publish_time",
                         "pubDate", "pub_date", "firstPublished", "first_published",
                         "firstPublishedAt", "first_published_at")
SCRIPT_PUBLISHED_RE = re.compile(
    r"[\"']({})[\"']?\s*[:=]\s*(?:(?P<n>\d{{13}}|\d{{10}})(?:\.\d+)?(?![\d.])"
    r"|[\"'](?P<s>[^\"'\n]{{8,40}})[\"'])".format("|".join(SCRIPT_PUBLISHED_KEYS)),
    re.IGNORECASE)
# Scripts that may hold page data (inline, not JSON-LD, read separately), and how much
# of their text is searched: the page's own data comes early, a large bundle is code.
SCRIPT_STATE_XPATH = XPath("/descendant::script[not(@src)][not(contains(@type, 'ld+json'))]")
MAX_STATE_SCRIPTS = 40
MAX_STATE_CHARS = 500_000
# "/2024/03/05/" or "/2024-03-05-" in a URL.
URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:[/-]|$)")


def page_dates(sources: PageSources, headline: HtmlElement | None) -> tuple[str | None, str | None]:
    """(published, modified) from the page's metadata, the publication date checked
    against the dateline around ``headline`` (:func:`choose_published`)."""
    tree, meta, url = sources.tree, sources.meta, sources.url
    ld = sources.ld
    published = first_of([
        field_date(ld("datePublished")),
        *(field_date(meta_value(meta, (k,))) for k in PUBLISHED_META),
        field_date(ld("dateCreated")),
        element_date(sources.itemprop("datePublished")),
        element_date(ARTICLE_TIME_XPATH(tree)[:1]),
    ]) or script_published_date(tree)
    modified = first_of([
        field_date(ld("dateModified")),
        *(field_date(meta_value(meta, (k,))) for k in MODIFIED_META),
        element_date(sources.itemprop("dateModified")),
    ])
    language = (tree.get("lang") or meta_value(meta, ("og:locale",)) or "").lower()
    month_first = language in MONTH_FIRST_LANGUAGES or language.startswith(("en-us", "en_us"))
    published = choose_published(published, visible_dates(tree, headline, month_first), url,
                                 lambda: stated_original_date(tree, month_first))
    return published, modified


def element_date(elements: list[HtmlElement]) -> str | None:
    """The first date of elements that name a date (``itemprop="datePublished"``,
    ``<time datetime>``): their machine attribute (a time stamp too), else their text."""
    for el in elements:
        value = el.get("content") or el.get("datetime")
        date = field_date(value) if value else normalise_date(el.text_content())
        if date:
            return date
    return None


def choose_published(published: str | None, visible: list[tuple[str, bool, str | None]],
                      url: str | None,
                      stated: Callable[[], str | None] | None = None) -> str | None:
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
    confirm the metadata; a page without date metadata takes the first clear date.
    A date the page states as the original publication ("Originally published on …",
    ``stated``, looked up only then) fills a page without date metadata and settles
    a header that disagrees with the metadata."""
    shown = visible[:MAX_SHOWN_DATES]
    if published and any(published[:10] in (d, alt) for d, updated, alt in shown if not updated):
        return published  # (shown as the "Updated" date, it is the modification's)
    clear = [(d, updated) for d, updated, alt in shown if alt is None]
    if not published:
        return (stated() if stated else None) or (clear[0][0] if clear else None)
    plain = [d for d, updated in clear if not updated]
    if len({d for d, _, _ in visible}) > MAX_SHOWN_DATES:
        return published  # a table or a list of dates in the story, not a dateline
    if not plain or plain[0] >= published[:10]:
        return published
    day_before = (datetime.fromisoformat(published[:10]) - timedelta(days=1)).date().isoformat()
    if plain[0] == day_before and _url_date(url) != plain[0] and _may_be_day_before(published):
        return published
    original = stated() if stated else None
    if original:
        return published if published[:10] == original else original
    return plain[0]


def _may_be_day_before(published: str) -> bool:
    """Whether the moment ``published`` can fall on the day before in another time zone
    (zones lag UTC by at most ``MAX_ZONE_LAG_HOURS``); a bare date may."""
    if len(published) <= len("YYYY-MM-DD"):
        return True
    moment = datetime.fromisoformat(published)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.hour < MAX_ZONE_LAG_HOURS


def _url_date(url: str | None) -> str | None:
    match = URL_DATE_RE.search(url or "")
    if not match:
        return None
    try:
        return datetime(*(int(g) for g in match.groups())).date().isoformat()
    except ValueError:
        return None


def script_published_date(tree: HtmlElement) -> str | None:
    """The publication time a page's script state gives under a key that names it
    (``"publishedAt": 1598815384``, ``"datePublished": "2020-08-30"``), for a page
    without date metadata. Several such keys naming different days list several
    stories (a feed, related articles): then none is the article's."""
    days: dict[str, str] = {}
    scanned = 0
    for script in SCRIPT_STATE_XPATH(tree)[:MAX_STATE_SCRIPTS]:
        text = (script.text or "")[:MAX_STATE_CHARS - scanned]
        scanned += len(text)
        for match in SCRIPT_PUBLISHED_RE.finditer(text):
            number, string = match.group("n"), match.group("s")
            date = epoch_date(number) if number else field_date(string)
            if date:
                days.setdefault(date[:10], date)
                if len(days) > 1:
                    return None
        if scanned >= MAX_STATE_CHARS:
            break
    return next(iter(days.values()), None)


def record_date(published: str | None, cleaned_tree: HtmlElement,
                url: str | None = None) -> tuple[str | None, str | None]:
    """The record's ``(date_published, date_source)``: the metadata's date when the page
    has one, else htmldate's on the cleaned tree (:func:`fallback_date`)."""
    if published:
        return published, "metadata"
    found = fallback_date(cleaned_tree, url)
    return (found, "htmldate") if found else (None, None)


def fallback_date(cleaned_tree: HtmlElement, url: str | None = None) -> str | None:
    """Publication date for a page without date metadata: htmldate on the cleaned tree.

    Only called after the pre-clean, so header clocks and sidebars are gone by then.
    """
    return normalise_date(find_date(cleaned_tree, original_date=True, url=url))
