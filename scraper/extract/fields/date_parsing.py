"""Reading one date: a machine value (ISO 8601, RFC 2822, compact, a Unix time stamp
in a field named for one) or a date written for people in any of the project's
languages and calendars ("March 5, 2024", "5 mars 2024", "٥ مارس ٢٠٢٤", "2024年3月5日",
"۱۴ اسفند ۱۴۰۲"), as ISO 8601."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from scraper.extract.sources.markup import clean
from scraper.extract.vocab.match import JALALI_NUMBER, MONTH_NUMBER

ISO_DATE_RE = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
COMPACT_DATE_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$")
MIN_YEAR, MAX_YEAR = 1990, 2100
# A Unix time stamp: 10 digits of seconds (2001-2286) or 13 of milliseconds, maybe with
# a fraction ("1738174207.78"); a date only in a field named for one (see field_date).
EPOCH_RE = re.compile(r"^\s*(\d{10}|\d{13})(?:\.\d+)?\s*$")
EPOCH_MS_DIGITS = 13
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
# Numeric dates written with dots on a page whose language writes the day first
# (05.03.2024 is 5 March in German, Russian, Turkish …; slashes and dashes are also
# written month first, by English writers abroad) read only one way: such a dateline
# may override the metadata (htmldate-dev and traf-dev even halves: 5 German pages
# right, none wrong; wcxb-dev unchanged).
DAY_FIRST_SEPARATORS = frozenset({"."})
# Every date VISIBLE_DATE_RE matches holds a year written so: a text without one is not
# searched with the long regex (most dateline texts are labels, names and counts).
YEAR_RE = re.compile(r"(?:1[34]|19|20)\d\d")
# A machine date field written for people is short ("Wednesday, 5 March 2024, 10:02 CET");
# a longer value is a sentence, not a date.
MAX_WRITTEN_DATE_CHARS = 60


def normalise_date(value: str | None) -> str | None:
    """ISO 8601 form of a date string: ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS±HH:MM``
    (the offset only when the source gives one). None when it is not a plausible date."""
    value = clean(value)
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
            dt = None
        if dt is None:
            return written_date(value)
    if not MIN_YEAR <= dt.year <= MAX_YEAR:
        return None
    return dt.isoformat()


def field_date(value: Any) -> str | None:
    """:func:`normalise_date` for a field whose name says it holds the publication or
    modification time (JSON-LD ``datePublished``, ``article:published_time``,
    ``itemprop="datePublished"``): there a Unix time stamp (a JSON number, or its
    digits: 10 for seconds, 13 for milliseconds) is that time too. Only the field's name
    makes a number a date, so bare numbers elsewhere are never read."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = EPOCH_RE.match(value)
    return epoch_date(match.group(1)) if match else normalise_date(value)


def epoch_date(digits: str) -> str | None:
    """The UTC time of a Unix time stamp in seconds or milliseconds (the digits of
    :data:`EPOCH_RE`); None outside the plausible years or in the future."""
    seconds = int(digits) / (1000 if len(digits) == EPOCH_MS_DIGITS else 1)
    try:
        moment = datetime.fromtimestamp(int(seconds), UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if not MIN_YEAR <= moment.year or moment > datetime.now(UTC) + timedelta(days=1):
        return None
    return moment.isoformat()


def _parse_offset(offset: str | None) -> timezone | None:
    if not offset:
        return None
    if offset == "Z":
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def date_matches(text: str) -> Iterator[re.Match]:
    """:data:`VISIBLE_DATE_RE`'s matches in ``text``, left to right."""
    return VISIBLE_DATE_RE.finditer(text) if YEAR_RE.search(text) else iter(())


def written_date(value: str) -> str | None:
    """A date written for people in a machine field (``<meta name="date"
    content="March 27, 2025">``, a JSON-LD "5 mars 2024"): read as the visible date it
    is, when the whole short value is that date and reads only one way (03/05/2024
    does not: the field carries no language)."""
    if len(value) > MAX_WRITTEN_DATE_CHARS:
        return None
    match = next(date_matches(value.translate(DIGITS)), None)
    if not match:
        return None
    alt: list[str | None] = []
    date = match_date(match, True, alt)
    return None if alt else date


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
    for match in date_matches(text.translate(DIGITS)):
        date = match_date(match, month_first)
        if date:
            return date
    return None


def match_date(match: re.Match, month_first: bool, alt: list | None = None) -> str | None:
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
        # dotted, outside month-first English: day first as written, one reading only
        one_way = not month_first and g["s5"] in DAY_FIRST_SEPARATORS
        month_first = month_first and a <= 12 or b > 12
        month, day = (a, b) if month_first else (b, a)
        if a <= 12 and b <= 12 and a != b and not one_way and alt is not None:
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
