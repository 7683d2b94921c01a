"""RunSummaries: each site's last crawl summary, kept beside the crawl state.

The records hold what a crawl kept, not what it dropped or skipped, nor why. This
extension keeps that, one file per site, ``<state>/runs/<site>.json`` (the shape of
:func:`scraper.crawl.summary.summary_document`, that site alone): ``scraper schedule``
takes its result line from it, and ``scraper report`` plots the drop and skip reasons.
One file per site, so that each site's last crawl is kept whichever command ran it.
Not built for in-memory or Redis state (no state directory) or with
``RUN_SUMMARIES_ENABLED = False``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from scraper.config.project import require
from scraper.crawl.shared_ledger import state_directory
from scraper.crawl.summary import run_summary_path, summarise, summary_document
from scraper.crawl.summary_file import crawled_sites, write_atomically
from scraper.crawl.write_failure import EXPORT_FAILED_REASON, write_failure

__all__ = ["RunSummaries"]

log = logging.getLogger(__name__)

class RunSummaries:
    """Writes ``<state>/runs/<site>.json`` for every crawled site on ``spider_closed``."""

    def __init__(self, crawler: Crawler, state_dir: Path) -> None:
        self.crawler = crawler
        self.state_dir = state_dir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunSummaries:
        require(crawler.settings, "RUN_SUMMARIES_ENABLED")
        if not crawler.settings.getbool("RUN_SUMMARIES_ENABLED"):
            raise NotConfigured("RUN_SUMMARIES_ENABLED is off")
        state_dir = state_directory(crawler.settings)
        if state_dir is None:
            raise NotConfigured  # no message: every in-memory or Redis crawl would log one
        extension = cls(crawler, state_dir)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        if write_failure(self.crawler) is not None:
            reason = EXPORT_FAILED_REASON
        for site in crawled_sites(self.crawler):
            document = summary_document(summarise(stats, [site]), reason)
            path = run_summary_path(self.state_dir, site)
            try:
                write_atomically(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
            except OSError as exc:  # the records are safe; only the report's reasons are lost
                log.warning("could not keep the crawl summary of %s in %s: %s", site, path, exc)
