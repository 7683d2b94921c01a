"""A crawl shared by workers on many machines, on Redis with scrapy-redis.

scrapy-redis provides the queue and the duplicate filter; :mod:`.frontier` adds what a
crawl that must not lose work needs on top (requests in flight per worker, dead workers'
work handed back, the end of a round), :mod:`.scheduler` plugs both into Scrapy,
:mod:`.acks` tells when a request's work is durable and :mod:`.worker` keeps the worker's
heartbeat and decides when it may stop. The crawl state is
:class:`~scraper.store.redis_state.RedisState`.

Settings: ``SCRAPER_REDIS_URL`` (empty: not distributed), ``SCRAPER_REDIS_PREFIX`` (the
key prefix), ``SCRAPER_WORKER`` (this worker's id, also in its output file names) and
``SCRAPER_WORKER_TIMEOUT`` (seconds without a heartbeat before a worker counts as dead).
"""

from __future__ import annotations

from typing import Any

from scraper.crawl.distributed.frontier import Frontier, FrontierKeys

IN_FLIGHT_ID = "frontier_id"
"""Request meta key: the request's id in this worker's in-flight hash."""

__all__ = ["IN_FLIGHT_ID", "distributed_settings", "frontier_for"]


def distributed_settings(url: str, worker: str, prefix: str) -> dict[str, Any]:
    """The settings that make a crawl a worker of the shared crawl at ``url``."""
    from scraper.store.redis_state import redis_params

    keys = FrontierKeys(prefix)
    return {
        "SCRAPER_STATE": "redis",
        "SCRAPER_REDIS_URL": url,
        "SCRAPER_REDIS_PREFIX": prefix,
        "SCRAPER_WORKER": worker,
        "LEAD_BACKLOG_WINDOW": 0,  # leads go to the shared queue, where any worker can take them
        # scrapy-redis, by its own setting names
        "SCHEDULER": "scraper.crawl.distributed.scheduler.FrontierScheduler",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": keys.queue,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_DUPEFILTER_KEY": keys.seen,
        "SCHEDULER_PERSIST": True,  # the queue and filter outlive one worker; the last one out clears the filter
        "REDIS_URL": url,
        "REDIS_PARAMS": redis_params(),
    }


def frontier_for(crawler: Any) -> Frontier:
    """The crawler's :class:`Frontier`, made on first use (scheduler, acks and worker share it)."""
    frontier: Frontier | None = getattr(crawler, "_scraper_frontier", None)
    if frontier is None:
        from scraper.store.redis_state import connect

        settings = crawler.settings
        frontier = Frontier(
            connect(settings["SCRAPER_REDIS_URL"]),
            settings["SCRAPER_REDIS_PREFIX"],
            settings["SCRAPER_WORKER"],
            settings.getfloat("SCRAPER_WORKER_TIMEOUT"),
        )
        crawler._scraper_frontier = frontier
    return frontier
