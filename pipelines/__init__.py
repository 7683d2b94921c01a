"""Scrapy item pipelines, in order: extract -> validate -> deduplicate -> export.

Each is one class in its own module, enabled through ``ITEM_PIPELINES`` and configured
by settings with its own prefix. Every drop is counted by reason in the crawl stats
(``dropped/<reason>`` and ``site/<name>/dropped/<reason>``).
"""
