"""FrontierWorker: a worker's heartbeat, the hand-back of dead workers' work, and when to stop.

Every ``SCRAPER_WORKER_TIMEOUT / 3`` seconds the worker renews its status key and looks
for workers whose key expired with requests still in flight: it claims each such hash
(one claimant wins), commits the records the dead worker wrote but had not committed
when its files are in this worker's output directory (a shared directory, or the same
machine), and puts the requests back into the queue.

When the engine runs dry, the worker mends its own in-flight hash after a Redis outage
(:meth:`Frontier.settle`), marks itself idle and stays (``DontCloseSpider``) until the
round is over (:meth:`Frontier.round_over`): another busy worker may still queue work. A
Redis that stays unreachable past the client's retries stops the crawl as a failed write
(exit 1, with the reason), and what was written stays in the files.

An extension, off (``NotConfigured``) unless ``SCRAPER_REDIS_URL`` is set.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

from scraper.crawl.distributed import frontier_for
from scraper.crawl.distributed.frontier import original_worker
from scraper.crawl.periodic import Periodic
from scraper.crawl.shared_ledger import ledger_for
from scraper.crawl.write_failure import stop_on_write_failure
from scraper.store.state import StoreWriteError

logger = logging.getLogger(__name__)


class FrontierWorker:
    """Keeps this worker alive in the shared frontier and decides when it may finish."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.interval = max(0.5, crawler.settings.getfloat("SCRAPER_WORKER_TIMEOUT") / 3)
        self.root = Path(crawler.settings["SCRAPER_OUTPUT_DIR"]).resolve()
        self._failed = False
        self.timer = Periodic(crawler, self.interval, self._heartbeat)

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontierWorker:
        if not crawler.settings.get("SCRAPER_REDIS_URL"):
            raise NotConfigured  # no message: Scrapy would log one at every ordinary crawl
        worker = cls(crawler)
        crawler.signals.connect(worker.spider_idle, signal=signals.spider_idle)
        return worker

    def spider_idle(self) -> None:
        if self._failed:
            return  # let the engine close
        frontier = frontier_for(self.crawler)
        try:
            frontier.busy = False
            frontier.beat(busy=False)
            self._take_over_dead()
            self._settle(frontier)
            waiting = frontier.in_flight() or not frontier.round_over()
        except Exception as exc:
            self._fail(exc)
            return
        if waiting:
            raise DontCloseSpider

    def _heartbeat(self) -> None:
        if self._failed:
            return
        frontier = frontier_for(self.crawler)
        try:
            frontier.beat(frontier.busy)
            self._take_over_dead()
        except Exception as exc:
            self._fail(exc)

    def _settle(self, frontier: Any) -> None:
        """This worker's own in-flight hash mended (:meth:`Frontier.settle`), counted and logged."""
        acked, requeued = frontier.settle()
        if acked:
            self.stats.inc_value("frontier/acks_resent", acked)
        if requeued:
            self.stats.inc_value("frontier/orphans_requeued", requeued)
            logger.warning("Put %d requests back into the queue that were marked in flight here but never "
                           "received (Redis went away while handing them over)", requeued)

    def _take_over_dead(self) -> None:
        frontier = frontier_for(self.crawler)
        for worker in frontier.dead_workers():
            claimed = frontier.claim(worker)
            if claimed is None:
                continue
            # their lines past the committed offsets: committed before the refetch, which
            # then finds the articles known instead of writing them twice
            recovered = ledger_for(self.crawler).recover(self.root, f"*/*.{original_worker(worker)}.jsonl")
            requeued = frontier.requeue(claimed)
            self.stats.inc_value("frontier/dead_workers")
            self.stats.inc_value("frontier/requeued", requeued)
            self.stats.inc_value("frontier/recovered_records", recovered)
            logger.warning(
                "Worker %s stopped answering: put its %d requests in flight back into the queue"
                "%s", worker, requeued, f" and committed {recovered} records it had written" if recovered else "",
            )

    def _fail(self, error: Exception) -> None:
        self._failed = True
        if not isinstance(error, StoreWriteError):
            error = StoreWriteError(f"Redis failed ({error})", self.crawler.settings["SCRAPER_REDIS_URL"])
        stop_on_write_failure(self.crawler, error)
