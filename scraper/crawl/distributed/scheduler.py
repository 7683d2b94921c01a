"""FrontierScheduler: scrapy-redis's scheduler, with every popped request kept in flight.

scrapy-redis (0.9, which runs on this Scrapy) keeps the queue and the duplicate filter;
this subclass only changes how a request leaves the queue and comes back: it is popped
together with a copy in this worker's in-flight hash (:meth:`Frontier.pop`), and a request
that comes back to the scheduler (a retry, a redirect) leaves the in-flight hash as its
successor enters the queue.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy_redis.scheduler import Scheduler

from scraper.crawl.distributed import IN_FLIGHT_ID, frontier_for


class FrontierScheduler(Scheduler):
    """scrapy-redis's ``Scheduler`` on the shared frontier of :mod:`scraper.crawl.distributed`."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontierScheduler:
        scheduler: FrontierScheduler = super().from_crawler(crawler)
        scheduler.frontier = frontier_for(crawler)
        return scheduler

    def open(self, spider: Any) -> None:
        # before the start requests reach the duplicate filter: a new round clears it
        if self.frontier.join():
            spider.logger.info("Starting a new shared crawl round on %s", self.frontier.keys.prefix)
        else:
            spider.logger.info("Joining the shared crawl (%d requests queued)", self.frontier.queued())
        super().open(spider)

    def close(self, reason: str) -> None:
        super().close(reason)
        try:
            returned = self.frontier.leave(finished=reason == "finished")
        except Exception as exc:  # Redis gone: the other workers take this one's work over
            self.spider.logger.warning("Could not leave the shared crawl cleanly: %s", exc)
            return
        if returned:
            self.spider.logger.info("Put %d unfinished requests back into the shared queue", returned)

    def enqueue_request(self, request: Request) -> bool:
        # scrapy-redis's own, without its stats call that Scrapy 2.13+ deprecates
        previous = request.meta.pop(IN_FLIGHT_ID, None)
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            queued = False
        else:
            if self.stats:
                self.stats.inc_value("scheduler/enqueued/redis")
            self.queue.push(request)
            queued = True
        if previous is not None:  # a retry or redirect: its successor now carries the work
            self.frontier.ack(previous)
        return queued

    def next_request(self) -> Request | None:
        found = self.frontier.pop()
        if found is None:
            return None
        request_id, data = found
        self.frontier.busy = True
        request = self.queue._decode_request(data)
        request.meta[IN_FLIGHT_ID] = request_id
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request
