"""The extractor's version, part of what decides a crawl's drops.

Bump it when a change to extraction may turn pages dropped before (not articles, too
short, duplicates) into records: remembered drops of an older version are fetched again
(:mod:`scraper.crawl.drop_memory`).
"""

EXTRACTOR_VERSION = "2026.12.8.1"
