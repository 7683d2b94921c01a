"""RobotsTxtMiddleware: robots.txt as RFC 9309 says, for every request of a host.

It replaces Scrapy's middleware of the same name, which lets requests through unchecked
while robots.txt is still being fetched (only the first request waiting on the fetch
gets the parser; the others get ``None``, which means "allowed"), reads a robots.txt
that answers 5xx or cannot be fetched at all as "allow everything", and obeys the body
of a 404. Here, per origin (``scheme://host:port``, robots.txt's scope):

* no request goes out before the origin's robots.txt is settled; every request that
  arrives while it is being fetched waits for it, and all of them get the answer;
* **2xx**: the first ``ROBOTSTXT_MAX_BYTES`` of the body are parsed with Scrapy's
  ``ROBOTSTXT_PARSER`` backend and obeyed for ``ROBOTSTXT_USER_AGENT`` (or the request's
  ``User-Agent``); Scrapy's ``robots_parsed`` signal is sent (``CrawlDelayMiddleware``
  reads ``Crawl-delay`` from it) before any waiting request goes on. ``/robots.txt``
  itself is always allowed (the spider reads its ``Sitemap:`` lines): another request
  for it gets the response already fetched, not a second download (counted as
  ``robotstxt/reused``);
* **3xx**: followed by Scrapy's ``RedirectMiddleware``, at most ``ROBOTSTXT_MAX_REDIRECTS``
  times, to any host (the address guard still checks each one);
* **4xx** (a 404 whatever its body says): no robots.txt, everything allowed;
* **5xx, 429, any other status, a network error** (timeout, reset, refused, DNS), **a
  body over** ``DOWNLOAD_MAXSIZE`` (announced, received or decompressed), **too many
  redirects**, **a binary body** (NUL bytes) or one the parser backend fails on: the
  origin is *unreachable* and every request to it is refused. Its robots.txt is fetched
  again by the first request that arrives ``ROBOTSTXT_RETRY_AFTER`` seconds later, at
  most ``ROBOTSTXT_MAX_RETRIES`` times per crawl; then the origin stays refused.

The robots.txt request goes through the other downloader middlewares as any request
does (the address guard at 60 first, Scrapy's retries of 5xx and timeouts included).
Refused requests raise :class:`~scrapy.exceptions.IgnoreRequest`, as Scrapy's middleware
does. Each origin's outcome is logged once per fetch of its robots.txt, and the first
request its rules forbid once; the rest only counted.

Settings: ``ROBOTSTXT_OBEY`` (off: not built), ``ROBOTSTXT_PARSER``,
``ROBOTSTXT_USER_AGENT``, ``ROBOTSTXT_MAX_BYTES``, ``ROBOTSTXT_MAX_REDIRECTS``,
``ROBOTSTXT_RETRY_AFTER``, ``ROBOTSTXT_MAX_RETRIES``. Stats: Scrapy's
``robotstxt/request_count``, ``robotstxt/response_count``,
``robotstxt/response_status_count/<status>``, ``robotstxt/exception_count/<error>`` and
``robotstxt/forbidden`` (requests refused by the rules), plus ``robotstxt/unreachable``
(requests refused because robots.txt is unreachable), ``robotstxt/retry_count`` and
``robotstxt/truncated`` (bodies cut at ``ROBOTSTXT_MAX_BYTES``) and ``robotstxt/reused``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.defer import Deferred

from scraper.config.project import require
from scraper.crawl.logformatter import redact_url, scrub

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)

PENDING = "pending"
RULES = "rules"  # 2xx: obey the parsed rules
ALLOW_ALL = "allow_all"  # 4xx: there is no robots.txt
UNREACHABLE = "unreachable"  # disallow all, retry later

STATS_FORBIDDEN = "robotstxt/forbidden"
STATS_UNREACHABLE = "robotstxt/unreachable"
STATS_RETRY = "robotstxt/retry_count"
STATS_TRUNCATED = "robotstxt/truncated"
STATS_REUSED = "robotstxt/reused"

# Raised for refused requests; the reason is logged per origin, not in the message (the
# spider reads IgnoreRequest messages for its own skips: DOWNLOAD_MAXSIZE, redirects).
FORBIDDEN_MESSAGE = "Forbidden by robots.txt"
UNREACHABLE_MESSAGE = "robots.txt unreachable: every request to the host is refused for now"


def robots_verdict(status: int) -> str:
    """What a robots.txt response status means (RFC 9309 2.3.1).

    429 counts as a server error, as Google reads it: the host asks us to slow down.
    A 3xx that reaches here could not be followed (no ``Location``, 304 ...).
    """
    if 200 <= status < 300:
        return RULES
    if 400 <= status < 500 and status != 429:
        return ALLOW_ALL
    return UNREACHABLE


def origin_of(request: Request) -> str:
    """The scope of a robots.txt: scheme, host and port of ``request``."""
    url = urlparse_cached(request)
    return f"{url.scheme}://{url.netloc}".lower()


def exception_reason(exc: BaseException) -> str:
    """A short, secret-free description of why robots.txt could not be downloaded."""
    text = scrub(str(exc)).strip()
    if len(text) > 160:
        text = text[:157] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@dataclass
class OriginRobots:
    """What is known about one origin's robots.txt."""

    verdict: str = PENDING
    parser: RobotParser | None = None
    reason: str = ""  # why UNREACHABLE
    fetches: int = 0  # robots.txt downloads started
    retry_at: float = 0.0  # monotonic time after which an UNREACHABLE one is fetched again
    waiters: list[Deferred[None]] = field(default_factory=list)
    forbidden_logged: bool = False
    response: Response | None = None  # the robots.txt answer (2xx or 4xx) given to later requests for it


