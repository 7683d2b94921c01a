"""Every record's dates in one form (``scraper.record.dates``): offset and seconds when
the time and its zone are known, the date alone otherwise, and the precision saying which."""

from __future__ import annotations

import pytest

from scraper.record.article import ArticleRecord, record_to_dict
from scraper.record.dates import consistent_date, date_precision


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-05", "2025-03-05"),
        ("2025-03-05T14:30:00+01:00", "2025-03-05T14:30:00+01:00"),
        ("2025-03-05T14:30:00Z", "2025-03-05T14:30:00+00:00"),
        ("2025-10-08T21:33:14.140000+00:00", "2025-10-08T21:33:14+00:00"),
        ("2025-03-05T14:30", "2025-03-05"),  # a time without its zone fixes the day only
        ("2025-03-05T14:30:00", "2025-03-05"),
        ("2025-03-05 junk", "2025-03-05"),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_consistent_date(value, expected):
    assert consistent_date(value) == expected


def test_precision_follows_the_form():
    assert date_precision("2025-03-05") == "day"
    assert date_precision("2025-03-05T14:30:00+01:00") == "second"
    assert date_precision(None) is None


def test_written_record_has_consistent_dates_and_their_precision():
    record = ArticleRecord(url="https://news.example/a", text="Body.",
                           date_published="2025-03-05T14:30:00", date_modified="2025-03-06T08:00:00Z")
    data = record_to_dict(record)
    assert (data["date_published"], data["date_precision"], data["date_modified"]) == (
        "2025-03-05", "day", "2025-03-06T08:00:00+00:00")
    record.date_published = "2025-03-05T14:30:00.5+05:30"
    assert record_to_dict(record)["date_precision"] == "second"
    assert record_to_dict(ArticleRecord(url="u", text="t"))["date_precision"] is None
