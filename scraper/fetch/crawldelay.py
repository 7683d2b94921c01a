"""CrawlDelayMiddleware: honour the ``Crawl-delay`` of a site's robots.txt.

Scrapy's ``RobotsTxtMiddleware`` fetches and parses robots.txt once per host and sends
the ``robots_parsed`` signal; Scrapy itself only uses the parser's allow/deny rules.
This middleware asks the parser for the ``Crawl-delay`` that applies to our user agent
and turns it into a *floor* of that host's download slot delay:

* the slot's ``delay`` becomes ``max(delay, min(crawl_delay, CRAWLDELAY_MAX))``;
* the slot's ``jitter`` (Scrapy's ±random variation of the delay) is narrowed so that
  even the shortest randomised delay is not below the floor;
* the floor is applied again whenever a request reaches the downloader and after every
  response, after AutoThrottle's own adjustment (AutoThrottle only knows the global
  ``DOWNLOAD_DELAY`` as its minimum and would otherwise lower the delay again), and to
  slots that Scrapy rebuilt after garbage-collecting idle ones.

Settings: ``CRAWLDELAY_ENABLED`` (default True), ``CRAWLDELAY_MAX`` (seconds, default
60). Needs ``ROBOTSTXT_OBEY``: without it robots.txt is never read. Stats:
``crawldelay/applied`` (hosts whose Crawl-delay was applied).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.httpobj import urlparse_cached

from scraper.config.project import require

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.core.downloader import Slot
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)

STATS_APPLIED = "crawldelay/applied"


def effective_crawl_delay(value: float | None, cap: float) -> float | None:
    """The delay to honour for a robots.txt ``Crawl-delay`` of ``value`` seconds.

    ``None`` when there is nothing to honour (no directive, zero, negative, not a
    number); otherwise ``value`` capped at ``cap``.
    """
    if value is None or value != value or value <= 0:  # value != value: NaN
        return None
    return min(float(value), cap)


def narrowed_jitter(delay: float, floor: float, jitter: float) -> float:
    """The largest jitter, at most ``jitter``, that keeps a randomised ``delay`` >= ``floor``.

    Scrapy waits ``delay * (1 + uniform(-jitter, jitter))`` between two requests of a
    slot, so the shortest wait is ``delay * (1 - jitter)``.
    """
    if delay <= 0 or floor <= 0:
        return jitter
    return max(0.0, min(jitter, 1.0 - floor / delay))


def hold_at_least(slot: Slot, floor: float) -> bool:
    """Make ``slot`` wait at least ``floor`` seconds between two requests.

    Raises the slot delay to ``floor`` if it is lower and narrows its jitter; never
    lowers anything. Returns whether the slot changed.
    """
    before = (slot.delay, slot.jitter)
    if slot.delay < floor:
        slot.delay = floor
    slot.jitter = narrowed_jitter(slot.delay, floor, slot.jitter)
    return (slot.delay, slot.jitter) != before


class CrawlDelayMiddleware:
    """Downloader middleware (no request/response hooks: it works through signals).

    Settings: ``CRAWLDELAY_ENABLED`` (off, or ``ROBOTSTXT_OBEY`` off: not built),
    ``CRAWLDELAY_MAX``; the agent is Scrapy's ``ROBOTSTXT_USER_AGENT`` or ``USER_AGENT``.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_delay: float = settings.getfloat("CRAWLDELAY_MAX")
        self._robots_agent: str | None = settings.get("ROBOTSTXT_USER_AGENT")
        self._default_agent: str = settings["USER_AGENT"]  # as Scrapy's RobotsTxtMiddleware reads it
        self.floors: dict[str, float] = {}
        """Slot key -> seconds to keep between two requests of that slot."""
        self._hosts_seen: set[str] = set()
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.request_reached_downloader, signal=signals.request_reached_downloader)
        # Connected after the extensions (AutoThrottle among them) were built, so this
        # runs after AutoThrottle has adjusted the delay for the same response.
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelayMiddleware:
        settings = crawler.settings
        require(settings, "CRAWLDELAY_ENABLED", "CRAWLDELAY_MAX")
        if not settings.getbool("CRAWLDELAY_ENABLED"):
            raise NotConfigured("CRAWLDELAY_ENABLED is off")
        if not settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured("ROBOTSTXT_OBEY is off: robots.txt is not read")
        return cls(crawler)

    def _user_agent(self, request: Request) -> str | bytes:
        # The same agent RobotsTxtMiddleware checks the allow/deny rules with.
        if self._robots_agent:
            return self._robots_agent
        return request.headers.get(b"User-Agent") or self._default_agent

    def _slot(self, key: str) -> Slot | None:
        engine = getattr(self.crawler, "engine", None)
        downloader = getattr(engine, "downloader", None)
        return downloader.slots.get(key) if downloader is not None else None

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        host = urlparse_cached(request).netloc
        try:
            raw = robotparser.crawl_delay(self._user_agent(request))
        except Exception:  # a parser backend without (working) Crawl-delay support
            logger.debug("Cannot read Crawl-delay from the robots.txt of %s", host, exc_info=True)
            return
        delay = effective_crawl_delay(raw, self.max_delay)
        if delay is None:
            return
        key = self.crawler.engine.downloader.get_slot_key(request)
        self.floors[key] = max(delay, self.floors.get(key, 0.0))
        if host not in self._hosts_seen:
            self._hosts_seen.add(host)
            self.crawler.stats.inc_value(STATS_APPLIED)
            capped = f" (robots.txt asks {raw:g} s, capped by CRAWLDELAY_MAX)" if delay < raw else ""
            logger.info(
                "robots.txt of %s sets Crawl-delay: at least %g s between requests%s",
                host, delay, capped,
            )
        self._hold(key)

    def _hold(self, key: str) -> None:
        floor = self.floors.get(key)
        slot = self._slot(key) if floor else None
        if slot is not None and floor is not None:
            hold_at_least(slot, floor)

    def request_reached_downloader(self, request: Request, spider: Any = None) -> None:
        key = request.meta.get("download_slot")
        if key in self.floors:
            self._hold(key)

    def response_downloaded(self, response: Response, request: Request, spider: Any = None) -> None:
        key = request.meta.get("download_slot")
        if key in self.floors:
            self._hold(key)
