"""DeduplicatePipeline: each article once, by canonical URL and by text fingerprint."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from w3lib.url import canonicalize_url

from pipelines.drops import drop
from scraper.records import ArticleRecord
from scraper.state import CrawlState, MemoryState


class DeduplicatePipeline:
    """Drops a record whose canonical URL or body fingerprint was already kept.

    The same article reached through a feed, a sitemap and a listing page, under URL
    variants (tracking parameters, reordered queries) or through a copy at another URL,
    is written once. Remembering goes through :class:`~scraper.state.CrawlState`, so a
    persistent backend extends this across runs without touching the pipeline.
    """

    def __init__(self, crawler: Crawler, state: CrawlState | None = None) -> None:
        self.stats = crawler.stats
        self.state: CrawlState = state or MemoryState()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DeduplicatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleRecord):
            return item
        key = canonicalize_url(item.canonical_url or item.url)
        duplicate = self.state.claim(key, item.fingerprint or "")
        if duplicate:
            raise drop(self.stats, item.site, f"duplicate_{duplicate}", item.url)
        return item

    def close_spider(self) -> None:
        self.state.close()
