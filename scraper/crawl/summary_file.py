"""SummaryFile: the crawl summary as a JSON file, for programs such as ``scraper schedule``.

The table printed at the end of ``scraper crawl`` is meant for people; this extension
writes the same numbers (:func:`scraper.crawl.summary.summarise`) to ``SUMMARY_FILE``
when the spider closes, in the shape of :func:`scraper.crawl.summary.summary_document`.
The file is replaced atomically, so a reader never sees half of it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from scraper.config.project import require
from scraper.crawl.summary import summarise, summary_document
from scraper.crawl.write_failure import EXPORT_FAILED_REASON, write_failure


class SummaryFile:
    """Writes ``SUMMARY_FILE`` on ``spider_closed``; not built when the setting is empty."""

    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.crawler = crawler
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SummaryFile:
        require(crawler.settings, "SUMMARY_FILE")
        path = crawler.settings["SUMMARY_FILE"]
        if not path:
            raise NotConfigured  # no message: Scrapy would log one at every ordinary crawl
        extension = cls(crawler, Path(path))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        if write_failure(self.crawler) is not None:
            reason = EXPORT_FAILED_REASON  # the exporter's last commit fails after "finished"
        document = summary_document(summarise(stats, crawled_sites(self.crawler)), reason)
        write_atomically(self.path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def crawled_sites(crawler: Crawler) -> list[str]:
    """The crawled sites in config order, as the spider selected them."""
    sites = getattr(crawler.spider, "sites", None)
    return list(sites) if sites else crawler.settings.getlist("SCRAPER_SITES")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, fsync it, then rename it over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
