"""BackoffMiddleware: honour ``Retry-After`` and back off from failing hosts.

Both work on the host's Scrapy download slot, so only that host slows down; the other
hosts of the crawl keep their pace.

* **Retry-After.** A 429 or 503 response with a ``Retry-After`` header (seconds or an
  HTTP date) pauses its slot for that long, capped at ``BACKOFF_MAX_RETRY_AFTER``
  seconds: the slot's delay is raised (and its jitter narrowed) so that the next
  request of the host, the retry included, is not sent before the pause is over; then
  the slot gets its previous delay back. Retrying is left to Scrapy's
  ``RetryMiddleware`` (429 and 503 are in ``RETRY_HTTP_CODES``).
  Such a response is not counted as a failure below: the host said when to come back.
* **Failing hosts.** Consecutive failures of a host (5xx, 408 and 429 responses;
  downloads that end without a response: timeouts, refused or reset connections, DNS
  errors) add ``BACKOFF_BASE`` seconds to its delay after the first, doubling with each
  further failure up to ``BACKOFF_MAX``. Any other response to a page resets the host
  (robots.txt, often served by an edge cache while the pages fail, does not).

* **Dead hosts.** A host that has sent no response at all for ``BACKOFF_GIVE_UP``
  seconds (counted from the first request still unanswered), with at least one failure
  in that time, is given up for the rest of the crawl: its further requests are dropped
  with ``IgnoreRequest`` (:data:`GIVEN_UP_MESSAGE`; the spider counts them as failed
  fetches, so the site is not marked crawled). Without this a dead start URL kept a
  crawl in timeouts, retries and doubling delays for over 20 minutes.

Everything is driven by signals rather than ``process_response``/``process_exception``:
those of RetryMiddleware (550) run before ours (540) and swallow the responses and
errors they retry. ``response_downloaded`` fires for every response before any
middleware; a request that leaves the downloader without one failed.

Settings: ``BACKOFF_ENABLED`` (default True), ``BACKOFF_MAX_RETRY_AFTER`` (600),
``BACKOFF_BASE`` (2), ``BACKOFF_MAX`` (300), ``BACKOFF_GIVE_UP`` (90; 0: never). Stats:
``backoff/retry_after`` (pauses obeyed), ``backoff/host_delayed`` (times a failing host's
delay was raised), ``backoff/hosts_given_up``, ``backoff/given_up_requests``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from time import monotonic
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.asyncio import CallLaterResult, call_later

from scraper.config.project import require
from scraper.fetch.crawldelay import hold_at_least
from scraper.record.timestamps import parse_http_date

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.core.downloader import Slot
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

RETRY_AFTER_STATUSES = frozenset({429, 503})
STATS_RETRY_AFTER = "backoff/retry_after"
STATS_HOST_DELAYED = "backoff/host_delayed"
STATS_HOSTS_GIVEN_UP = "backoff/hosts_given_up"
STATS_GIVEN_UP_REQUESTS = "backoff/given_up_requests"
GIVEN_UP_MESSAGE = "gave up on the host"
"""In the ``IgnoreRequest`` of a request to a dead host (see the module docstring)."""
_SECONDS = re.compile(r"\d+(?:\.\d+)?")


def parse_retry_after(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """Seconds to wait according to a ``Retry-After`` header value.

    Accepts delay-seconds (``"120"``; decimals tolerated) and HTTP dates
    (``"Wed, 21 Oct 2015 07:28:00 GMT"``; a date in the past means 0). Returns ``None``
    for a missing or unparsable value. ``now`` (aware) is for tests.
    """
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    text = value.strip()
    if not text:
        return None
    if _SECONDS.fullmatch(text):
        return float(text)
    when = parse_http_date(text)
    if when is None:
        return None
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def backoff_delay(failures: int, base: float, cap: float) -> float:
    """Extra seconds between requests to a host after ``failures`` consecutive failures.

    0 without failures, ``base`` after the first, doubling with each further one,
    never above ``cap``.
    """
    if failures <= 0 or base <= 0:
        return 0.0
    return min(cap, base * 2.0 ** min(failures - 1, 64))


def is_failure_status(status: int) -> bool:
    """Whether a response status says the host is failing or overloaded."""
    return status >= 500 or status in (408, 429)


@dataclass
class HostState:
    """What the middleware did to one download slot."""

    failures: int = 0
    extra: float = 0.0
    """Seconds added to the slot's delay for its consecutive failures."""
    pause_until: float = 0.0
    """``time.monotonic()`` before which no request goes to the host (Retry-After)."""
    slot: Slot | None = None
    saved: tuple[float, float] | None = None
    """The slot's ``(delay, jitter)`` before we raised them."""
    timer: CallLaterResult | None = None
    silent_since: float | None = None
    """``time.monotonic()`` when the oldest request without a response since the host's
    last response reached the downloader."""
    given_up: bool = False


