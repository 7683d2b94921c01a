"""What a sitemap or feed said about a page (its lead: ``lead_published``,
``lead_title``) fills the record's fields the page left empty, or gave less precisely.

The crawl knows the lead; the page does not. Kept here, beside the fields it fills,
so that the pipeline only hands it over."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from scraper.extract.fields.dates import LEAD, METADATA
from scraper.record.article import ArticleRecord

# How far apart (in calendar days) the page's date and the lead's may be and still be
# the same publication: a day is a time zone's worth (a UTC time stamp and a local
# dateline of one moment); more is another event (a republication, a date the page
# read from a clock, a related story or its script data).
MAX_LEAD_DISAGREEMENT_DAYS = 1
# The one source a disagreeing lead does not override: a field the publisher filled
# for this page's publication time (JSON-LD, meta, itemprop, the article's <time>).
DATE_BEARING_SOURCES = frozenset({METADATA})


def complete_from_lead(record: ArticleRecord, lead: Mapping[str, str],
                       language_hint: str | None) -> ArticleRecord:
    """``record`` (changed in place) with the announced publication time when the page
    has no date or only its day, or a date that disagrees with it and was not read
    from a date-bearing field (:func:`lead_overrides`), ``language_hint`` when no
    language was found, and the announced title when the page has none."""
    announced = lead.get("lead_published")
    if announced and (less_precise_same_day(record.date_published, announced)
                      or lead_overrides(record.date_published, record.date_source, announced)):
        record.date_published = announced
        record.date_source = LEAD
    if not record.language and language_hint:
        record.language = language_hint
    if not record.title:
        record.title = lead.get("lead_title")
    return record


def less_precise_same_day(found: str | None, announced: str) -> bool:
    """Whether the page's own date is missing, or only the day of the announced time.

    A news sitemap or feed gives the publication time; a page without date metadata
    often yields only a day (from its URL or text). The same day with a time is better.
    """
    if not found:
        return True
    return len(found) == 10 and announced.startswith(found) and len(announced) > 10


def lead_overrides(found: str | None, source: str | None, announced: str) -> bool:
    """Whether the announced time replaces the page's own date: they are more than
    ``MAX_LEAD_DISAGREEMENT_DAYS`` apart and the page's date was not read from a
    date-bearing field (a dateline, script data, htmldate's guess or the URL are
    weaker than the publication time a sitemap or feed states for this URL)."""
    if not found or source in DATE_BEARING_SOURCES:
        return False
    page_day, lead_day = _day(found), _day(announced)
    if page_day is None or lead_day is None:
        return lead_day is not None
    return abs((page_day - lead_day).days) > MAX_LEAD_DISAGREEMENT_DAYS


def _day(value: str) -> date | None:
    """The calendar day an ISO 8601 date or time names, as written (its own zone)."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
