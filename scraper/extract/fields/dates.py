"""The record's dates: publication and modification, from the page's metadata
(JSON-LD, meta, itemprop, ``<time>`` in the article, script state), checked against
the dateline the reader sees (:func:`choose_published`); for a page without any,
htmldate on the cleaned tree (:func:`fallback_date`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
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
# The month and day htmldate gives a date it knows only the year of (see fallback_date).
YEAR_ONLY_DAY = "01-01"
# The furthest a time zone lags UTC (UTC-12): a time stamp later in its UTC day than this
# is the same day everywhere, or the next, never the day before.
MAX_ZONE_LAG_HOURS = 12
# The furthest a time zone leads UTC (UTC+14): a time stamp earlier in its UTC day than
# 24 minus this is the same day everywhere, or the day before, never the next.
MAX_ZONE_LEAD_HOURS = 14
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
# Attributes that hold the address of something else than the page (a namespace, a
# script, a style sheet, an image, a frame, an RDF resource): their dates are never
# the article's. Prefixes: every namespace declaration and ``data-src``-like lazy
# loading. ``<a href>`` and the canonical ``<link>`` are the page's own links, kept.
FOREIGN_URL_ATTRIBUTES = frozenset({"src", "srcset", "href", "xlink:href", "poster", "data",
                                    "about", "resource", "rdf:about", "rdf:resource", "profile",
                                    "background"})
FOREIGN_URL_ATTRIBUTE_PREFIXES = ("xmlns", "data-")
OWN_LINK_TAGS = frozenset({"a"})
# Elements that may carry such addresses; ``<meta property="og:image">`` is dropped
# whole (htmldate reads a date from the image's path).
FOREIGN_URL_XPATH = XPath(
    "//*[@*[starts-with(name(), 'xmlns')] or @xmlns]"
    " | //script | //link[not(@rel='canonical')] | //style | //img | //source | //picture"
    " | //iframe | //video | //audio | //object | //embed | //use | //image | //input"
    " | //*[@about or @resource or @data-src or @srcset or @background]"
    " | //meta[@property='og:image' or @name='og:image']"
)
# Where the record's publication date came from (``ArticleRecord.date_source``).
METADATA, SCRIPT, DATELINE, HTMLDATE, URL, LEAD = (
    "metadata", "script", "dateline", "htmldate", "url", "lead")
# "/2024/03/05/" or "/2024-03-05-" in a URL.
# The most days a page date may fall after its URL's date and still be the publication
# date (a draft published days after its slug was made); later, it is an update or a
# stale field.
MAX_URL_DATE_LAG_DAYS = 7
URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:[/-]|$)")


def page_dates(sources: PageSources,
               headline: HtmlElement | None) -> tuple[str | None, str | None, str | None]:
    """(published, modified, where the published date came from) from the page's
    metadata, the publication date checked against the dateline around ``headline``
    (:func:`choose_published`) and the URL's own date (:func:`url_checked`). The source
    is one of ``ArticleRecord.date_source``'s values, None without a date."""
    tree, meta, url = sources.tree, sources.meta, sources.url
    ld = sources.ld
    head, markup = published_candidates(sources)
    published = first_of([*head, *markup])
    source = METADATA if published else SCRIPT
    published = published or script_published_date(tree)
    modified = first_of([
        field_date(ld("dateModified")),
        *(field_date(meta_value(meta, (k,))) for k in MODIFIED_META),
        element_date(sources.itemprop("dateModified")),
    ])
    language = (tree.get("lang") or meta_value(meta, ("og:locale",)) or "").lower()
    month_first = language in MONTH_FIRST_LANGUAGES or language.startswith(("en-us", "en_us"))
    shown = visible_dates(tree, headline, month_first)
    published = shown_candidate(head, shown) or published
    chosen = choose_published(published, shown, url, lambda: stated_original_date(tree, month_first))
    if chosen != published:
        source = DATELINE  # the header's date, or the one the page states as the original
    chosen, source = url_checked(chosen, source, url)
    return chosen, modified, source if chosen else None


def published_candidates(sources: PageSources) -> tuple[list[str], list[str]]:
    """The publication dates the page's date-bearing fields give, in order of trust:
    those of its head (JSON-LD, meta), one per day, and those of its markup (itemprop,
    the article's ``<time>``)."""
    ld, meta, tree = sources.ld, sources.meta, sources.tree
    head = [
        field_date(ld("datePublished")),
        *(field_date(meta_value(meta, (k,))) for k in PUBLISHED_META),
        field_date(ld("dateCreated")),
    ]
    days: dict[str, str] = {}
    for date in head:
        if date:
            days.setdefault(date[:10], date)
    markup = [element_date(sources.itemprop("datePublished")),
              element_date(ARTICLE_TIME_XPATH(tree)[:1])]
    return list(days.values()), [date for date in markup if date]


def shown_candidate(head: list[str], visible: list[tuple[str, bool, str | None]]) -> str | None:
    """The most trusted of the head's publication dates that the article header shows
    (not as its "Updated" date), when the head's fields disagree. Fields of one page
    that name different days are a stale copy (a CMS migration, a syndicated original)
    or one time in UTC and one in local time: the day the reader sees decides, as the
    day the publisher states. (The markup's own dates, itemprop and ``<time>``, are
    what the reader sees: they confirm nothing.)"""
    if len(head) < 2:
        return None
    shown = {day for date, updated, alt in visible[:MAX_SHOWN_DATES] if not updated
             for day in (date, alt) if day}
    return next((date for date in head if date[:10] in shown), None)