class BackoffMiddleware:
    """Downloader middleware (no request/response hooks: it works through signals).

    Settings: ``BACKOFF_ENABLED`` (off: not built), ``BACKOFF_MAX_RETRY_AFTER``,
    ``BACKOFF_BASE``, ``BACKOFF_MAX``.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_retry_after: float = settings.getfloat("BACKOFF_MAX_RETRY_AFTER")
        self.base: float = settings.getfloat("BACKOFF_BASE")
        self.max: float = settings.getfloat("BACKOFF_MAX")
        self.give_up: float = settings.getfloat("BACKOFF_GIVE_UP")
        self.hosts: dict[str, HostState] = {}
        self._answered: set[Request] = set()
        crawler.signals.connect(self.request_reached_downloader, signal=signals.request_reached_downloader)
        # Connected after the extensions, so this runs after AutoThrottle's handler.
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(self.request_left_downloader, signal=signals.request_left_downloader)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffMiddleware:
        require(crawler.settings, "BACKOFF_ENABLED", "BACKOFF_MAX_RETRY_AFTER", "BACKOFF_BASE", "BACKOFF_MAX",
                "BACKOFF_GIVE_UP")
        if not crawler.settings.getbool("BACKOFF_ENABLED"):
            raise NotConfigured("BACKOFF_ENABLED is off")
        return cls(crawler)

    # --- the one request hook -----------------------------------------------------------

    def process_request(self, request: Request) -> None:
        """Drop a request to a host given up on (see the module docstring)."""
        key = _slot_key(request)
        state = self.hosts.get(key)
        if state is None or not self._dead(key, state):
            return
        self.crawler.stats.inc_value(STATS_GIVEN_UP_REQUESTS)
        raise IgnoreRequest(f"{GIVEN_UP_MESSAGE}: no response for {self.give_up:g} s (BACKOFF_GIVE_UP)")

    def _dead(self, key: str, state: HostState) -> bool:
        if state.given_up:
            return True
        if not (self.give_up > 0 and state.failures and state.silent_since is not None):
            return False
        if monotonic() - state.silent_since < self.give_up:
            return False
        state.given_up = True
        self.crawler.stats.inc_value(STATS_HOSTS_GIVEN_UP)
        logger.error(
            "Host %s has sent no response for %g s (%d consecutive failures): giving up on it "
            "for this crawl (BACKOFF_GIVE_UP); its remaining requests count as failed",
            key, self.give_up, state.failures,
        )
        return True

    # --- signal handlers ---------------------------------------------------------------

    def request_reached_downloader(self, request: Request, spider: Any = None) -> None:
        key = _slot_key(request)
        state = self._state(key)
        if state.silent_since is None:
            state.silent_since = monotonic()
        if state.failures or state.pause_until:
            self._apply(key)

    def response_downloaded(self, response: Response, request: Request, spider: Any = None) -> None:
        key = request.meta.get("download_slot")
        if key is None:
            return
        self._answered.add(request)
        self._state(key).silent_since = None  # it answers: not dead, whatever the status
        if response.status in RETRY_AFTER_STATUSES and self._retry_after(key, response):
            return  # the host said when to come back: that pause is the whole answer
        if is_failure_status(response.status):
            self._failed(key, f"HTTP {response.status}")
        elif key in self.hosts and not _is_robots_txt(request):
            # robots.txt is a static file an edge cache often serves while the pages
            # behind it fail: its answer says nothing about the pages
            self._succeeded(key)

    def request_left_downloader(self, request: Request, spider: Any = None) -> None:
        if request in self._answered:
            self._answered.discard(request)
            return
        key = request.meta.get("download_slot")
        if key is not None:
            self._failed(key, "no response (timeout or connection error)")

    def spider_closed(self, spider: Any = None) -> None:
        for state in self.hosts.values():
            if state.timer is not None:
                state.timer.cancel()
                state.timer = None

    # --- state changes -----------------------------------------------------------------

    def _state(self, key: str) -> HostState:
        return self.hosts.setdefault(key, HostState())

    def _failed(self, key: str, reason: str) -> None:
        state = self._state(key)
        state.failures += 1
        extra = backoff_delay(state.failures, self.base, self.max)
        if extra > state.extra:
            state.extra = extra
            self.crawler.stats.inc_value(STATS_HOST_DELAYED)
            capped = " (BACKOFF_MAX)" if extra >= self.max else ""
            logger.warning(
                "Host %s is failing (%d consecutive failure%s, last: %s): %g s%s added "
                "between its requests",
                key, state.failures, "" if state.failures == 1 else "s", reason, extra, capped,
            )
        self._apply(key)

    def _succeeded(self, key: str) -> None:
        state = self.hosts[key]
        if not state.failures:
            return
        logger.info(
            "Host %s answers again after %d consecutive failures: backoff lifted",
            key, state.failures,
        )
        state.failures = 0
        state.extra = 0.0
        self._apply(key, reset=True)

    def _retry_after(self, key: str, response: Response) -> bool:
        """Pause the host as its ``Retry-After`` asks; False if there is none to obey."""
        seconds = parse_retry_after(response.headers.get(b"Retry-After"))
        if seconds is None or seconds <= 0:
            return False
        wait = min(seconds, self.max_retry_after)
        state = self._state(key)
        now = monotonic()
        self.crawler.stats.inc_value(STATS_RETRY_AFTER)
        until = now + wait
        if until <= state.pause_until:
            return True  # already paused for longer
        if state.pause_until <= now:  # a new pause, not an extension: say so once
            capped = f" (asked {seconds:g} s, capped by BACKOFF_MAX_RETRY_AFTER)" if wait < seconds else ""
            logger.warning(
                "Host %s answered %d with Retry-After: no request to it for %g s%s",
                key, response.status, wait, capped,
            )
        state.pause_until = until
        slot = self._slot(key)
        if slot is not None:
            # The pause counts from now, not from when the last request was sent.
            slot.lastseen = max(slot.lastseen, now)
        if state.timer is not None:
            state.timer.cancel()
        state.timer = call_later(wait, self._pause_over, key)
        self._apply(key)
        return True

    def _pause_over(self, key: str) -> None:
        state = self.hosts.get(key)
        if state is None:
            return
        state.timer = None
        logger.debug("Retry-After pause of host %s is over", key)
        self._apply(key, reset=True)

    # --- the slot ----------------------------------------------------------------------

    def _slot(self, key: str) -> Slot | None:
        engine = getattr(self.crawler, "engine", None)
        downloader = getattr(engine, "downloader", None)
        return downloader.slots.get(key) if downloader is not None else None

    def _apply(self, key: str, reset: bool = False) -> None:
        """Bring the slot of ``key`` in line with its state.

        Without ``reset`` delays are only raised (AutoThrottle may have raised them
        further: that stays). With ``reset`` (a pause ended, the host recovered) the
        slot first gets back the delay and jitter it had before we touched it.
        """
        state = self.hosts.get(key)
        slot = self._slot(key)
        if state is None or slot is None:
            return
        if state.slot is not slot:  # first sight, or Scrapy rebuilt an idle slot
            state.slot, state.saved = slot, None
        if reset and state.saved is not None:
            slot.delay, slot.jitter = state.saved
        floor = 0.0
        now = monotonic()
        if state.extra or state.pause_until > now:
            if state.saved is None:
                state.saved = (slot.delay, slot.jitter)
            if state.extra:
                floor = state.saved[0] + state.extra
            if state.pause_until > now:
                floor = max(floor, state.pause_until - slot.lastseen)
        if floor > 0:
            hold_at_least(slot, floor)
        else:
            state.saved = None


def _slot_key(request: Request) -> str:
    """The download slot's key, as Scrapy's downloader makes it (set in the meta only
    once the request has been queued there)."""
    return request.meta.get("download_slot") or urlsplit(request.url).hostname or ""


def _is_robots_txt(request: Request) -> bool:
    return urlsplit(request.url).path == "/robots.txt"
