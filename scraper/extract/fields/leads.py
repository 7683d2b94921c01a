"""What a sitemap or feed said about a page (its lead: ``lead_published``,
``lead_title``) fills the record's fields the page left empty, or gave less precisely.

The crawl knows the lead; the page does not. Kept here, beside the fields it fills,
so that the pipeline only hands it over."""

from __future__ import annotations

from collections.abc import Mapping

from scraper.record.article import ArticleRecord


def complete_from_lead(record: ArticleRecord, lead: Mapping[str, str],
                       language_hint: str | None) -> ArticleRecord:
    """``record`` (changed in place) with the announced publication time when the page
    has no date or only its day, ``language_hint`` when no language was found, and the
    announced title when the page has none."""
    announced = lead.get("lead_published")
    if announced and less_precise_same_day(record.date_published, announced):
        record.date_published = announced
        record.date_source = "lead"
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
