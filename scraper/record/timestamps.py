"""Comparing the dates that sitemaps and feeds give, whatever their ISO 8601 flavour."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_datetime(value: str | None) -> datetime | None:
    """An aware datetime (UTC when no offset is given), or None when unparseable."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def is_later(new: str | None, old: str | None) -> bool:
    """Whether date ``new`` is after ``old``: a sitemap or feed says the page changed.

    No new date says nothing; a new date where none was known, or one that cannot be
    compared but differs, counts as a change (refetching once is cheaper than missing
    an update).
    """
    if not new:
        return False
    if not old:
        return True
    new_dt, old_dt = parse_datetime(new), parse_datetime(old)
    if new_dt is None or old_dt is None:
        return new.strip() != old.strip()
    return new_dt > old_dt


def parse_http_date(value: str) -> datetime | None:
    """An HTTP date (``Wed, 21 Oct 2015 07:28:00 GMT``) as an aware datetime, or None."""
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
