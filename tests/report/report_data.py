"""Hand-made records and crawl output directories for the report tests."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

FIRST_DAY = date(2026, 11, 1)


def record(site: str, day: date, n: int, *, authors: bool = True, dated: bool = True, titled: bool = True,
           body: int = 1200, language: str = "en") -> dict[str, Any]:
    """One record of ``site`` fetched on ``day`` (the ``n``-th of that day)."""
    return {
        "url": f"https://{site}.example/{day.isoformat()}/{n}",
        "site": site,
        "title": f"Story {n} of {day}" if titled else None,
        "text": "x" * body,
        "authors": ["A. Writer"] if authors else [],
        "date_published": f"{day.isoformat()}T06:00:00+00:00" if dated else None,
        "language": language,
        "fetched_at": f"{day.isoformat()}T10:{n % 60:02d}:00+00:00",
        "article_id": f"{site}-{day}-{n}",
        "version": 1,
    }


def days(count: int, start: date = FIRST_DAY) -> list[date]:
    return [start + timedelta(i) for i in range(count)]


def steady(site: str, count: int = 13, per_day: int = 6, **kwargs: Any) -> list[dict[str, Any]]:
    """``count`` days of ``per_day`` records, all alike."""
    return [record(site, d, n, **kwargs) for d in days(count) for n in range(per_day)]


def template_change(site: str, good: int = 10, bad: int = 3, per_day: int = 6) -> list[dict[str, Any]]:
    """``good`` days with authors and dates, then ``bad`` days where both are empty."""
    all_days = days(good + bad)
    return ([record(site, d, n) for d in all_days[:good] for n in range(per_day)]
            + [record(site, d, n, authors=False, dated=False) for d in all_days[good:] for n in range(per_day)])


def write_out(out: Path, records: list[dict[str, Any]]) -> Path:
    """Write ``records`` as a crawl would: ``OUT/<site>/<day>.jsonl``."""
    for r in records:
        path = out / r["site"] / f"{r['fetched_at'][:10]}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return out
