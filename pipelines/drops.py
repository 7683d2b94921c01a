"""Counting and raising item drops, the same way in every pipeline."""

from __future__ import annotations

from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from scraper.crawl import stats as keys


def drop(stats: StatsCollector, site: str | None, reason: str, detail: str = "") -> DropItem:
    """Count a drop under its reason (overall and per site) and return the exception to raise."""
    stats.inc_value(keys.drop_key(reason))
    if site:
        stats.inc_value(keys.drop_key(reason, site))
    message = f"{reason}: {detail}" if detail else reason
    return DropItem(message, log_level="INFO")
