"""Stopping the crawl when the output or the state cannot be written.

A full disk, an I/O error or a read-only file system makes every later write fail too:
the crawl stops at the first failure with the close reason ``export_failed``, records
the failure once in the stats (``export/failed``), and the spider saves no validators
and no crawled mark, so the next run fetches again whatever was not written.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.utils.defer import deferred_from_coro

from scraper.crawl import stats as keys
from scraper.store.state import StoreWriteError

logger = logging.getLogger(__name__)

EXPORT_FAILED_REASON = "export_failed"
"""The close reason of a crawl stopped by a failed write or commit."""


def write_failure(crawler: Any) -> str | None:
    """``"<reason>: <path>"`` of the crawl's failed write, or None if none failed."""
    stats = getattr(crawler, "stats", None)
    return stats.get_value(keys.EXPORT_FAILED) if stats is not None else None


def record_write_failure(crawler: Any, error: StoreWriteError) -> bool:
    """Remember the first failure in the stats and log it once; True if it was the first."""
    if write_failure(crawler) is not None:
        return False
    crawler.stats.set_value(keys.EXPORT_FAILED, str(error))
    logger.error("Export failed, stopping the crawl: %s", error)
    return True


def stop_on_write_failure(crawler: Any, error: StoreWriteError) -> None:
    """Record ``error`` and close the spider with reason ``export_failed`` (once)."""
    if not record_write_failure(crawler, error) or _engine(crawler) is None:
        return  # no engine: a component driven on its own, as in unit tests
    from twisted.internet import reactor

    def close() -> None:
        engine = _engine(crawler)
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=EXPORT_FAILED_REASON))

    reactor.callLater(0, close)  # not from inside the item being processed


def _engine(crawler: Any) -> Any:
    """The crawler's engine, or None before the crawl starts (Scrapy raises then)."""
    try:
        return crawler.engine
    except (AttributeError, RuntimeError):
        return None
