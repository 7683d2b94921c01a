"""BackoffMiddleware (placeholder: switched off until implemented)."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import NotConfigured


class BackoffMiddleware:
    @classmethod
    def from_crawler(cls, crawler: Any) -> "BackoffMiddleware":
        raise NotConfigured("not implemented yet")
