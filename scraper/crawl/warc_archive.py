"""WarcArchiveMiddleware: every article page the spider yields is also written, as fetched,
to WARC files under ``WARC_DIR`` (``scraper crawl --warc DIR``), before extraction decides
anything: a page dropped today can be re-extracted tomorrow (``scraper reextract``).

A spider middleware, off (``NotConfigured``) unless ``WARC_DIR`` is set. Settings:
``WARC_MAX_BYTES`` (a new file past this size), ``WARC_FSYNC_EVERY`` (pages between
fsyncs; also at every idle moment and at the end). Stats: ``warc/pages``, ``warc/bytes``.
A failed write stops the crawl like a failed JSON Lines write (``export_failed``); the page
it failed on, and any after it, go no further (no record without its archived page).
Files a killed crawl left open are closed at the next start, cut to their last whole record.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from scraper.archive.warc_file import WarcWriter, recover
from scraper.crawl.page import FetchedPage
from scraper.crawl.write_failure import record_write_failure, stop_on_write_failure, write_failure
from scraper.store.state import StoreWriteError

logger = logging.getLogger(__name__)


def _headers(headers: Any) -> list[tuple[str, str]]:
    """Scrapy's headers (bytes, several values per name) as ``(name, value)`` text pairs."""
    pairs = []
    for name, values in headers.items():
        for value in values:
            pairs.append((name.decode("latin-1"), value.decode("latin-1")))
    return pairs


def _fetched(page: FetchedPage) -> datetime:
    """The page's own fetch time, so that its record and its archive copy tell one moment
    (a re-extraction then gives the same ``fetched_at``); now when it cannot be read."""
    try:
        return datetime.fromisoformat(page.fetched_at)
    except (TypeError, ValueError):
        return datetime.now(UTC)


class WarcArchiveMiddleware:
    """Writes the response behind each :class:`FetchedPage` to the crawl's WARC files."""

    def __init__(self, crawler: Any, directory: Path) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.writer = WarcWriter(directory, str(settings["SCRAPER_WORKER"] or ""),
                                 settings.getint("WARC_MAX_BYTES"), software=settings["USER_AGENT"])
        self.sync_every = max(1, settings.getint("WARC_FSYNC_EVERY"))
        self._unsynced = 0
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcArchiveMiddleware:
        directory = crawler.settings.get("WARC_DIR")
        if not directory:
            raise NotConfigured  # no message: Scrapy would log one at every ordinary crawl
        archive = cls(crawler, Path(directory))
        crawler.signals.connect(archive.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(archive.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(archive.spider_closed, signal=signals.spider_closed)
        return archive

    def spider_opened(self, spider: Any = None) -> None:
        directory = self.writer.directory
        if directory.is_dir():
            for _path, cut in recover(directory):
                self.stats.inc_value("warc/recovered_files")
                if cut:
                    self.stats.inc_value("warc/cut_bytes", cut)

    def _archive(self, response: Response, page: FetchedPage) -> bool:
        """Write the page; False when the archive failed (the page then goes no further)."""
        if self.failed or write_failure(self.crawler) is not None:
            return False
        request = response.request
        try:
            self.writer.write(
                response.url, response.status, "", _headers(response.headers), response.body,
                _headers(request.headers) if request is not None else [], _fetched(page),
                {"site": page.site, "lead": page.lead},
            )
            self._unsynced += 1
            if self._unsynced >= self.sync_every:
                self._sync()
        except StoreWriteError as exc:
            self.failed = True
            stop_on_write_failure(self.crawler, exc)
            return False
        self.stats.inc_value("warc/pages")
        self.stats.set_value("warc/bytes", self.writer.total_bytes)
        return True

    def _sync(self) -> None:
        self.writer.sync()
        self._unsynced = 0

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        for output in result:
            if not isinstance(output, FetchedPage) or self._archive(response, output):
                yield output

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for output in result:
            if not isinstance(output, FetchedPage) or self._archive(response, output):
                yield output

    def spider_idle(self, spider: Any = None) -> None:
        if self._unsynced and not self.failed:
            try:
                self._sync()
            except StoreWriteError as exc:
                self.failed = True
                stop_on_write_failure(self.crawler, exc)

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        try:
            self.writer.close()
        except StoreWriteError as exc:
            record_write_failure(self.crawler, exc)
