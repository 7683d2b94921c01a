"""GuardedResolver: the address guard's policy applied to the address actually connected to.

The address guard middleware checks what a host resolves to before a request is sent; if
Twisted then resolved the name again to connect, a DNS server answering differently each
time (DNS rebinding: a public address for the check, a private one for the connection)
would get the crawler onto the private one. Installed as Scrapy's ``TWISTED_DNS_RESOLVER``
(the project settings do), this resolver is the one resolution both use:

* a host is resolved once (``getaddrinfo`` on the reactor's thread pool, ``DNS_TIMEOUT``)
  and its answer kept for ``ADDRESSGUARD_DNS_TTL`` seconds; the middleware asks this
  resolver too, so within the TTL the check and the connection see the same addresses;
* Twisted gets the addresses only if every one passes the
  :class:`~scraper.fetch.addressguard.AddressPolicy` (``ADDRESSGUARD_ALLOW`` included);
  otherwise it gets none, so the connection is never attempted and the request fails as
  an unresolvable host would (``fetch_failed/dns``). Such a refusal is logged once per
  host and answer (``Refused connection to <host>: ...``) and counted as
  ``addressguard/refused/<reason>`` by the crawler's middleware.

With ``SCRAPER_ALLOW_PRIVATE`` every answer is handed on unchecked. A proxy
(``HTTP_PROXY``) is connected to through this resolver as well: a proxy on a private
address has to be listed in ``ADDRESSGUARD_ALLOW``.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Sequence
from typing import Any

from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.defer import Deferred, succeed
from twisted.internet.interfaces import IHostnameResolver, IHostResolution, IResolutionReceiver
from twisted.internet.threads import deferToThreadPool
from zope.interface import implementer

from scraper.config.project import require
from scraper.fetch.addressguard import AddressPolicy, IPAddress, Refusal, _Cache, name_problem, normalize_host

logger = logging.getLogger(__name__)

Listener = Callable[[str, Refusal], None]
"""Told of every connection refused: ``(host, refusal)``."""


def getaddrinfo_addresses(host: str) -> tuple[IPAddress, ...]:
    """Every address ``getaddrinfo`` gives for ``host`` (blocking: run it in a thread)."""
    infos = socket.getaddrinfo(host, None, 0, socket.SOCK_STREAM)
    return tuple(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos))


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str) -> None:
        self.name = name

    def cancel(self) -> None:  # nothing to cancel: the lookup's answer is simply dropped
        pass


@implementer(IHostnameResolver)
class GuardedResolver:
    """Resolve once, and give Twisted only addresses the address policy allows (see module doc)."""

    def __init__(
        self,
        reactor: Any,
        *,
        allow: Sequence[str],
        allow_private: bool,
        dns_ttl: float,
        dns_timeout: float,
        lookup: Callable[[str], tuple[IPAddress, ...]] = getaddrinfo_addresses,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.reactor = reactor
        self.policy: AddressPolicy | None = None if allow_private else AddressPolicy(allow)
        self.dns_timeout = dns_timeout
        self.cache = _Cache(dns_ttl, clock)
        self._lookup = lookup
        self._listeners: list[Listener] = []
        self._logged: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        settings = crawler.settings
        require(settings, "SCRAPER_ALLOW_PRIVATE", "ADDRESSGUARD_ALLOW", "ADDRESSGUARD_DNS_TTL", "DNS_TIMEOUT")
        return cls(
            reactor,
            allow=settings.getlist("ADDRESSGUARD_ALLOW"),
            allow_private=settings.getbool("SCRAPER_ALLOW_PRIVATE"),
            dns_ttl=settings.getfloat("ADDRESSGUARD_DNS_TTL"),
            dns_timeout=settings.getfloat("DNS_TIMEOUT"),
        )

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    def add_listener(self, listener: Listener) -> None:
        """Have ``listener`` told of each connection refused (the middleware counts them)."""
        self._listeners.append(listener)

    # --- one resolution, shared ---------------------------------------------------------

    def lookup(self, host: str) -> Deferred[tuple[IPAddress, ...]]:
        """The addresses of ``host``: the remembered answer, or a new lookup (then remembered)."""
        host = normalize_host(host)
        cached = self.cache.get(host)
        if cached is not None:
            return succeed(cached)
        d: Deferred[tuple[IPAddress, ...]] = deferToThreadPool(
            self.reactor, self.reactor.getThreadPool(), self._lookup, host
        )
        if self.dns_timeout > 0:
            d.addTimeout(self.dns_timeout, self.reactor)

        def remember(addresses: tuple[IPAddress, ...]) -> tuple[IPAddress, ...]:
            if addresses:
                self.cache.put(host, addresses)
            return addresses

        return d.addCallback(remember)

    async def resolve_names(self, host: str) -> list[str]:
        """:meth:`lookup` as the middleware's resolver: awaitable, addresses as text."""
        from scrapy.utils.defer import maybe_deferred_to_future

        return [str(address) for address in await maybe_deferred_to_future(self.lookup(host))]

    def check(self, host: str, addresses: Sequence[IPAddress]) -> Refusal | None:
        """Why none of ``addresses`` may be connected to for ``host``, or None (one bad one refuses all)."""
        if self.policy is None:
            return None
        host = normalize_host(host)
        if host in self.policy.allowed_names:
            return None
        problem = name_problem(host)
        if problem:
            return Refusal(problem, f"host {host} is a {problem} name")
        for address in addresses:
            problem = self.policy.check_address(address)
            if problem:
                return Refusal(problem, f"host {host} resolves to {address}, a {problem} address")
        return None

    # --- IHostnameResolver --------------------------------------------------------------

    def resolveHostName(  # noqa: N802 (Twisted's interface)
        self,
        resolutionReceiver: IResolutionReceiver,  # noqa: N803
        hostName: str,  # noqa: N803
        portNumber: int = 0,  # noqa: N803
        addressTypes: Sequence[type] | None = None,  # noqa: N803
        transportSemantics: str = "TCP",  # noqa: N803
    ) -> IHostResolution:
        name = hostName.decode("ascii") if isinstance(hostName, bytes) else hostName
        resolution = _Resolution(name)
        resolutionReceiver.resolutionBegan(resolution)
        wanted = tuple(addressTypes) if addressTypes else (IPv4Address, IPv6Address)

        def deliver(addresses: tuple[IPAddress, ...]) -> None:
            refusal = self.check(name, addresses)
            if refusal is not None:
                self._refused(name, refusal)
                return
            for address in addresses:
                if isinstance(address, ipaddress.IPv4Address) and IPv4Address in wanted:
                    resolutionReceiver.addressResolved(IPv4Address("TCP", str(address), portNumber))
                elif isinstance(address, ipaddress.IPv6Address) and IPv6Address in wanted:
                    resolutionReceiver.addressResolved(IPv6Address("TCP", str(address), portNumber))

        def failed(failure: Any) -> None:  # nothing resolved: Twisted raises DNSLookupError
            logger.debug("Could not resolve %s: %s", name, failure.getErrorMessage())

        d = self.lookup(name)
        d.addCallbacks(deliver, failed)
        d.addBoth(lambda _: resolutionReceiver.resolutionComplete())
        return resolution

    def _refused(self, host: str, refusal: Refusal) -> None:
        key = (host, refusal.detail)
        if key not in self._logged:
            if len(self._logged) < 4096:
                self._logged.add(key)
            logger.warning("Refused connection to %s: %s", host, refusal.detail)
        for listener in self._listeners:
            listener(host, refusal)
