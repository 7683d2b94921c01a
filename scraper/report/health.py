"""Extraction health: per-site, per-day fill rates, and alarms when a site's fall.

A site's template change rarely breaks a crawl: pages are still fetched and records
still written, but the byline or the date is no longer found. Nothing fails, so the
only trace is in the records: the share of a site's records with a date, authors or a
title, and their body length. Each site is compared with itself, because sites differ
(many never name authors): an alarm is raised when a field's fill rate over the site's
last :data:`RECENT_DAYS` days with records is well below its usual level, the median of
its earlier days' rates (body length: the recent median length against the usual one).

The day of a record is the UTC day it was fetched (``fetched_at``), else the day in its
file's name: a template change shows on the day the crawl met it, whatever the article's
publication date.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scraper.dataset.columns import parse_utc
from scraper.dataset.reading import DatasetError, ReadResult, iter_files, record_files

__all__ = [
    "BODY", "FILL_FIELDS", "HISTORY_DAYS", "MIN_BASELINE_DAYS", "MIN_RECENT_RECORDS", "MIN_USUAL_RATE",
    "RECENT_DAYS", "Alarm", "DayStats", "alarms", "daily_stats", "format_alarms", "health_lines",
    "record_day", "stats_of",
]

RECENT_DAYS = 2
"""The recent window: a site's last days with records (not calendar days: a site
crawled weekly is judged on its last two crawls' days)."""
MIN_BASELINE_DAYS = 3
"""Earlier days with records a site needs before it can be judged: a new site has no
usual level yet."""
MIN_RECENT_RECORDS = 5
"""Records the recent window needs, so that one odd article raises nothing."""
MIN_USUAL_RATE = 0.3
"""A field filled less often than this usually is not one the site reliably has."""
FALL_RATIO = 0.5
"""Alarm when the recent rate (or median body length) is below this share of the usual one."""
MIN_FALL = 0.25
"""... and at least this much lower in absolute terms (a fill rate of 40 % falling to 19 %
is noise on a small site; 95 % to 10 % is not)."""
HISTORY_DAYS = 14
"""Days of files per site the crawl and schedule summaries read: enough for a usual
level, without reading years of output after every crawl."""

BODY = "body length"
"""The numeric field: median characters of ``text``."""


def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _has_authors(value: Any) -> bool:
    return isinstance(value, list) and any(_has_text(v) for v in value)


FILL_FIELDS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "date": ("date_published", _has_text),
    "authors": ("authors", _has_authors),
    "title": ("title", _has_text),
}
"""The fields whose fill rate is watched: name -> (record field, "is it filled")."""

_DAY_IN_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass
class DayStats:
    """One site's records of one day: how many, how many had each field, their body
    lengths and languages."""

    site: str
    day: str
    records: int = 0
    filled: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FILL_FIELDS, 0))
    body_lengths: list[int] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)

    def rate(self, name: str) -> float:
        """The share of the day's records with the field ``name`` filled."""
        return self.filled[name] / self.records if self.records else 0.0

    @property
    def median_body(self) -> float:
        return float(statistics.median(self.body_lengths)) if self.body_lengths else 0.0


@dataclass(frozen=True)
class Alarm:
    """A site's field whose recent fill rate (or median body length) fell below its usual level."""

    site: str
    field: str
    usual: float
    recent: float
    first_day: str
    last_day: str
    records: int

    def describe(self) -> str:
        """``authors filled 0% over 2026-12-11..2026-12-12 (12 records), usually 95%``."""
        days = self.first_day if self.first_day == self.last_day else f"{self.first_day}..{self.last_day}"
        if self.field == BODY:
            return (f"median body length {self.recent:.0f} chars over {days} ({self.records} records), "
                    f"usually {self.usual:.0f}")
        return f"{self.field} filled {self.recent:.0%} over {days} ({self.records} records), usually {self.usual:.0%}"


def record_day(record: dict[str, Any], path: Path | None = None) -> str | None:
    """The UTC day a record was fetched (``YYYY-MM-DD``), else its file's day, else None."""
    fetched = record.get("fetched_at")
    if isinstance(fetched, str):
        try:
            return parse_utc(fetched).date().isoformat()
        except ValueError:
            pass
    if path is not None and (match := _DAY_IN_NAME.match(path.name)):
        return match.group(1)
    return None


