"""Log lines that name the page and the reason, never a whole page body."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.logformatter import LogFormatter, LogFormatterResult


def _describe(item: Any) -> str:
    try:
        adapter = ItemAdapter(item)
    except TypeError:
        return type(item).__name__
    return str(adapter.get("url") or type(item).__name__)


class ConciseLogFormatter(LogFormatter):
    """Scrapy's formatter, but dropped and scraped items are logged by URL only.

    The default prints the whole item, which for a fetched page is its full HTML.
    """

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "Dropped %(url)s: %(exception)s"
        result["args"] = {"url": _describe(item), "exception": exception}
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
