"""ExtractPipeline: fetched page -> article record, or a counted drop."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

from pipelines.awaiting import Slots, settled
from pipelines.drops import drop
from scraper.config.project import require
from scraper.crawl import stats as keys
from scraper.crawl.extract_pool import (
    DEFAULT_FUNCTION,
    ExtractFailed,
    ExtractPool,
    ExtractTimeout,
    WorkerDied,
    load_function,
)
from scraper.crawl.page import FetchedPage
from scraper.crawl.timebudget import BudgetExceeded, run_with_budget
from scraper.extract.fields.leads import complete_from_lead
from scraper.record.article import ArticleRecord

logger = logging.getLogger(__name__)

HASHED_RECORD = "scraper.crawl.hashed_record.with_hashed_text"
"""What the workers send back: the record and its text's shingle hashes, hashed there
rather than in the crawl process that deduplicates it."""

IN_FLIGHT_PER_WORKER = 4
"""Pages handed to the pool per worker: one being extracted, the rest queued, so a worker
that finishes finds its next page even while the reactor is busy elsewhere and has not yet
taken the finished record back. `scraper bench --pages 3000 --configs b`, alternating runs
on 2 cores: 2 gave 74-107 pages/s, 4 gave 96-122 (ahead of 2 in each pair) and 8 no more than 4; peak memory the
same (a queued page is its HTML)."""


def _workers(value: Any) -> int:
    """``EXTRACT_WORKERS``: an int >= 0."""
    workers = int(value)
    if workers < 0:
        raise ValueError(f"EXTRACT_WORKERS must be 0 (in-process) or more, not {value!r}")
    return workers


def _level(value: Any) -> int:
    """``LOG_LEVEL`` (a name such as ``"INFO"``, or a number) as a number."""
    if isinstance(value, int):
        return value
    level = logging.getLevelName(str(value).upper())
    if not isinstance(level, int):
        raise ValueError(f"LOG_LEVEL is not a logging level: {value!r}")
    return level


class ExtractPipeline:
    """Runs the pure extractor on each :class:`FetchedPage` and attaches the record.

    Pages that are not articles (the record's ``page_type``) are dropped as
    ``not_article``, the log line saying what the page is and why; an extractor failure is
    logged and dropped as ``extract_error`` instead of stopping the crawl. Each page gets
    ``EXTRACT_TIMEOUT`` seconds of wall-clock time (:mod:`scraper.crawl.timebudget`; 0:
    no limit); a page that takes longer is logged and dropped as ``extract_timeout``, so one
    pathological page cannot stall the crawl. Dates that a sitemap or feed announced fill
    in when the page gives none, or only the day.

    Where it runs: ``EXTRACT_WORKERS`` worker processes (:mod:`scraper.crawl.extract_pool`;
    default: one per CPU core), started in ``open_spider``, so extraction uses every core
    and never blocks Scrapy's reactor. ``process_item`` then returns a coroutine that waits
    for the page's record. A page still running ``EXTRACT_WORKER_GRACE`` seconds past its
    budget (stuck in C code, where the worker's alarm cannot reach) has its worker killed
    and replaced, and is dropped as ``extract_timeout``; a worker that dies on a page
    (segfault, out of memory) is replaced, and the page dropped as ``extract_error``; both
    are counted as ``extract/worker_restarts`` and logged with the URL. With
    ``EXTRACT_WORKERS = 0``, or when the pipeline is driven without ``open_spider`` (unit
    tests), pages are extracted in the calling thread under SIGALRM, synchronously, as
    before the pool existed. ``EXTRACT_FUNCTION`` names the extract function (tests
    replace it with one that hangs or crashes). Each worker gives the memory a page freed
    back to the system at most every ``HEAP_TRIM_INTERVAL`` seconds (:mod:`scraper.crawl.heap`).

    Back-pressure: at most ``IN_FLIGHT_PER_WORKER`` pages per worker are in the pool; the
    other pages wait for a slot here. While they wait, their responses count against
    Scrapy's ``SCRAPER_SLOT_MAX_ACTIVE_SIZE`` (the scraper holds a response until its items
    have gone through every pipeline), and past that the engine schedules no new
    downloads: when extraction is the bottleneck the downloader slows down to its pace, and
    memory stays bounded. (``CONCURRENT_ITEMS`` bounds the outputs of one response handled
    at once: its item, one, and its links.)

    Shutdown: Scrapy calls ``close_spider`` only once every item in flight has gone
    through the pipelines (a graceful stop on SIGINT / SIGTERM too), so the pages being
    extracted are finished and written; then the workers are stopped and reaped.
    """

    def __init__(self, crawler: Crawler, timeout: float | None, workers: int = 0, grace: float = 0.0,
                 function: str = DEFAULT_FUNCTION, trim_interval: float = 0.0) -> None:
        self.stats = crawler.stats
        self.trim_interval = trim_interval
        self.timeout = timeout if timeout and timeout > 0 else None
        self.workers = workers
        self.grace = grace
        self.function = function
        self.extract = load_function(function)
        self.pool: ExtractPool | None = None
        self.log_level = logging.INFO
        """The workers' log records from this level up are passed on to the crawl's log."""
        self._slots = Slots(IN_FLIGHT_PER_WORKER * max(1, workers))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        settings = crawler.settings
        require(settings, "EXTRACT_TIMEOUT", "EXTRACT_WORKERS", "EXTRACT_WORKER_GRACE", "EXTRACT_FUNCTION",
                "HEAP_TRIM_INTERVAL", "LOG_LEVEL")
        value = settings["EXTRACT_TIMEOUT"]
        pipeline = cls(crawler, float(value) if value not in (None, "") else None,
                       workers=_workers(settings["EXTRACT_WORKERS"]),
                       grace=settings.getfloat("EXTRACT_WORKER_GRACE"),
                       function=settings["EXTRACT_FUNCTION"],
                       trim_interval=settings.getfloat("HEAP_TRIM_INTERVAL"))
        pipeline.log_level = _level(settings["LOG_LEVEL"])
        return pipeline

    def open_spider(self) -> None:
        if self.workers > 0:
            self.pool = ExtractPool(self.workers, self.timeout, self.grace, self.function, self.log_level,
                                    finish=HASHED_RECORD, trim_interval=self.trim_interval)
            self.pool.start()
            self.stats.set_value("extract/workers", self.workers)
            logger.info("Extracting in %d worker processes (pids %s)", self.workers,
                        ", ".join(map(str, self.pool.pids())))

    def close_spider(self) -> None:
        if self.pool is not None:
            pool, self.pool = self.pool, None
            pool.close()
            self._count_restarts(pool)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        self.stats.inc_value("extract/pages")
        if self.pool is None:
            return self._accept(self._extract_here(item), item)
        return self._extract_in_pool(self.pool, item)

    def _extract_here(self, item: FetchedPage) -> ArticleRecord | None:
        try:
            return run_with_budget(self.timeout, self.extract, item.html, item.url,
                                   language_hint=item.language_hint)
        except BudgetExceeded as exc:
            self._log_timeout(item, exc.elapsed, exc.budget)
            raise drop(self.stats, item.site, "extract_timeout", item.url) from None
        except Exception:
            logger.exception("Extraction failed for %s", item.url)
            raise drop(self.stats, item.site, "extract_error", item.url) from None

    async def _extract_in_pool(self, pool: ExtractPool, item: FetchedPage) -> FetchedPage:
        await self._slots.acquire()
        try:
            record, item.hashed_text = await settled(pool.submit(item.html, item.url, item.language_hint))
        except ExtractTimeout as exc:
            if exc.killed:
                logger.warning("Extraction of %s still running after %.2f s (EXTRACT_TIMEOUT %g s + %g s grace): "
                               "its worker was killed and replaced", item.url, exc.elapsed, exc.budget, self.grace)
            else:
                self._log_timeout(item, exc.elapsed, exc.budget)
            raise drop(self.stats, item.site, "extract_timeout", item.url) from None
        except WorkerDied as exc:
            logger.error("Extraction worker died on %s (%s); replaced", item.url, exc)
            raise drop(self.stats, item.site, "extract_error", item.url) from None
        except ExtractFailed as exc:
            logger.error("Extraction failed for %s\n%s", item.url, exc.remote_traceback.rstrip())
            raise drop(self.stats, item.site, "extract_error", item.url) from None
        except Exception:
            logger.exception("Extraction failed for %s", item.url)
            raise drop(self.stats, item.site, "extract_error", item.url) from None
        finally:
            self._slots.release()
            self._count_restarts(pool)
        return self._accept(record, item)

    def _accept(self, record: ArticleRecord | None, item: FetchedPage) -> FetchedPage:
        if record is None or record.page_type != "article":
            verdict = f" ({record.page_type}: {', '.join(record.page_signals)})" if record else ""
            raise drop(self.stats, item.site, "not_article", item.url + verdict,
                       remember=record is None or record.page_type != "listing")
        self.stats.inc_value("extract/articles")
        item.record = self._complete(record, item)
        item.html = ""  # the record holds what is needed; free the page early
        return item

    def _count_restarts(self, pool: ExtractPool) -> None:
        if pool.restarts:
            self.stats.set_value(keys.EXTRACT_WORKER_RESTARTS, pool.restarts)

    @staticmethod
    def _log_timeout(item: FetchedPage, elapsed: float, budget: float) -> None:
        logger.warning("Extraction of %s stopped after %.2f s (EXTRACT_TIMEOUT %g s)", item.url, elapsed, budget)

    @staticmethod
    def _complete(record: ArticleRecord, page: FetchedPage) -> ArticleRecord:
        record.site = page.site
        record.fetched_at = page.fetched_at
        return complete_from_lead(record, page.lead, page.language_hint)
