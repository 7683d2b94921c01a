"""One form for every date a record holds, so that a reader never has to guess.

A date is written in ISO 8601 with its UTC offset when the time of day and its zone are
known (``2025-03-05T14:30:00+01:00``, to the second), and as the date alone otherwise
(``2025-03-05``); ``date_precision`` says which. A time without a zone (``14:30`` on a
page that names none) fixes only the day: writing it with an offset would be a guess,
and writing it without one would give readers two forms of "second" to parse.
"""

from __future__ import annotations

from datetime import date, datetime

DAY = "day"
SECOND = "second"
DATE_ONLY_CHARS = len("YYYY-MM-DD")


def consistent_date(value: str | None) -> str | None:
    """``value`` (an ISO 8601 date or date-time) in the record's one form, or None
    when it is not a date at all."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == DATE_ONLY_CHARS:
            return date.fromisoformat(text).isoformat()
        moment = datetime.fromisoformat(text)
    except ValueError:
        return _leading_day(text)
    if moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


def _leading_day(text: str) -> str | None:
    """The ``YYYY-MM-DD`` a malformed date-time starts with, if any."""
    try:
        return date.fromisoformat(text[:DATE_ONLY_CHARS]).isoformat()
    except ValueError:
        return None


def date_precision(value: str | None) -> str | None:
    """``"second"`` for a :func:`consistent_date` with a time, ``"day"`` for a date
    alone, None without a date."""
    if not value:
        return None
    return SECOND if len(value) > DATE_ONLY_CHARS else DAY
