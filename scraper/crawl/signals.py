"""The crawl's own signals, beside Scrapy's (sent with ``crawler.signals.send_catch_log``)."""

records_committed = object()
"""The exporter fsynced its files and committed every record written so far to the
crawl state (no arguments)."""

request_failed = object()
"""The spider's errback handled a request's final failure (argument: ``request``)."""
