"""Running one crawl in this process with Scrapy's CrawlerProcess."""

from __future__ import annotations

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


def run_crawl(settings: Settings) -> dict[str, Any]:
    """Crawl with the ``news`` spider until done; return the crawl's final stats.

    Twisted's reactor cannot be restarted, so this runs once per process.
    """
    from spiders.news import NewsSpider

    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler)
    process.start()
    return dict(crawler.stats.get_stats()) if crawler.stats else {}