class RobotsTxtMiddleware:
    """Downloader middleware: refuse requests robots.txt (RFC 9309) does not allow."""

    DOWNLOAD_PRIORITY: int = 1000  # as Scrapy's: robots.txt before anything else

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self._stats = crawler.stats
        self._default_agent: str = settings["USER_AGENT"]
        self._robots_agent: str | None = settings["ROBOTSTXT_USER_AGENT"]
        self.max_bytes: int = settings.getint("ROBOTSTXT_MAX_BYTES")
        self.max_redirects: int = settings.getint("ROBOTSTXT_MAX_REDIRECTS")
        self.retry_after: float = settings.getfloat("ROBOTSTXT_RETRY_AFTER")
        self.max_retries: int = settings.getint("ROBOTSTXT_MAX_RETRIES")
        self._parser_class: type[RobotParser] = load_object(settings["ROBOTSTXT_PARSER"])
        build_from_crawler(self._parser_class, crawler, b"")  # fails now if the backend is missing
        self.origins: dict[str, OriginRobots] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsTxtMiddleware:
        settings = crawler.settings
        require(
            settings, "ROBOTSTXT_OBEY", "ROBOTSTXT_PARSER", "ROBOTSTXT_MAX_BYTES",
            "ROBOTSTXT_MAX_REDIRECTS", "ROBOTSTXT_RETRY_AFTER", "ROBOTSTXT_MAX_RETRIES",
        )
        if not settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured("ROBOTSTXT_OBEY is off")
        return cls(crawler)

    async def process_request(self, request: Request, spider: Any = None) -> Response | None:
        """Wait until the origin's robots.txt is settled, then let ``request`` pass or refuse it.

        A request for the robots.txt just fetched gets that response: one download per
        origin and crawl, not two (the spider asks for it for its ``Sitemap:`` lines)."""
        if request.meta.get("dont_obey_robotstxt"):
            return None
        if urlparse_cached(request).scheme not in ("http", "https"):
            return None
        origin = origin_of(request)
        robots = await self._settled(origin, request)
        self._check(origin, robots, request)
        if robots.response is not None and request.url == f"{origin}/robots.txt":
            self._stats.inc_value(STATS_REUSED)
            return robots.response.replace(request=None)  # the engine gives it this request
        return None

    # --- settling an origin's robots.txt ----------------------------------------------

    async def _settled(self, origin: str, request: Request) -> OriginRobots:
        robots = self.origins.get(origin)
        if robots is None:
            robots = self.origins[origin] = OriginRobots()
            await self._fetch(origin, robots, request)
        elif (
            robots.verdict == UNREACHABLE
            and robots.fetches <= self.max_retries
            and time.monotonic() >= robots.retry_at
        ):
            self._stats.inc_value(STATS_RETRY)
            await self._fetch(origin, robots, request)
        elif robots.verdict == PENDING:
            waiter: Deferred[None] = Deferred()
            robots.waiters.append(waiter)
            await maybe_deferred_to_future(waiter)
        return robots

    async def _fetch(self, origin: str, robots: OriginRobots, request: Request) -> None:
        """Download and judge robots.txt; whatever happens, wake every waiting request."""
        robots.verdict = PENDING
        robots.fetches += 1
        robots_request = Request(
            f"{origin}/robots.txt",
            priority=self.DOWNLOAD_PRIORITY,
            meta={
                "dont_obey_robotstxt": True,
                "allow_offsite": True,  # example.com/robots.txt -> www.example.com/robots.txt
                "redirect_ttl": self.max_redirects,
            },
            callback=NO_CALLBACK,
        )
        self._stats.inc_value("robotstxt/request_count")
        try:
            try:
                response = await self.crawler.engine.download_async(robots_request)
            except (asyncio.CancelledError, GeneratorExit):
                raise
            except Exception as exc:
                self._stats.inc_value(f"robotstxt/exception_count/{type(exc).__name__}")
                self._unreachable(origin, robots, exception_reason(exc))
                return
            await self._judge(origin, robots, response, request)
        finally:
            if robots.verdict == PENDING:  # cancelled (the crawl is closing)
                self._unreachable(origin, robots, "download cancelled")
            waiters, robots.waiters = robots.waiters, []
            for waiter in waiters:
                waiter.callback(None)

    async def _judge(self, origin: str, robots: OriginRobots, response: Response, request: Request) -> None:
        status = response.status
        self._stats.inc_value("robotstxt/response_count")
        self._stats.inc_value(f"robotstxt/response_status_count/{status}")
        verdict = robots_verdict(status)
        robots.response = None
        if verdict == ALLOW_ALL:
            robots.verdict, robots.parser, robots.response = ALLOW_ALL, None, response
            logger.info("robots.txt of %s answered %d: no robots.txt, every path allowed", redact_url(origin), status)
            return
        if verdict == UNREACHABLE:
            self._unreachable(origin, robots, f"HTTP {status}")
            return
        body = response.body
        if len(body) > self.max_bytes:
            self._stats.inc_value(STATS_TRUNCATED)
            logger.info("robots.txt of %s is %d bytes: only the first %d are read",
                        redact_url(origin), len(body), self.max_bytes)
            body = body[: self.max_bytes]
        if b"\x00" in body:
            self._unreachable(origin, robots, "binary body (NUL bytes), not a robots.txt")
            return
        try:
            parser = build_from_crawler(self._parser_class, self.crawler, body)
        except Exception as exc:
            self._unreachable(origin, robots, f"unparseable ({exception_reason(exc)})")
            return
        robots.parser, robots.response = parser, response
        await self.crawler.signals.send_catch_log_async(
            signal=signals.robots_parsed, robotparser=parser, request=request,
        )
        robots.verdict = RULES

    def _unreachable(self, origin: str, robots: OriginRobots, reason: str) -> None:
        robots.verdict, robots.parser, robots.reason, robots.response = UNREACHABLE, None, reason, None
        retries_left = self.max_retries - (robots.fetches - 1)
        if retries_left > 0:
            robots.retry_at = time.monotonic() + self.retry_after
            then = (f"robots.txt is fetched again after {self.retry_after:g} s "
                    f"({retries_left} more time{'s' if retries_left > 1 else ''} at most)")
        else:
            then = "not fetched again in this crawl"
        logger.warning(
            "robots.txt of %s unreachable (%s): every request to it is refused; %s",
            redact_url(origin), reason, then,
        )

    # --- judging a request ------------------------------------------------------------

    def _user_agent(self, request: Request) -> str | bytes:
        if self._robots_agent:
            return self._robots_agent
        return request.headers.get(b"User-Agent") or self._default_agent

    def _check(self, origin: str, robots: OriginRobots, request: Request) -> None:
        if robots.verdict == ALLOW_ALL:
            return
        if robots.verdict != RULES or robots.parser is None:
            self._stats.inc_value(STATS_UNREACHABLE)
            logger.debug("Refused %s: robots.txt unreachable (%s)", redact_url(request.url), robots.reason)
            raise IgnoreRequest(UNREACHABLE_MESSAGE)
        if urlparse_cached(request).path == "/robots.txt":  # RFC 9309 2.2.2: always allowed
            return
        if robots.parser.allowed(request.url, self._user_agent(request)):
            return
        self._stats.inc_value(STATS_FORBIDDEN)
        if not robots.forbidden_logged:
            robots.forbidden_logged = True
            logger.info("Forbidden by robots.txt of %s: %s (and any further such request, only counted)",
                        redact_url(origin), redact_url(request.url))
        else:
            logger.debug("Forbidden by robots.txt: %s", redact_url(request.url))
        raise IgnoreRequest(FORBIDDEN_MESSAGE)
