"""The export's column table: every record field, typed; dates also as UTC timestamps."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from scraper.dataset.columns import COLUMNS, InvalidRecord, _kind_of, to_row
from scraper.dataset.selection import latest_versions, parse_since
from scraper.record.article import ArticleRecord, record_to_dict


def test_every_record_field_is_a_column_in_declaration_order():
    names = [c.name for c in COLUMNS]
    fields = [f.name for f in dataclasses.fields(ArticleRecord)]
    assert names[: len(fields)] == fields
    assert names[len(fields):] == ["date_published_utc", "date_modified_utc", "fetched_at_utc"]


def test_kinds_follow_the_annotations():
    kinds = {c.name: c.kind for c in COLUMNS}
    assert kinds["authors"] == kinds["tags"] == kinds["page_signals"] == "list"
    assert kinds["paywalled"] == "boolean"
    assert kinds["version"] == "integer"
    assert kinds["title"] == kinds["url"] == "string"
    assert kinds["fetched_at_utc"] == "timestamp"
    assert _kind_of(dict[str, int]) == "json"  # a future field of a new type is still exported


def test_a_day_precision_date_is_midnight_utc_and_offsets_are_converted():
    record = record_to_dict(ArticleRecord(
        url="https://a.test/x", date_published="2025-03-05", date_modified="2025-03-06T14:30:00+01:00",
        fetched_at="2025-03-07T10:00:00+00:00"))
    row = to_row(record)
    assert row["date_precision"] == "day"
    assert row["date_published"] == "2025-03-05"
    assert row["date_published_utc"] == datetime(2025, 3, 5, tzinfo=UTC)
    assert row["date_modified_utc"] == datetime(2025, 3, 6, 13, 30, tzinfo=UTC)
    assert row["fetched_at_utc"] == datetime(2025, 3, 7, 10, tzinfo=UTC)


def test_missing_fields_are_null_or_empty_and_wrong_types_are_invalid():
    row = to_row({"url": "https://a.test/x"})
    assert row["authors"] == [] and row["title"] is None and row["fetched_at_utc"] is None
    assert to_row({"url": "u", "date_published": "yesterday"})["date_published_utc"] is None
    for bad in ({"version": "2"}, {"paywalled": "no"}, {"authors": "Ann"}, {"version": True}):
        with pytest.raises(InvalidRecord):
            to_row({"url": "https://a.test/x", **bad})


def test_since_takes_dates_and_date_times():
    assert parse_since("2026-12-01") == datetime(2026, 12, 1, tzinfo=UTC)
    assert parse_since("2026-12-01T08:00:00+01:00") == datetime(2026, 12, 1, 7, tzinfo=UTC)
    assert parse_since("2026-12-01T08:00:00") == datetime(2026, 12, 1, 8, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_since("last week")


def test_latest_prefers_the_highest_version_then_the_latest_fetch():
    def row(version, fetched, article_id="a" * 16, url="https://a.test/1"):
        return to_row({"url": url, "article_id": article_id, "version": version, "fetched_at": fetched})

    rows = [row(1, "2026-01-01T00:00:00+00:00"), row(2, "2026-01-02T00:00:00+00:00"),
            row(2, "2026-01-03T00:00:00+00:00"), row(1, "2026-01-09T00:00:00+00:00"),
            row(1, "2026-01-01T00:00:00+00:00", article_id=None, url="https://a.test/2"),
            row(1, "2026-01-05T00:00:00+00:00", article_id=None, url="https://a.test/2")]
    latest = latest_versions(rows)
    assert [(r["article_id"], r["version"], r["fetched_at"][:10]) for r in latest] == [
        ("a" * 16, 2, "2026-01-03"), (None, 1, "2026-01-05")]
