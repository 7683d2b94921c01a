"""Progress: one line per site every ``PROGRESS_INTERVAL`` seconds while a crawl runs.

A crawl of a real site can run for many minutes; without this the only sign of life is
a log line per page. On a terminal the lines go to standard error as they are; without
one (a scheduled crawl, a log file) they are logged at INFO, so the crawl's log shows
how it went. Each line gives the site's counts so far (the summary's words) and the
requests still waiting in the crawl's scheduler:

    progress drops: fetched 120, written 84, failed 2, blocked 0, queued 310, 20 s

Settings: ``PROGRESS_INTERVAL`` (seconds, 10; 0 turns it off). The counts are read from
the crawl stats (``site/<name>/...``), so nothing is counted twice.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured

from scraper.crawl import stats as keys
from scraper.crawl.periodic import Periodic

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

# The summary's counts shown on a progress line, in its words.
COUNTS = (("fetched", keys.PAGES_FETCHED), ("written", keys.ARTICLES_WRITTEN),
          ("failed", keys.FETCH_FAILED), ("blocked", keys.BLOCKED))


class Progress:
    """Scrapy extension: a progress line per site, every ``PROGRESS_INTERVAL`` seconds."""

    def __init__(self, crawler: Crawler, interval: float, stream: TextIO | None = None) -> None:
        self.crawler = crawler
        self.interval = interval
        self.stream = stream if stream is not None else (sys.stderr if sys.stderr.isatty() else None)
        self.sites: list[str] = list(crawler.settings.getlist("SCRAPER_SITES"))
        self.started = time.monotonic()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        self.timer = Periodic(crawler, interval, self.report)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured("PROGRESS_INTERVAL is 0")
        return cls(crawler, interval)

    def spider_opened(self, spider: Any = None) -> None:
        if not self.sites and spider is not None:
            self.sites = sorted(getattr(spider, "sites", {}) or {})
        self.started = time.monotonic()

    def report(self) -> None:
        """Write (or log) one line per site."""
        for line in self.lines():
            if self.stream is not None:
                print(line, file=self.stream, flush=True)
            else:
                logger.info(line)

    def lines(self) -> list[str]:
        """The progress lines of this moment."""
        stats = self.crawler.stats
        queued = _queued(self.crawler)
        seconds = time.monotonic() - self.started
        lines = []
        for site in self.sites:
            counts = ", ".join(f"{word} {int(stats.get_value(keys.site_key(site, key), 0))}"
                               for word, key in COUNTS)
            lines.append(f"progress {site}: {counts}, queued {queued}, {seconds:.0f} s")
        return lines


def _queued(crawler: Crawler) -> int:
    """Requests waiting in the scheduler (the whole crawl's), from Scrapy's own counters, and
    the leads the spider holds back until there is room for them."""
    stats = crawler.stats
    pending = int(stats.get_value("scheduler/enqueued", 0)) - int(stats.get_value("scheduler/dequeued", 0))
    return max(0, pending) + int(stats.get_value(keys.LEADS_WAITING, 0))
