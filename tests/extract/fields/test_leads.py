"""What a sitemap or feed announced (``scraper.extract.fields.leads``) fills the record's
empty or less precise fields, and never overrides what the page says."""

from __future__ import annotations

from scraper.extract.fields.leads import complete_from_lead, lead_overrides, less_precise_same_day
from scraper.record.article import ArticleRecord


def _record(**fields: object) -> ArticleRecord:
    return ArticleRecord(url="https://news.example/story", text="Body.", **fields)


def test_announced_time_fills_a_page_without_a_date_or_with_its_day_only():
    lead = {"lead_published": "2024-05-06T08:30:00+02:00"}
    assert complete_from_lead(_record(), lead, None).date_published == lead["lead_published"]
    day = _record(date_published="2024-05-06")
    assert complete_from_lead(day, lead, None).date_published == lead["lead_published"]


def test_the_page_date_stays_when_it_is_precise_or_another_day():
    lead = {"lead_published": "2024-05-06T08:30:00+02:00"}
    precise = _record(date_published="2024-05-06T09:00:00+02:00")
    assert complete_from_lead(precise, lead, None).date_published == "2024-05-06T09:00:00+02:00"
    other_day = _record(date_published="2024-05-05")
    assert complete_from_lead(other_day, lead, None).date_published == "2024-05-05"
    assert not less_precise_same_day("2024-05-06", "2024-05-06")


def test_language_hint_and_announced_title_fill_only_empty_fields():
    lead = {"lead_title": "Announced title"}
    filled = complete_from_lead(_record(), lead, "ar")
    assert (filled.language, filled.title) == ("ar", "Announced title")
    kept = complete_from_lead(_record(language="en", title="Page title"), lead, "ar")
    assert (kept.language, kept.title) == ("en", "Page title")


# --- a lead that disagrees with the page by more than a day ---------------------------

def test_a_disagreeing_lead_overrides_a_date_not_read_from_a_date_field():
    lead = {"lead_published": "2024-05-06T08:30:00+02:00"}
    for source in ("dateline", "htmldate", "url", "script"):
        record = complete_from_lead(_record(date_published="2024-03-01", date_source=source), lead, None)
        assert (record.date_published, record.date_source) == (lead["lead_published"], "lead")


def test_a_disagreeing_lead_leaves_a_metadata_date():
    lead = {"lead_published": "2024-05-06T08:30:00+02:00"}
    record = complete_from_lead(_record(date_published="2024-03-01T10:00:00+00:00",
                                        date_source="metadata"), lead, None)
    assert (record.date_published, record.date_source) == ("2024-03-01T10:00:00+00:00", "metadata")


def test_a_lead_a_day_apart_is_the_same_publication():
    lead = {"lead_published": "2024-05-06T00:30:00+02:00"}
    record = complete_from_lead(_record(date_published="2024-05-05", date_source="dateline"), lead, None)
    assert (record.date_published, record.date_source) == ("2024-05-05", "dateline")
    assert not lead_overrides("2024-05-07T01:00:00+00:00", "htmldate", lead["lead_published"])
    assert lead_overrides("2024-05-08", "htmldate", lead["lead_published"])
    assert not lead_overrides("2024-05-08", "htmldate", "not a date")
