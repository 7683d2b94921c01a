"""ValidatePipeline: drop records that are not usable articles, counted by reason."""

from __future__ import annotations

from typing import Any

import jsonschema
from scrapy.crawler import Crawler

from pipelines.drops import drop
from scraper.records import ArticleRecord, record_to_dict
from scraper.schema import record_validator


class ValidatePipeline:
    """Keeps only records with a body long enough to be an article and a valid shape.

    Settings: ``VALIDATE_MIN_TEXT_CHARS`` (shorter bodies are dropped as ``too_short``),
    ``VALIDATE_REQUIRE_TITLE`` (records without a title are dropped as ``no_title``).
    Records that do not match the JSON Schema are dropped as ``invalid_record``.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.stats = crawler.stats
        self.min_chars = settings.getint("VALIDATE_MIN_TEXT_CHARS", 250)
        self.require_title = settings.getbool("VALIDATE_REQUIRE_TITLE", True)
        self.validator = record_validator()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleRecord):
            return item
        if len(item.text.strip()) < self.min_chars:
            raise drop(self.stats, item.site, "too_short", f"{len(item.text)} chars: {item.url}")
        if self.require_title and not (item.title or "").strip():
            raise drop(self.stats, item.site, "no_title", item.url)
        error = jsonschema.exceptions.best_match(self.validator.iter_errors(record_to_dict(item)))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "record"
            raise drop(self.stats, item.site, "invalid_record", f"{where}: {error.message}: {item.url}")
        return item
