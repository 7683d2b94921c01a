"""HeaderCappedDownloadHandler: Scrapy's HTTP/1.1 handler with a cap on response headers.

Twisted's response parser keeps every header line it is sent; ``DOWNLOAD_MAXSIZE``
counts only the body. A server sending header after header (each line under Twisted's
16 KiB line limit) could fill the crawler's memory before a body byte arrived. This
handler aborts a response as soon as its header section has more than
``DOWNLOAD_MAXHEADERS`` header lines or more than ``DOWNLOAD_MAXHEADERSIZE`` bytes; the
request then fails with :class:`TooManyHeaders`, which is not retried (the server would
send the same) and which the spider counts as ``dropped/too_many_headers``.

Set for ``http`` and ``https`` in ``DOWNLOAD_HANDLERS`` by the project settings.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from scrapy.core.downloader.handlers.http11 import (
    HTTP11DownloadHandler,
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
    _LenientHTTPClientParser,
)
from scrapy.exceptions import DownloadFailedError
from twisted.web._newclient import HEADER

from scraper.config.project import require


class TooManyHeaders(Exception):
    """A response's header section went over ``DOWNLOAD_MAXHEADERS`` or ``DOWNLOAD_MAXHEADERSIZE``."""


@dataclass(frozen=True)
class HeaderLimits:
    count: int
    """Header lines at most (continuation lines belong to their header)."""
    size: int
    """Bytes of the header section at most, line ends included."""


class _CappedParser(_LenientHTTPClientParser):
    """The lenient parser, counting header lines and bytes as they arrive."""

    limits: HeaderLimits
    header_count: int
    header_bytes: int

    def lineReceived(self, line: bytes) -> None:  # noqa: N802 (Twisted's name)
        if self.state == HEADER:
            self.header_bytes += len(line) + 2
            if line and line[0] not in b" \t\r":
                self.header_count += 1
            if self.header_count > self.limits.count:
                raise TooManyHeaders(f"more than {self.limits.count} headers (DOWNLOAD_MAXHEADERS)")
            if self.header_bytes > self.limits.size:
                raise TooManyHeaders(f"headers over {self.limits.size} bytes (DOWNLOAD_MAXHEADERSIZE)")
        super().lineReceived(line)


class _CappedProtocol(_LenientHTTP11ClientProtocol):
    limits: HeaderLimits

    def request(self, request: Any) -> Any:
        d = super().request(request)
        parser = self._parser
        if parser is not None:  # as Scrapy's own protocol does, swap the parser's class
            parser.__class__ = _CappedParser
            parser.limits = self.limits
            parser.header_count = 0
            parser.header_bytes = 0
        return d


class _CappedFactory(_LenientHTTP11ClientFactory):
    def __init__(self, quiescentCallback: Any, metadata: Any, *, limits: HeaderLimits) -> None:  # noqa: N803
        super().__init__(quiescentCallback, metadata)
        self.limits = limits

    def buildProtocol(self, addr: Any) -> _CappedProtocol:  # noqa: N802 (Twisted's name)
        protocol = _CappedProtocol(self._quiescentCallback)
        protocol.limits = self.limits
        return protocol


class HeaderCappedDownloadHandler(HTTP11DownloadHandler):
    """HTTP/1.1 downloads whose response headers are capped (see module doc)."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        require(settings, "DOWNLOAD_MAXHEADERS", "DOWNLOAD_MAXHEADERSIZE")
        limits = HeaderLimits(settings.getint("DOWNLOAD_MAXHEADERS"), settings.getint("DOWNLOAD_MAXHEADERSIZE"))
        self._pool._factory = functools.partial(_CappedFactory, limits=limits)

    async def download_request(self, request: Any) -> Any:
        try:
            return await super().download_request(request)
        except DownloadFailedError as exc:
            capped = _too_many_headers(exc)
            if capped is None:
                raise
            raise TooManyHeaders(str(capped)) from None


def _too_many_headers(exc: BaseException) -> TooManyHeaders | None:
    """The TooManyHeaders inside Twisted's ResponseFailed/ResponseNeverReceived, if any."""
    for reason in getattr(exc.__cause__, "reasons", ()):
        if isinstance(getattr(reason, "value", None), TooManyHeaders):
            return reason.value
    return None
