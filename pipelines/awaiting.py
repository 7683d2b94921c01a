"""Awaiting work done on other threads from a pipeline's coroutine, under either of
Scrapy's reactors (asyncio or Twisted's own), and bounding how much is in flight."""

from __future__ import annotations

import asyncio
from collections import deque
from concurrent.futures import Future
from typing import TypeVar

from scrapy.utils.asyncio import is_asyncio_available
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

__all__ = ["Slots", "settled"]

T = TypeVar("T")


async def settled(future: Future[T]) -> T:
    """Await a :class:`concurrent.futures.Future` resolved on any thread, under either reactor."""
    if is_asyncio_available():
        return await asyncio.wrap_future(future)
    from twisted.internet import reactor

    deferred: Deferred[T] = Deferred()

    def fire(done: Future[T]) -> None:
        error = done.exception()
        if error is None:
            deferred.callback(done.result())
        else:
            deferred.errback(Failure(error))

    future.add_done_callback(lambda done: reactor.callFromThread(fire, done))  # type: ignore[attr-defined]
    return await deferred


class Slots:
    """A semaphore that works under any reactor: at most ``size`` holders, the others wait
    in arrival order. Used from the event-loop thread only."""

    def __init__(self, size: int) -> None:
        self.free = size
        self.waiting: deque[Future[None]] = deque()

    async def acquire(self) -> None:
        if self.free > 0:
            self.free -= 1
            return
        ticket: Future[None] = Future()
        self.waiting.append(ticket)
        await settled(ticket)  # release() hands its slot over

    def release(self) -> None:
        if self.waiting:
            self.waiting.popleft().set_result(None)
        else:
            self.free += 1
