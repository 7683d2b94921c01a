"""Log lines that name the page and the reason, never a whole page body or a secret.

Every URL this formatter logs has its credentials (``user:password@``) removed, and no
request or response headers (cookies, ``Authorization``) are ever part of a message.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from itemadapter import ItemAdapter
from scrapy.logformatter import LogFormatter, LogFormatterResult
from scrapy.utils.request import referer_str

# scheme://userinfo@ inside any text; userinfo cannot hold '/', '@' or whitespace.
_USERINFO_IN_TEXT = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s@<>\"']*@")


def redact_url(url: Any) -> str:
    """``url`` as text, without the ``user:password@`` part of its authority."""
    if isinstance(url, bytes):
        url = url.decode("utf-8", "replace")
    url = str(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return scrub(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def scrub(text: Any) -> str:
    """``text`` with the credentials of every URL in it removed."""
    return _USERINFO_IN_TEXT.sub(r"\1", str(text))


def _describe(item: Any) -> str:
    try:
        adapter = ItemAdapter(item)
    except TypeError:
        return type(item).__name__
    url = adapter.get("url")
    return redact_url(url) if url else type(item).__name__


def _describe_request(request: Any) -> str:
    return f"<{request.method} {redact_url(request.url)}>"


class ConciseLogFormatter(LogFormatter):
    """Scrapy's formatter, but items are logged by URL only and URLs lose credentials.

    The default prints the whole item, which for a fetched page is its full HTML.
    """

    def crawled(self, request: Any, response: Any, spider: Any) -> LogFormatterResult:
        result = super().crawled(request, response, spider)
        result["args"] = {
            **result["args"],  # type: ignore[dict-item]
            "request": _describe_request(request),
            "referer": redact_url(referer_str(request)),
        }
        return result

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "Dropped %(url)s: %(exception)s"
        result["args"] = {"url": _describe(item), "exception": scrub(exception)}
        return result

    def scraped(self, item: Any, response: Any, spider: Any) -> LogFormatterResult:
        result = super().scraped(item, response, spider)
        result["msg"] = "Scraped %(url)s"
        result["args"] = {"url": _describe(item)}
        return result

    def item_error(self, item: Any, exception: BaseException, response: Any, spider: Any) -> LogFormatterResult:
        result = super().item_error(item, exception, response, spider)
        result["msg"] = "Error processing %(url)s"
        result["args"] = {"url": _describe(item)}
        return result

    def spider_error(self, failure: Any, request: Any, response: Any, spider: Any) -> LogFormatterResult:
        result = super().spider_error(failure, request, response, spider)
        result["args"] = {
            **result["args"],  # type: ignore[dict-item]
            "request": _describe_request(request),
            "referer": redact_url(referer_str(request)),
        }
        return result

    def download_error(
        self, failure: Any, request: Any, spider: Any, errmsg: str | None = None
    ) -> LogFormatterResult:
        result = super().download_error(failure, request, spider, errmsg)
        args = dict(result["args"])  # type: ignore[arg-type]
        args["request"] = _describe_request(request)
        if "errmsg" in args:
            args["errmsg"] = scrub(args["errmsg"])
        result["args"] = args
        return result
