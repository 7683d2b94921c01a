"""ValidatePipeline: drop records that are not usable articles, counted by reason."""

from __future__ import annotations

from typing import Any

import jsonschema
from scrapy.crawler import Crawler

from pipelines.drops import drop
from scraper.config.project import require
from scraper.crawl.page import FetchedPage
from scraper.record.article import record_to_dict
from scraper.record.schema import record_validator
from scraper.record.timestamps import parse_datetime


def _before(published: str | None, not_before: str) -> bool:
    when, limit = parse_datetime(published), parse_datetime(not_before)
    return when is not None and limit is not None and when < limit


class ValidatePipeline:
    """Keeps only records with a body long enough to be an article and a valid shape.

    Settings: ``VALIDATE_MIN_TEXT_CHARS`` (shorter bodies are dropped as ``too_short``),
    ``VALIDATE_REQUIRE_TITLE`` (records without a title are dropped as ``no_title``).
    Records that do not match the JSON Schema are dropped as ``invalid_record``, and
    records published before the crawl's age limit (found through links, so not
    filtered before fetching) as ``too_old``.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        require(settings, "VALIDATE_MIN_TEXT_CHARS", "VALIDATE_REQUIRE_TITLE")
        self.stats = crawler.stats
        self.min_chars = settings.getint("VALIDATE_MIN_TEXT_CHARS")
        self.require_title = settings.getbool("VALIDATE_REQUIRE_TITLE")
        self.validator = record_validator()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, page: Any) -> Any:
        if not isinstance(page, FetchedPage) or page.record is None:
            return page
        record = page.record
        if len(record.text.strip()) < self.min_chars:
            raise drop(self.stats, record.site, "too_short", f"{len(record.text)} chars: {record.url}")
        if self.require_title and not (record.title or "").strip():
            raise drop(self.stats, record.site, "no_title", record.url)
        if page.not_before and _before(record.date_published, page.not_before):
            raise drop(self.stats, record.site, "too_old", f"published {record.date_published}: {record.url}")
        error = jsonschema.exceptions.best_match(self.validator.iter_errors(record_to_dict(record)))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "record"
            raise drop(self.stats, record.site, "invalid_record", f"{where}: {error.message}: {record.url}")
        return page
