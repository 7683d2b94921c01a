"""A function called every few seconds while a crawl's spider is open.

Several extensions need a timer that starts with the spider and stops with it (progress
lines, the distributed worker's heartbeat, the heap trim): :class:`Periodic` is that
one Twisted ``LoopingCall``, started on ``spider_opened`` (first call one interval
later) and stopped on ``spider_closed``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scrapy import signals
from twisted.internet.task import LoopingCall

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["Periodic"]


class Periodic:
    """Calls ``function`` every ``interval`` seconds from ``spider_opened`` to ``spider_closed``."""

    def __init__(self, crawler: Crawler, interval: float, function: Callable[[], Any]) -> None:
        self.interval = interval
        self.function = function
        self._loop: LoopingCall | None = None
        crawler.signals.connect(self.start, signal=signals.spider_opened)
        crawler.signals.connect(self.stop, signal=signals.spider_closed)

    def start(self, spider: Any = None) -> None:
        self._loop = LoopingCall(self.function)
        self._loop.start(self.interval, now=False)

    def stop(self, spider: Any = None) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
