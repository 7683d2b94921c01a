"""JsonLinesExportPipeline: append records to ``<dir>/<site>/<day>.jsonl``, then commit."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from scraper.config.project import require
from scraper.crawl import stats as keys
from scraper.crawl.page import FetchedPage
from scraper.crawl.shared_ledger import ledger_for
from scraper.record.article import record_to_dict
from scraper.store.jsonl import PartitionedWriter, repair_tail
from scraper.store.ledger import Ledger

logger = logging.getLogger(__name__)


class JsonLinesExportPipeline:
    """Writes each record as one UTF-8 JSON line, partitioned by site and fetch day.

    Settings: ``SCRAPER_OUTPUT_DIR`` (the root), ``EXPORT_FSYNC_EVERY`` (records between
    fsyncs). Lines are whole-line appends and torn tails are repaired on open, so a crash
    never leaves a half-written line behind (see :mod:`scraper.store.jsonl`).

    Records become known to the crawl state only after their lines are fsynced; lines
    written but not committed before a crash are recovered from the files at the next
    start. Returns the record itself, so Scrapy's own feed exports see records.
    """

    def __init__(self, crawler: Crawler, ledger: Ledger | None = None) -> None:
        settings = crawler.settings
        require(settings, "SCRAPER_OUTPUT_DIR", "EXPORT_FSYNC_EVERY")
        self.stats = crawler.stats
        self.root = Path(settings["SCRAPER_OUTPUT_DIR"])
        self.writer = PartitionedWriter(self.root)
        self.commit_every = max(1, settings.getint("EXPORT_FSYNC_EVERY"))
        self.ledger = ledger or ledger_for(crawler)
        self._unflushed = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JsonLinesExportPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        for path in sorted(self.root.glob("*/*.jsonl")):
            repair_tail(path)
        recovered = self.ledger.recover(self.root.resolve())
        self.stats.set_value("export/recovered_records", recovered)

    def process_item(self, page: Any) -> Any:
        if not isinstance(page, FetchedPage) or page.record is None:
            return page
        record = page.record
        site = record.site or "unknown"
        day = (record.fetched_at or "")[:10] or "undated"
        path = self.writer.write(site, day, record_to_dict(record))
        if page.commit is not None:
            self.ledger.written(page.commit)
        self._unflushed += 1
        if self._unflushed >= self.commit_every:
            self.flush()
        self.stats.inc_value("export/records")
        self.stats.inc_value(keys.site_key(site, keys.ARTICLES_WRITTEN))
        self.stats.set_value(keys.site_key(site, "output"), str(path.parent))
        return record

    def flush(self) -> None:
        """fsync the files, then commit their records and offsets to the state."""
        offsets = self.writer.sync()
        self.ledger.flush({str(p): size for p, size in offsets.items()})
        self._unflushed = 0

    def close_spider(self) -> None:
        self.flush()
        self.writer.close()
