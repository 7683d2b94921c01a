"""FrontierAcks: a request leaves the in-flight hash once everything that came of it is durable.

A request's work is done when its callback has run to the end (the requests it yielded
are in the shared queue by then) and each item it yielded was dropped, failed, or was
written *and committed* to the crawl state (:data:`~scraper.crawl.signals.records_committed`);
a request whose download failed is done when the spider's errback has run
(:data:`~scraper.crawl.signals.request_failed`). Until then a worker killed with SIGKILL
leaves the request in flight, and another worker puts it back into the queue: it is
fetched again and the crawl state decides (a committed record comes back ``unchanged``).

A spider middleware (to see callback output) that also listens to item signals; it is
off (``NotConfigured``) unless ``SCRAPER_REDIS_URL`` is set. Callbacks must be
generators, as the news spider's are, so that a callback's exception passes through here.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from itemadapter import is_item
from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from scraper.crawl.distributed import IN_FLIGHT_ID, frontier_for
from scraper.crawl.signals import records_committed, request_failed

logger = logging.getLogger(__name__)


def _request_id(response: Any) -> str | None:
    request = getattr(response, "request", None)
    return request.meta.get(IN_FLIGHT_ID) if request is not None else None


class FrontierAcks:
    """Counts, per in-flight request, the work still open (its callback, its items)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.open: Counter[str] = Counter()
        self.awaiting_commit: list[str] = []

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontierAcks:
        if not crawler.settings.get("SCRAPER_REDIS_URL"):
            raise NotConfigured  # no message: Scrapy would log one at every ordinary crawl
        acks = cls(crawler)
        connect = crawler.signals.connect
        connect(acks.item_scraped, signal=signals.item_scraped)
        connect(acks.item_dropped, signal=signals.item_dropped)
        connect(acks.item_error, signal=signals.item_error)
        connect(acks.records_committed, signal=records_committed)
        connect(acks.request_failed, signal=request_failed)
        return acks

    # --- callback output ------------------------------------------------------------------

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        request_id = _request_id(response)
        if request_id is None:
            yield from result
            return
        self._open(request_id)
        try:
            for output in result:
                if is_item(output) and not isinstance(output, Request):
                    self._open(request_id)
                yield output
        finally:
            self._close(request_id)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        request_id = _request_id(response)
        if request_id is None:
            async for output in result:
                yield output
            return
        self._open(request_id)
        try:
            async for output in result:
                if is_item(output) and not isinstance(output, Request):
                    self._open(request_id)
                yield output
        finally:
            self._close(request_id)

    # --- signals --------------------------------------------------------------------------

    def item_scraped(self, item: Any, response: Any = None, **_: Any) -> None:
        if (request_id := _request_id(response)) is not None:
            self.awaiting_commit.append(request_id)

    def item_dropped(self, item: Any, response: Any = None, **_: Any) -> None:
        if (request_id := _request_id(response)) is not None:
            self._close(request_id)

    def item_error(self, item: Any, response: Any = None, **_: Any) -> None:
        if (request_id := _request_id(response)) is not None:
            self._close(request_id)

    def records_committed(self) -> None:
        committed, self.awaiting_commit = self.awaiting_commit, []
        for request_id in committed:
            self._close(request_id)

    def request_failed(self, request: Request) -> None:
        if (request_id := request.meta.get(IN_FLIGHT_ID)) is not None:
            self._close(request_id)

    # --- counting -------------------------------------------------------------------------

    def _open(self, request_id: str) -> None:
        self.open[request_id] += 1

    def _close(self, request_id: str) -> None:
        self.open[request_id] -= 1
        if self.open[request_id] <= 0:
            del self.open[request_id]
            try:
                frontier_for(self.crawler).ack(request_id)
            except Exception as exc:  # Redis gone: the request stays in flight, the safe side
                logger.debug("Could not acknowledge request %s: %s", request_id, exc)
