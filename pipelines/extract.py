"""ExtractPipeline: fetched page -> article record, or a counted drop."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

from pipelines.drops import drop
from scraper.extract import extract_article
from scraper.crawl.page import FetchedPage
from scraper.record.article import ArticleRecord
from scraper.crawl.timebudget import BudgetExceeded, run_with_budget

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
"""Seconds per page when the ``EXTRACT_TIMEOUT`` setting is absent."""


class ExtractPipeline:
    """Runs the pure extractor on each :class:`FetchedPage` and attaches the record.

    Pages that are not articles are dropped as ``not_article``; an extractor failure is
    logged and dropped as ``extract_error`` instead of stopping the crawl. Each page gets
    ``EXTRACT_TIMEOUT`` seconds of wall-clock time (:mod:`scraper.crawl.timebudget`; 0:
    no limit); a page that takes longer is logged and dropped as ``extract_timeout``, so one
    pathological page cannot stall the crawl. Dates that a sitemap or feed announced fill
    in when the page gives none, or only the day.
    """

    def __init__(self, crawler: Crawler, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.stats = crawler.stats
        self.timeout = timeout if timeout and timeout > 0 else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        value = crawler.settings.get("EXTRACT_TIMEOUT", DEFAULT_TIMEOUT)
        return cls(crawler, float(value) if value not in (None, "") else None)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        self.stats.inc_value("extract/pages")
        try:
            record = run_with_budget(self.timeout, extract_article, item.html, item.url,
                                     language_hint=item.language_hint)
        except BudgetExceeded as exc:
            logger.warning("Extraction of %s stopped after %.2f s (EXTRACT_TIMEOUT %g s)",
                           item.url, exc.elapsed, exc.budget)
            raise drop(self.stats, item.site, "extract_timeout", item.url) from None
        except Exception:
            logger.exception("Extraction failed for %s", item.url)
            raise drop(self.stats, item.site, "extract_error", item.url) from None
        if record is None:
            raise drop(self.stats, item.site, "not_article", item.url)
        self.stats.inc_value("extract/articles")
        item.record = self._complete(record, item)
        item.html = ""  # the record holds what is needed; free the page early
        return item

    @staticmethod
    def _complete(record: ArticleRecord, page: FetchedPage) -> ArticleRecord:
        record.site = page.site
        record.fetched_at = page.fetched_at
        announced = page.lead.get("lead_published")
        if announced and _less_precise_same_day(record.date_published, announced):
            record.date_published = announced
        if not record.language and page.language_hint:
            record.language = page.language_hint
        if not record.title:
            record.title = page.lead.get("lead_title")
        return record


def _less_precise_same_day(found: str | None, announced: str) -> bool:
    """Whether the page's own date is missing, or only the day of the announced time.

    A news sitemap or feed gives the publication time; a page without date metadata
    often yields only a day (from its URL or text). The same day with a time is better.
    """
    if not found:
        return True
    return len(found) == 10 and announced.startswith(found) and len(announced) > 10
