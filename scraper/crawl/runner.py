"""Running one crawl in this process with Scrapy's CrawlerProcess."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from scraper.config.project import project_settings


def build_settings(
    config: str | Path,
    out_dir: str | Path,
    sites: Sequence[str] = (),
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """The project's settings with this run's config, output and ``-s`` overrides."""
    return project_settings({
        "SCRAPER_CONFIG": str(config),
        "SCRAPER_OUTPUT_DIR": str(out_dir),
        "SCRAPER_SITES": list(sites),
        **(overrides or {}),
    })


# Scrapy's loggers of what a crawl is made of, not what it does: its banner and versions,
# the enabled components, the overridden settings, the stats dump. At INFO only with
# LOG_SCRAPY_DETAILS (``scraper crawl -v``); the summary says what a user needs.
SCRAPY_DETAIL_LOGGERS = ("scrapy.utils.log", "scrapy.middleware", "scrapy.crawler", "scrapy.addons",
                         "scrapy.statscollectors", "scrapy.extensions.telnet")


class WarningsOnly(logging.Filter):
    """Lets through warnings and errors only."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


def run_crawl(settings: Settings, spider: type | None = None, **spider_args: Any) -> dict[str, Any]:
    """Crawl with the ``news`` spider (or ``spider``, given ``spider_args``) until done;
    return the crawl's final stats.

    Twisted's reactor cannot be restarted, so this runs once per process.
    """
    from spiders.news import NewsSpider

    if not settings.getbool("LOG_SCRAPY_DETAILS"):
        for name in SCRAPY_DETAIL_LOGGERS:
            # a filter, not a level: Scrapy's logging set-up resets its loggers' levels
            logger = logging.getLogger(name)
            if not any(isinstance(f, WarningsOnly) for f in logger.filters):
                logger.addFilter(WarningsOnly())
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider or NewsSpider)
    process.crawl(crawler, **spider_args)
    process.start()
    return dict(crawler.stats.get_stats()) if crawler.stats else {}


def run_replay(settings: Settings, paths: Sequence[str], sites: Sequence[Any] | None) -> dict[str, Any]:
    """Run the pipelines on the article pages of the WARC files ``paths`` (the replay
    spider: no network), for the configured ``sites`` or, when None, for every site."""
    from spiders.warc_replay import WarcReplaySpider

    return run_crawl(settings, WarcReplaySpider, paths=list(paths), sites=sites)