def url_checked(published: str | None, source: str | None,
                url: str | None) -> tuple[str | None, str | None]:
    """``(published, source)``, or the URL's own date when the page gives a day
    before it. A CMS writes the day into the address when the story is first
    saved, so the story is published on that day or later: a page date before it is a
    UTC time stamp of the evening before or a stale field (htmldate-dev: 1 page right
    on the even half, 3 on the odd; traf-dev: 1 and 2; none wrong; wcxb-dev: never
    fires). A page date up to MAX_URL_DATE_LAG_DAYS later is kept: a draft is published
    after its slug was made (3 pages a day after the URL's date, right); one much later
    is an update or a stale field (1 page two years after, in htmldate-dev and traf-dev:
    the URL's date is right)."""
    url_day = _url_date(url)
    if url_day is None or published is None:
        return published, source
    lag = (datetime.fromisoformat(published[:10]) - datetime.fromisoformat(url_day)).days
    if 0 <= lag <= MAX_URL_DATE_LAG_DAYS:
        return published, source
    return url_day, URL


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
    the story, wrong 7 times in 10, unless it is the next day and the time stamp can
    fall on it in another zone: the local day of the same moment, see
    :func:`_may_be_day_after`). One day earlier is the same moment in two time
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
    if not plain:
        return published
    if plain[0] == _next_day(published) and _may_be_day_after(published):
        return plain[0]  # the same moment, on the day where the reader is told it
    if plain[0] >= published[:10]:
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
    (zones lag UTC by at most ``MAX_ZONE_LAG_HOURS``). A bare date is no moment: the
    day shown before it is the publisher's word against a field's, and the shown one
    wins (htmldate-dev and traf-dev: 1 page right, none wrong; wcxb-dev: unchanged)."""
    return _has_time(published) and _utc_hour(published) < MAX_ZONE_LAG_HOURS


def _may_be_day_after(published: str) -> bool:
    """Whether the moment ``published`` can fall on the next day in another time zone
    (zones lead UTC by at most ``MAX_ZONE_LEAD_HOURS``); a bare date may. A day shown
    one after the metadata's is then the local day of the same moment (a time stamp
    of 23:00 UTC is midnight in Berlin), which the reader is told: htmldate-dev 3 pages
    right, traf-dev 2 (the sets share pages), wcxb-dev 1 wrong (its gold takes the UTC
    day of a page that shows the next as "Published")."""
    return not _has_time(published) or _utc_hour(published) >= 24 - MAX_ZONE_LEAD_HOURS


def _has_time(date: str) -> bool:
    return len(date) > len("YYYY-MM-DD")


def _utc_hour(moment: str) -> int:
    """The hour of a time stamp, in UTC when it names its zone (else as written)."""
    parsed = datetime.fromisoformat(moment)
    return (parsed.astimezone(UTC) if parsed.tzinfo is not None else parsed).hour


def _next_day(date: str) -> str:
    return (datetime.fromisoformat(date[:10]) + timedelta(days=1)).date().isoformat()


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


def record_date(published: str | None, cleaned_tree: HtmlElement, url: str | None = None,
                source: str | None = METADATA,
                page_tree: Callable[[], HtmlElement | None] | None = None) -> tuple[str | None, str | None]:
    """The record's ``(date_published, date_source)``: the page's date and where
    :func:`page_dates` found it (``source``) when it has one, else the URL's date
    (what htmldate would take first, without its search), else htmldate's on the
    cleaned tree (:func:`fallback_date`; ``page_tree`` gives the page as fetched)."""
    if published:
        return published, source or METADATA
    if url_day := _url_date(url):
        return url_day, URL
    found = fallback_date(cleaned_tree, url, page_tree)
    return (found, HTMLDATE) if found else (None, None)


def fallback_date(cleaned_tree: HtmlElement, url: str | None = None,
                  page_tree: Callable[[], HtmlElement | None] | None = None) -> str | None:
    """Publication date for a page without date metadata: htmldate on the cleaned tree,
    the addresses of other things taken out first (:func:`without_foreign_urls`).

    Only called after the pre-clean, so header clocks and sidebars are gone by then.
    A first of January there is htmldate settling for a year (a copyright line), the
    day having gone with the pre-clean (a dateline in the page's header): then the date
    htmldate finds in ``page_tree()``, the page as fetched, is taken when it names a day.
    A year alone is no date: None, so that a sitemap's or feed's date can fill in. (Such
    a first of January was wrong on all 7 pages where htmldate gave one, over wcxb-dev,
    traf-dev and htmldate-dev, and its year on 6 of them: a copyright line's year.)
    """
    found = _htmldate(cleaned_tree, url)
    if not _year_only(found):
        return found
    tree = page_tree() if page_tree is not None else None  # parsed again only here
    fetched = _htmldate(tree, url) if tree is not None else None
    return fetched if fetched is not None and not _year_only(fetched) else None


def _year_only(date: str | None) -> bool:
    return date is not None and date[5:10] == YEAR_ONLY_DAY


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    return normalise_date(find_date(without_foreign_urls(tree), original_date=True, url=url))


def without_foreign_urls(tree: HtmlElement) -> HtmlElement:
    """A copy of ``tree`` without the addresses of anything but the page and its links:
    namespaces (``xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"``, Dublin Core,
    RDF), scripts, style sheets, images and frames. A date in such an address
    (``/static/2019/05/app.js``, an upload folder) is that file's, never the article's,
    yet htmldate's search of the page's source reads every attribute."""
    copy = deepcopy(tree)
    for el in FOREIGN_URL_XPATH(copy):
        if el.tag == "meta":
            el.drop_tree()
            continue
        for name in [n for n in el.attrib if n.startswith(FOREIGN_URL_ATTRIBUTE_PREFIXES)
                     or (n in FOREIGN_URL_ATTRIBUTES and el.tag not in OWN_LINK_TAGS)]:
            del el.attrib[name]
    return copy
