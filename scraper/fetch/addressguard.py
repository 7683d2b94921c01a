"""AddressGuardMiddleware: the crawler only talks to public web servers (SSRF guard).

Site configs, sitemaps, feeds and redirects all name URLs the crawler will fetch. A
hostile or mistaken one could point it at this machine, the local network or the cloud
provider's metadata service. So, by default, every request (redirects included: Scrapy's
RedirectMiddleware sends each new request through the downloader middlewares again) is
refused with :class:`~scrapy.exceptions.IgnoreRequest` when:

* its scheme is not ``http`` or ``https`` (``file:``, ``data:``, ``ftp:``, ``s3:`` ...);
* its URL carries credentials (``user:pass@host``); they are never logged;
* its host is a local or metadata name (``localhost``, ``*.localhost``,
  ``metadata.google.internal`` ...);
* its host is, literally or after DNS resolution (every resolved address counts; one
  bad address refuses the request), a loopback, private, link-local (cloud metadata
  included), unspecified, multicast, reserved, shared (CGNAT, 100.64.0.0/10) or otherwise
  non-global address, IPv4 addresses embedded in IPv6 (``::ffff:10.0.0.1``, 6to4,
  NAT64) included.

Each refusal is counted in the stats as ``addressguard/refused/<reason>`` and logged
once, as ``Refused <url>: <why>``. A host that does not resolve is not a refusal: the
request fails with :class:`~twisted.internet.error.DNSLookupError`, as the download would
have, so retries and the per-site failure counts work as usual.

Settings:

* ``SCRAPER_ALLOW_PRIVATE`` (``scraper crawl --allow-private``): switch the guard off,
  for crawling sites on this machine or the local network (the demo, the tests);
* ``ADDRESSGUARD_ALLOW``: hosts and networks treated as public all the same, such as
  ``["intranet.example", "10.20.0.0/16"]``;
* ``ADDRESSGUARD_DNS_TTL``: seconds a host's resolved addresses are remembered;
* ``DNS_TIMEOUT`` (Scrapy's): how long a resolution may take.

Resolution never blocks the reactor. This check is the early, counted refusal; what
stops DNS rebinding (a name answering a public address for this check and a private one
when Scrapy connects) is :class:`scraper.fetch.resolver.GuardedResolver`, the project's
``TWISTED_DNS_RESOLVER``: it applies the same policy to the addresses Twisted connects
to. When it is installed the guard resolves through it (one cached answer for both) and
counts its refusals too.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from twisted.internet.error import DNSLookupError

from scraper.config.project import require
from scraper.crawl.logformatter import redact_url
from scraper.crawl.stats import REFUSED, site_key

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str], Awaitable[Sequence[str]]]

ALLOWED_SCHEMES = frozenset({"http", "https"})

LOCAL_NAMES = frozenset({
    "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback",
})
METADATA_NAMES = frozenset({
    "metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal",
    "metadata.azure.internal",
})
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean ...
    "169.254.170.2",  # AWS ECS task metadata
    "fd00:ec2::254",  # AWS over IPv6
    "100.100.100.200",  # Alibaba Cloud
))
SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT (RFC 6598)
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # IPv4 embedded in the last 32 bits

CACHE_SIZE = 4096


# --- Classification ---------------------------------------------------------------------


def normalize_host(host: str) -> str:
    """Lower case, without the trailing dot of a fully qualified name."""
    return host.strip().lower().rstrip(".")


def parse_address(host: str) -> IPAddress | None:
    """The IP address ``host`` spells, in any form the system resolver would accept.

    Besides the standard forms this takes the old shorthand ones (``127.1``,
    ``0x7f000001``, ``2130706433``), which ``getaddrinfo`` reads as IPv4 addresses too.
    """
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if not host or not all(c in "0123456789abcdefx." for c in host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv4-mapped, 6to4 or NAT64 address."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_problem(address: IPAddress) -> str | None:
    """Why the crawler must not connect to ``address``, or None for a public address.

    The reason is one word: ``metadata``, ``unspecified``, ``loopback``, ``link-local``,
    ``multicast``, ``shared``, ``private``, ``reserved`` or ``not-global``.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # the same IPv4 address on the wire
            return address_problem(address.ipv4_mapped)
        if address in NAT64:  # the gateway connects to the embedded IPv4 address
            return address_problem(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        embedded = _embedded_ipv4(address)  # 6to4: a relay forwards to it
        if embedded is not None:
            problem = address_problem(embedded)
            if problem:
                return problem
    if address in METADATA_ADDRESSES:
        return "metadata"
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in SHARED:
        return "shared"
    if address.is_private:
        return "private"
    if address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "not-global"
    return None


def name_problem(host: str) -> str | None:
    """Why a host *name* is refused before any resolution (``loopback``, ``metadata``)."""
    host = normalize_host(host)
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return "loopback"
    if host in METADATA_NAMES:
        return "metadata"
    return None


@dataclass(frozen=True)
class Refusal:
    reason: str
    """One word, used in the stats key ``addressguard/refused/<reason>``."""
    detail: str
    """For the log line; never contains the URL's credentials."""


class AddressPolicy:
    """Which URLs may be fetched, with an allowlist of hosts and networks.

    ``allow`` entries are IP networks or addresses (``10.20.0.0/16``, ``127.0.0.2``),
    treated as public, or host names (``intranet.example``), fetched without any check of
    what they resolve to.
    """

    def __init__(self, allow: Iterable[str] = ()) -> None:
        self.allowed_networks: list[IPNetwork] = []
        self.allowed_names: set[str] = set()
        for entry in allow:
            entry = entry.strip()
            if not entry:
                continue
            try:
                self.allowed_networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self.allowed_names.add(normalize_host(entry))

    def _allowed(self, address: IPAddress) -> bool:
        candidates = [address]
        if isinstance(address, ipaddress.IPv6Address):
            if address.scope_id:
                candidates.append(ipaddress.IPv6Address(int(address)))
            embedded = _embedded_ipv4(address)
            if embedded is not None:
                candidates.append(embedded)
        return any(a in net for a in candidates for net in self.allowed_networks if a.version == net.version)

    def check_address(self, address: IPAddress) -> str | None:
        """``address_problem``, but None for allowlisted addresses."""
        if self._allowed(address):
            return None
        return address_problem(address)

    def check_url(self, url: str) -> tuple[Refusal | None, str | None]:
        """What can be decided from the URL alone.

        Returns ``(refusal, None)`` for a refused URL, ``(None, None)`` for an allowed
        one, or ``(None, host)`` when ``host`` has to be resolved and every one of its
        addresses checked with :meth:`check_address`.
        """
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:
            return Refusal("invalid", "the URL cannot be parsed"), None
        scheme = parts.scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            return Refusal("scheme", f"scheme {scheme or '(none)'!r} is not http or https"), None
        if "@" in parts.netloc:
            return Refusal("userinfo", "the URL carries credentials (user:password@)"), None
        if not host:
            return Refusal("invalid", "the URL has no host"), None
        host = normalize_host(host)
        if host in self.allowed_names:
            return None, None
        problem = name_problem(host)
        if problem:
            return Refusal(problem, f"host {host} is a {problem} name"), None
        address = parse_address(host)
        if address is not None:
            problem = self.check_address(address)
            if problem:
                return Refusal(problem, f"{address} is a {problem} address"), None
            return None, None
        return None, host


# --- Resolution ---------------------------------------------------------------------------


async def system_resolve(host: str) -> list[str]:
    """Every address ``getaddrinfo`` gives for ``host``, without blocking the reactor."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # a non-asyncio Twisted reactor drives this coroutine
        from twisted.internet.threads import deferToThread

        infos = await deferToThread(socket.getaddrinfo, host, None, 0, socket.SOCK_STREAM)
    else:
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class _Cache:
    """Resolved addresses by host, each for ``ttl`` seconds, at most ``CACHE_SIZE`` hosts."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._entries: dict[str, tuple[float, tuple[IPAddress, ...]]] = {}

    def get(self, host: str) -> tuple[IPAddress, ...] | None:
        entry = self._entries.get(host)
        if entry is None:
            return None
        if entry[0] <= self.clock():
            del self._entries[host]
            return None
        return entry[1]

    def put(self, host: str, addresses: tuple[IPAddress, ...]) -> None:
        if self.ttl <= 0:
            return
        self._entries.pop(host, None)
        while len(self._entries) >= CACHE_SIZE:
            del self._entries[next(iter(self._entries))]  # the oldest
        self._entries[host] = (self.clock() + self.ttl, addresses)


def _installed_resolver() -> Any:
    """The reactor's :class:`~scraper.fetch.resolver.GuardedResolver`, if it is installed."""
    import sys

    from scraper.fetch.resolver import GuardedResolver

    reactor = sys.modules.get("twisted.internet.reactor")  # never install one just to look
    resolver = getattr(reactor, "nameResolver", None)
    return resolver if isinstance(resolver, GuardedResolver) else None


# --- The middleware ---------------------------------------------------------------------


class AddressGuardMiddleware:
    """Refuse requests to non-http(s) schemes and to non-public addresses (see module doc)."""

    def __init__(
        self,
        stats: Any = None,
        *,
        allow: Iterable[str],
        dns_ttl: float,
        dns_timeout: float,
        resolver: Resolver | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stats = stats
        self.policy = AddressPolicy(allow)
        self.dns_timeout = dns_timeout
        self.resolver: Resolver = resolver or system_resolve
        self.cache = _Cache(dns_ttl, clock)
        self._looked_for_shared = resolver is not None  # a resolver given is used as it is

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressGuardMiddleware:
        settings = crawler.settings
        require(settings, "SCRAPER_ALLOW_PRIVATE", "ADDRESSGUARD_ALLOW", "ADDRESSGUARD_DNS_TTL", "DNS_TIMEOUT")
        if settings.getbool("SCRAPER_ALLOW_PRIVATE"):
            logger.warning(
                "SCRAPER_ALLOW_PRIVATE is on (--allow-private): requests to loopback, private, "
                "link-local and metadata addresses and to non-public hosts are allowed"
            )
            raise NotConfigured
        return cls(
            crawler.stats,
            allow=settings.getlist("ADDRESSGUARD_ALLOW"),
            dns_ttl=settings.getfloat("ADDRESSGUARD_DNS_TTL"),
            dns_timeout=settings.getfloat("DNS_TIMEOUT"),
        )

    def _share_resolver(self) -> None:
        """Resolve through the reactor's GuardedResolver, if installed (it is once the reactor runs)."""
        self._looked_for_shared = True
        shared = _installed_resolver()
        if shared is None:
            return
        self.resolver = shared.resolve_names
        self.cache = _Cache(0.0)  # its cache is the one answer the check and the connection use
        shared.add_listener(self._count_connect_refusal)

    def _count_connect_refusal(self, host: str, refusal: Refusal) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"addressguard/refused/{refusal.reason}")

    async def process_request(self, request: Any) -> None:
        refusal = await self.check(request.url)
        if refusal is not None:
            self._refuse(request, refusal)
        return None

    async def check(self, url: str) -> Refusal | None:
        """Why ``url`` must not be fetched, or None. Raises DNSLookupError if unresolvable."""
        refusal, host = self.policy.check_url(url)
        if refusal is not None or host is None:
            return refusal
        for address in await self.resolve(host):
            problem = self.policy.check_address(address)
            if problem:
                return Refusal(problem, f"host {host} resolves to {address}, a {problem} address")
        return None

    async def resolve(self, host: str) -> tuple[IPAddress, ...]:
        if not self._looked_for_shared:
            self._share_resolver()
        cached = self.cache.get(host)
        if cached is not None:
            return cached
        try:
            lookup = self.resolver(host)
            if _loop_running():
                names = await asyncio.wait_for(lookup, self.dns_timeout)
            else:  # a non-asyncio reactor: no asyncio timeout, the resolver's own applies
                names = await lookup
            addresses = tuple(dict.fromkeys(ipaddress.ip_address(name) for name in names))
        except TimeoutError:
            raise DNSLookupError(f"{host}: no answer in {self.dns_timeout:g} s") from None
        except (OSError, UnicodeError, ValueError) as exc:
            raise DNSLookupError(f"{host}: {exc}") from None
        if not addresses:
            raise DNSLookupError(f"{host}: no addresses")
        self.cache.put(host, addresses)
        return addresses

    def _refuse(self, request: Any, refusal: Refusal) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"addressguard/refused/{refusal.reason}")
            site = request.meta.get("site")
            if site:  # the summary's ``refused`` column, and the crawl's exit code
                self.stats.inc_value(site_key(site, REFUSED))
        logger.warning("Refused %s: %s", redact_url(request.url), refusal.detail)
        raise IgnoreRequest(f"address guard: {refusal.detail}")
