"""CrawlDelayMiddleware (placeholder: switched off until implemented)."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import NotConfigured


class CrawlDelayMiddleware:
    @classmethod
    def from_crawler(cls, crawler: Any) -> "CrawlDelayMiddleware":
        raise NotConfigured("not implemented yet")
