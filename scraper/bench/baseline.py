"""Configuration (c) of ``scraper bench``: plain Scrapy and trafilatura, nothing of ours.

    python -m scraper.bench.baseline --robots URL/robots.txt --allow REGEX --out FILE [--concurrency 32]

A :class:`scrapy.spiders.SitemapSpider` reads the sitemaps named in robots.txt and
fetches the URLs matching ``--allow``; an item pipeline calls
``trafilatura.bare_extraction(html, url=..., with_metadata=True)`` on each page and
appends the result to ``--out`` as one JSON line (pages it returns nothing for are
counted, not written). Scrapy's defaults otherwise, with the same politeness-off
settings as the project's configurations (:data:`scraper.bench.configs.CRAWL_SETTINGS`).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

__all__ = ["TrafilaturaJsonLines", "main"]


class TrafilaturaJsonLines:
    """Item pipeline: ``{"url", "html"}`` in, one JSON line of trafilatura's output out."""

    def __init__(self, path: str, stats: Any) -> None:
        self.path = path
        self.stats = stats
        self.file: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> TrafilaturaJsonLines:
        return cls(crawler.settings.get("BENCH_OUTPUT"), crawler.stats)

    def open_spider(self) -> None:
        self.file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - closed in close_spider

    def close_spider(self) -> None:
        self.file.close()

    def process_item(self, item: dict[str, str]) -> dict[str, str]:
        import trafilatura

        document = trafilatura.bare_extraction(item["html"], url=item["url"], with_metadata=True)
        if document is None:
            self.stats.inc_value("bench/not_extracted")
            return {"url": item["url"]}
        record = {key: value for key, value in document.as_dict().items()
                  if value is None or isinstance(value, str | int | float | list)}  # no lxml trees
        self.file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stats.inc_value("bench/records_written")
        return {"url": item["url"]}


def _spider_class(robots: str, allow: str) -> type:
    from scrapy.spiders import SitemapSpider

    class BaselineSpider(SitemapSpider):
        name = "bench-baseline"
        sitemap_urls = [robots]
        sitemap_rules = [(allow, "parse")]

        def parse(self, response: Any) -> Any:
            yield {"url": response.url, "html": response.text}

    return BaselineSpider


def main(argv: list[str] | None = None) -> int:
    from scrapy.crawler import CrawlerProcess

    from scraper.bench.configs import CRAWL_SETTINGS

    parser = argparse.ArgumentParser(prog="python -m scraper.bench.baseline", description=__doc__.split("\n\n")[0])
    parser.add_argument("--robots", required=True, help="the site's robots.txt URL")
    parser.add_argument("--allow", required=True, help="regex of the article URLs")
    parser.add_argument("--out", required=True, help="JSON Lines file the records are appended to")
    parser.add_argument("--concurrency", type=int, default=CRAWL_SETTINGS["CONCURRENT_REQUESTS"])
    args = parser.parse_args(argv)
    settings = {
        **CRAWL_SETTINGS,
        "CONCURRENT_REQUESTS": args.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
        "ITEM_PIPELINES": {f"{__name__}.TrafilaturaJsonLines": 300},
        "BENCH_OUTPUT": args.out,
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
    }
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(_spider_class(args.robots, args.allow))
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    print(json.dumps({key: stats.get(key, 0) for key in (
        "downloader/response_count", "item_scraped_count", "bench/records_written", "bench/not_extracted")}))
    return 0 if stats.get("finish_reason") == "finished" else 1


if __name__ == "__main__":
    sys.exit(main())
