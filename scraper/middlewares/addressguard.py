"""AddressGuardMiddleware (placeholder: switched off until implemented)."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import NotConfigured


class AddressGuardMiddleware:
    @classmethod
    def from_crawler(cls, crawler: Any) -> "AddressGuardMiddleware":
        raise NotConfigured("not implemented yet")
