"""HeapTrim: the crawl process gives freed memory back to the system on a timer.

A crawl process holds large responses and, with ``EXTRACT_WORKERS = 0``, parses them:
its heap grows to the high-water mark of its busiest moment and glibc keeps the freed
pages (:mod:`scraper.crawl.heap`). Every ``HEAP_TRIM_INTERVAL`` seconds (1; 0 turns it
off) this extension returns them. The extraction workers trim after their pages
(:class:`scraper.crawl.extract_pool.ExtractPool`). ``heap/trims`` counts the trims.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from scraper.crawl.heap import trim_heap
from scraper.crawl.periodic import Periodic

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

TRIMS = "heap/trims"


class HeapTrim:
    """Scrapy extension: :func:`~scraper.crawl.heap.trim_heap` every ``HEAP_TRIM_INTERVAL`` seconds."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.timer = Periodic(crawler, interval, self.trim)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HeapTrim:
        interval = crawler.settings.getfloat("HEAP_TRIM_INTERVAL")
        if interval <= 0:
            raise NotConfigured("HEAP_TRIM_INTERVAL is 0")
        if not trim_heap():
            raise NotConfigured("this C library has no malloc_trim")
        return cls(crawler, interval)

    def trim(self) -> None:
        if trim_heap():
            self.crawler.stats.inc_value(TRIMS)
