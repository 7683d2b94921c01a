"""Which failed downloads are the page's own doing, and will fail the same way next time.

``fetch_failed/<reason>`` marks a site's crawl incomplete so the scheduler tries again;
that is right for timeouts and resets, wrong for a page that can never be fetched. Those
are counted as ``dropped/<reason>`` instead (docs/limits.md, "two kinds of skip").
"""

from __future__ import annotations

import gzip
import struct
import zlib
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.spidermiddlewares.httperror import HttpError

from scraper.fetch.headercap import TooManyHeaders

DECODING_ERRORS: tuple[type[BaseException], ...] = (gzip.BadGzipFile, zlib.error, EOFError, struct.error)
"""What Scrapy's HttpCompressionMiddleware raises for a corrupt gzip/deflate/br/zstd body."""
try:
    import brotli

    DECODING_ERRORS += (brotli.error,)
except (ImportError, AttributeError):  # pragma: no cover - brotli is a dependency
    pass
try:
    import zstandard

    DECODING_ERRORS += (zstandard.ZstdError,)
except ImportError:  # pragma: no cover - optional
    pass

FETCHABLE_SCHEMES = frozenset({"http", "https"})


def permanent_skip(failure: Any) -> tuple[str, str] | None:
    """``(reason, detail)`` for a download that failed for good because of the page, else None.

    * ``unsupported_redirect``: a 3xx to a ``file:``, ``ftp:``, ``gopher:`` ... URL, which
      Scrapy does not follow (the 3xx then fails as an HTTP error);
    * ``bad_encoding``: a body its ``Content-Encoding`` cannot decode (corrupt gzip ...);
    * ``too_many_headers``: a response over ``DOWNLOAD_MAXHEADERS`` / ``DOWNLOAD_MAXHEADERSIZE``.
    """
    if failure.check(HttpError):
        response = failure.value.response
        location = response.headers.get("Location")
        if 300 <= response.status < 400 and location:
            target = urljoin(response.url, location.decode("latin-1").strip())
            scheme = urlsplit(target).scheme.lower()
            if scheme not in FETCHABLE_SCHEMES:
                return "unsupported_redirect", f"{response.status} to a {scheme or '(no scheme)'}: URL"
        return None
    if failure.check(TooManyHeaders):
        return "too_many_headers", str(failure.value)
    if failure.check(*DECODING_ERRORS):
        return "bad_encoding", f"Content-Encoding body cannot be decoded: {failure.getErrorMessage()}"
    return None
