"""Counting and raising item drops, the same way in every pipeline."""

from __future__ import annotations

from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from scraper.crawl import stats as keys


def drop(stats: StatsCollector, site: str | None, reason: str, detail: str = "", *,
         remember: bool = True) -> DropItem:
    """Count a drop under its reason (overall and per site) and return the exception to raise.

    The exception carries ``reason`` and ``remember`` (False: never remember this drop,
    e.g. a listing page, where new articles are found), read by the spider's drop memory
    (:mod:`scraper.crawl.drop_memory`)."""
    stats.inc_value(keys.drop_key(reason))
    if site:
        stats.inc_value(keys.drop_key(reason, site))
    message = f"{reason}: {detail}" if detail else reason
    error = DropItem(message, log_level="INFO")
    error.reason = reason  # type: ignore[attr-defined]
    error.remember = remember  # type: ignore[attr-defined]
    return error
