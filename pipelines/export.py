"""JsonLinesExportPipeline: append records to ``<dir>/<site>/<day>.jsonl``."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

from scraper import stats as keys
from scraper.jsonl import PartitionedWriter
from scraper.records import ArticleRecord, record_to_dict

logger = logging.getLogger(__name__)


class JsonLinesExportPipeline:
    """Writes each record as one UTF-8 JSON line, partitioned by site and fetch day.

    Settings: ``SCRAPER_OUTPUT_DIR`` (the root), ``EXPORT_FSYNC_EVERY`` (records between
    fsyncs). Lines are whole-line appends and torn tails are repaired on open, so a crash
    never leaves a half-written line behind (see :mod:`scraper.jsonl`).
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.stats = crawler.stats
        self.writer = PartitionedWriter(
            settings.get("SCRAPER_OUTPUT_DIR") or "output",
            fsync_every=settings.getint("EXPORT_FSYNC_EVERY", 50),
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JsonLinesExportPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleRecord):
            return item
        site = item.site or "unknown"
        day = (item.fetched_at or "")[:10] or "undated"
        path = self.writer.write(site, day, record_to_dict(item))
        self.stats.inc_value("export/records")
        self.stats.inc_value(keys.site_key(site, keys.ARTICLES_WRITTEN))
        self.stats.set_value(keys.site_key(site, "output"), str(path.parent))
        return item

    def close_spider(self) -> None:
        self.writer.close()