def daily_stats(
    records: Iterable[dict[str, Any]], paths: Iterable[Path | None] | None = None
) -> dict[str, list[DayStats]]:
    """Per site (its ``site`` field, else its directory's name), its days in order.

    ``paths`` (parallel to ``records``) give the file each came from, for records
    without ``site`` or ``fetched_at``. Records with no day at all are left out."""
    origins = iter(paths) if paths is not None else iter(())
    return stats_of((record, next(origins, None)) for record in records)


def stats_of(pairs: Iterable[tuple[dict[str, Any], Path | None]]) -> dict[str, list[DayStats]]:
    """:func:`daily_stats` of ``(record, file it came from)`` pairs, read once: a stream of
    records is counted without holding them."""
    days: dict[str, dict[str, DayStats]] = defaultdict(dict)
    for record, path in pairs:
        site = record.get("site") if _has_text(record.get("site")) else (path.parent.name if path else None)
        day = record_day(record, path)
        if site is None or day is None:
            continue
        stats = days[site].setdefault(day, DayStats(site, day))
        stats.records += 1
        for name, (source, filled) in FILL_FIELDS.items():
            stats.filled[name] += filled(record.get(source))
        text = record.get("text")
        stats.body_lengths.append(len(text) if isinstance(text, str) else 0)
        language = record.get("language")
        stats.languages[language if _has_text(language) else "unknown"] += 1
    return {site: [by_day[d] for d in sorted(by_day)] for site, by_day in sorted(days.items())}


def alarms(by_site: dict[str, list[DayStats]]) -> list[Alarm]:
    """Every site and field whose recent level fell well below the site's usual one."""
    found: list[Alarm] = []
    for site, days in by_site.items():
        found.extend(_site_alarms(site, days))
    return found


def _site_alarms(site: str, days: Sequence[DayStats]) -> list[Alarm]:
    if len(days) < RECENT_DAYS + MIN_BASELINE_DAYS:
        return []
    baseline, recent = days[:-RECENT_DAYS], days[-RECENT_DAYS:]
    count = sum(d.records for d in recent)
    if count < MIN_RECENT_RECORDS:
        return []
    first, last = recent[0].day, recent[-1].day
    found = []
    for name in FILL_FIELDS:
        usual = statistics.median(d.rate(name) for d in baseline)
        now = sum(d.filled[name] for d in recent) / count
        if usual >= MIN_USUAL_RATE and now < usual * FALL_RATIO and usual - now >= MIN_FALL:
            found.append(Alarm(site, name, usual, now, first, last, count))
    usual_body = statistics.median(d.median_body for d in baseline)
    now_body = float(statistics.median(n for d in recent for n in d.body_lengths))
    if usual_body > 0 and now_body < usual_body * FALL_RATIO:
        found.append(Alarm(site, BODY, usual_body, now_body, first, last, count))
    return found


def format_alarms(found: Sequence[Alarm]) -> list[str]:
    """The "extraction health" section of a summary: nothing when there is no alarm."""
    if not found:
        return []
    lines = [f"extraction health: {len(found)} alarm(s), fill rates below the site's usual level "
             "(a template change?); see `scraper report`"]
    lines.extend(f"  {a.site}: {a.describe()}" for a in found)
    return lines


def health_lines(out: Path, sites: Iterable[str]) -> list[str]:
    """The "extraction health" section for ``sites`` under ``out``, from each site's last
    :data:`HISTORY_DAYS` days of files; nothing when there is no alarm or no output to read
    (a summary must never fail because of it)."""
    paths: list[Path] = []
    for site in sites:
        try:
            files = record_files(out, [site])
        except DatasetError:
            continue
        recent_days = sorted({_file_day(p) for p in files})[-HISTORY_DAYS:]
        paths.extend(p for p in files if _file_day(p) in recent_days)
    tally = ReadResult()  # only counted: a summary does not warn about bad lines
    stats = stats_of((record, path) for path, _, record in iter_files(paths, tally))
    return format_alarms(alarms(stats))


def _file_day(path: Path) -> str:
    match = _DAY_IN_NAME.match(path.name)
    return match.group(1) if match else path.name
