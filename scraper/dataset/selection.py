"""Which rows an export keeps: ``--since`` (fetched at or after a moment) and
``--latest`` (one row per article, its newest version)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from scraper.dataset.columns import parse_utc

__all__ = ["article_key", "fetched_since", "latest_versions", "parse_since"]


def parse_since(value: str) -> datetime:
    """``--since``'s ISO date (00:00 UTC that day) or date-time (UTC when it names no
    offset) as an aware datetime. Raises ValueError."""
    return parse_utc(value)


def fetched_since(rows: Iterable[dict[str, Any]], since: datetime) -> list[dict[str, Any]]:
    """The rows fetched at or after ``since``; a row without a readable ``fetched_at``
    cannot be placed in time and is left out."""
    return [r for r in rows if r["fetched_at_utc"] is not None and r["fetched_at_utc"] >= since]


def article_key(row: dict[str, Any]) -> str:
    """What makes rows versions of one article: its ``article_id``, else (older or
    hand-made records) its canonical URL, else its URL."""
    return row.get("article_id") or row.get("canonical_url") or row["url"]


def latest_versions(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per article (:func:`article_key`): the highest ``version``, ties going to
    the latest ``fetched_at``. Articles keep the order in which they were first read."""
    best: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = article_key(row)
        current = best.get(key)
        if current is None or _rank(row) > _rank(current):
            best[key] = row  # dicts keep the key's first position
    return list(best.values())


def _rank(row: dict[str, Any]) -> tuple[int, float]:
    fetched = row["fetched_at_utc"]
    return (row["version"] or 0, fetched.timestamp() if fetched is not None else float("-inf"))
