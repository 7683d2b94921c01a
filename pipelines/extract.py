"""ExtractPipeline: fetched page -> article record, or a counted drop."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

from pipelines.drops import drop
from scraper.config.project import require
from scraper.crawl.page import FetchedPage
from scraper.crawl.timebudget import BudgetExceeded, run_with_budget
from scraper.extract import extract_article
from scraper.extract.fields.leads import complete_from_lead
from scraper.record.article import ArticleRecord

logger = logging.getLogger(__name__)


class ExtractPipeline:
    """Runs the pure extractor on each :class:`FetchedPage` and attaches the record.

    Pages that are not articles (the record's ``page_type``) are dropped as
    ``not_article``, the log line saying what the page is and why; an extractor failure is
    logged and dropped as ``extract_error`` instead of stopping the crawl. Each page gets
    ``EXTRACT_TIMEOUT`` seconds of wall-clock time (:mod:`scraper.crawl.timebudget`; 0:
    no limit); a page that takes longer is logged and dropped as ``extract_timeout``, so one
    pathological page cannot stall the crawl. Dates that a sitemap or feed announced fill
    in when the page gives none, or only the day.
    """

    def __init__(self, crawler: Crawler, timeout: float | None) -> None:
        self.stats = crawler.stats
        self.timeout = timeout if timeout and timeout > 0 else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        require(crawler.settings, "EXTRACT_TIMEOUT")
        value = crawler.settings["EXTRACT_TIMEOUT"]
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
        if record is None or record.page_type != "article":
            verdict = f" ({record.page_type}: {', '.join(record.page_signals)})" if record else ""
            raise drop(self.stats, item.site, "not_article", item.url + verdict,
                       remember=record is None or record.page_type != "listing")
        self.stats.inc_value("extract/articles")
        item.record = self._complete(record, item)
        item.html = ""  # the record holds what is needed; free the page early
        return item

    @staticmethod
    def _complete(record: ArticleRecord, page: FetchedPage) -> ArticleRecord:
        record.site = page.site
        record.fetched_at = page.fetched_at
        return complete_from_lead(record, page.lead, page.language_hint)
