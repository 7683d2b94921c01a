"""JsonLinesExportPipeline: append records to ``<dir>/<site>/<day>.jsonl``, then commit."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem

from scraper.config.project import require
from scraper.crawl import stats as keys
from scraper.crawl.page import FetchedPage
from scraper.crawl.shared_ledger import ledger_for
from scraper.crawl.signals import records_committed
from scraper.crawl.write_failure import (
    EXPORT_FAILED_REASON,
    record_write_failure,
    stop_on_write_failure,
)
from scraper.record.article import ArticleRecord, record_to_dict
from scraper.record.encodable import make_encodable
from scraper.store.jsonl import PartitionedWriter, repair_tail
from scraper.store.ledger import Ledger
from scraper.store.state import StoreWriteError

logger = logging.getLogger(__name__)


class JsonLinesExportPipeline:
    """Writes each record as one UTF-8 JSON line, partitioned by site and fetch day.

    Settings: ``SCRAPER_OUTPUT_DIR`` (the root), ``EXPORT_FSYNC_EVERY`` (records between
    fsyncs, and at least whenever the crawl is idle), ``SCRAPER_WORKER`` (a distributed
    crawl's worker id, in every file name: ``<day>.<worker>.jsonl``). Lines are whole-line
    appends and torn tails are repaired on open, so a crash never leaves a half-written
    line behind (see :mod:`scraper.store.jsonl`).

    Records become known to the crawl state only after their lines are fsynced; lines
    written but not committed before a crash are recovered from the files at the next
    start. Returns the record itself, so Scrapy's own feed exports see records.

    A failed write, fsync or commit stops the crawl (close reason ``export_failed``, see
    :mod:`scraper.crawl.write_failure`); nothing more is written or committed, and the
    lines already written are recovered at the next start.
    """

    def __init__(self, crawler: Crawler, ledger: Ledger | None = None) -> None:
        settings = crawler.settings
        require(settings, "SCRAPER_OUTPUT_DIR", "EXPORT_FSYNC_EVERY")
        self.crawler = crawler
        self.stats = crawler.stats
        self.root = Path(settings["SCRAPER_OUTPUT_DIR"])
        self.writer = PartitionedWriter(self.root, str(settings["SCRAPER_WORKER"] or ""))
        self.commit_every = max(1, settings.getint("EXPORT_FSYNC_EVERY"))
        self.ledger = ledger or ledger_for(crawler)
        self._unflushed = 0
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JsonLinesExportPipeline:
        pipeline = cls(crawler)
        # commit what is written whenever the crawl waits: a distributed crawl's workers
        # count a page as done only once its record is committed
        crawler.signals.connect(pipeline.spider_idle, signal=signals.spider_idle)
        return pipeline

    def spider_idle(self) -> None:
        if not self.failed and self._unflushed:
            try:
                self.flush()
            except StoreWriteError as exc:
                self._fail(exc)

    def open_spider(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            for path in sorted(self.root.glob(self.writer.pattern)):
                try:
                    repair_tail(path)
                except OSError as exc:
                    raise StoreWriteError.wrap(exc, path) from exc
            recovered = self.ledger.recover(self.root.resolve(), self.writer.pattern)
        except (StoreWriteError, OSError) as exc:
            error = exc if isinstance(exc, StoreWriteError) else StoreWriteError.wrap(exc, self.root)
            self.failed = True
            record_write_failure(self.crawler, error)
            raise CloseSpider(EXPORT_FAILED_REASON) from exc
        self.stats.set_value("export/recovered_records", recovered)

    def process_item(self, page: Any) -> Any:
        if not isinstance(page, FetchedPage) or page.record is None:
            return page
        record = page.record
        if self.failed:
            self.stats.inc_value(keys.EXPORT_NOT_WRITTEN)
            raise DropItem("not written: the export failed earlier", log_level="DEBUG")
        site = record.site or "unknown"
        day = (record.fetched_at or "")[:10] or "undated"
        data = self._encodable(record)
        try:
            path = self.writer.write(site, day, data)
        except StoreWriteError as exc:
            self._fail(exc)
            self.stats.inc_value(keys.EXPORT_NOT_WRITTEN)
            raise DropItem(f"not written: {exc}", log_level="DEBUG") from exc
        if page.commit is not None:
            self.ledger.written(page.commit)
        self.stats.inc_value("export/records")
        self.stats.inc_value(keys.site_key(site, keys.ARTICLES_WRITTEN))
        self.stats.set_value(keys.site_key(site, "output"), str(path.parent))
        self._unflushed += 1
        if self._unflushed >= self.commit_every:
            try:
                self.flush()
            except StoreWriteError as exc:
                self._fail(exc)  # the line is in the file: the next start recovers it
        return record

    def _encodable(self, record: ArticleRecord) -> dict[str, Any]:
        """The record's JSON form with lone surrogates replaced (also on the record itself)."""
        data = record_to_dict(record)
        clean, replaced = make_encodable(data)
        if replaced:
            changed = [name for name, value in clean.items() if value != data[name]]
            for name in changed:
                setattr(record, name, clean[name])
            self.stats.inc_value(keys.UNENCODABLE_RECORDS)
            self.stats.inc_value(keys.UNENCODABLE_REPLACED, replaced)
            logger.warning(
                "Replaced %d unencodable character(s) (lone surrogates) with U+FFFD in %s of %s",
                replaced, ", ".join(changed), record.url,
            )
        return clean

    def _fail(self, error: StoreWriteError) -> None:
        """Stop writing and committing, and stop the crawl."""
        self.failed = True
        stop_on_write_failure(self.crawler, error)

    def flush(self) -> None:
        """fsync the files, then commit their records and offsets to the state."""
        offsets = self.writer.sync()
        self.ledger.flush({str(p): size for p, size in offsets.items()})
        self._unflushed = 0
        self.crawler.signals.send_catch_log(signal=records_committed)

    def close_spider(self) -> None:
        """Commit what is written; after a failure commit nothing (the next start recovers it)."""
        if not self.failed:
            try:
                self.flush()
            except StoreWriteError as exc:
                self.failed = True
                record_write_failure(self.crawler, exc)  # the engine is closing already
        try:
            self.writer.close()
        except StoreWriteError as exc:
            if not self.failed:
                self.failed = True
                record_write_failure(self.crawler, exc)
