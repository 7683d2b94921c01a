"""The Scrapy glue: running a crawl, the page item, the shared ledger, stats keys, the summary,
the extraction worker pool (no Scrapy in that one).
"""
