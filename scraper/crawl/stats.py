"""Names of the crawl-stats keys the project writes, in one place.

Keys follow Scrapy's ``component/what`` style. Per-site counters live under
``site/<name>/``, so one crawl over many sites can be summarised site by site.
"""

from __future__ import annotations

PAGES_FETCHED = "pages_fetched"
"""Responses received for the site: robots.txt, sitemaps, feeds and pages."""
ROBOTS_FETCHED = "robots_fetched"
"""Of those, robots.txt answers: a crawl that got only these read nothing of the site."""
ARTICLES_WRITTEN = "articles_written"
ARTICLES_NEW = "articles_new"
ARTICLES_UPDATED = "articles_updated"
SKIPPED_SEEN = "skipped_seen"
"""Article URLs not fetched because an earlier run wrote them and no date says they changed."""
SEEN_DROPPED = "seen_dropped"
"""URLs not fetched because an earlier run dropped them (or found them gone) and their
time-to-live has not run out (:mod:`scraper.crawl.drop_memory`)."""
LISTINGS_NOT_DUE = "listings_not_due"
"""Non-article pages found through links and read by a recent crawl (``DROP_MEMORY_TTL['listing']``),
not fetched again yet."""
LEAF_LINKS = "leaf_links_skipped"
"""Non-article links on article pages, not followed: article pages are leaves of the discovery."""
FEEDS_DISCOVERED = "feeds_discovered"
"""Feeds announced by a start page's ``<link rel="alternate">`` and not in the site's config."""
SKIPPED_OLD = "skipped_old"
"""Article URLs not fetched because their sitemap/feed date is before --since / max_age."""
NOT_MODIFIED = "not_modified"
"""Feeds, sitemaps and listing pages the server answered 304 Not Modified."""
SAME_BODY = "same_body"
"""Feeds, sitemaps and listing pages answered in full with the same bytes as last run
(a server that ignores conditional requests)."""
FETCH_FAILED = "fetch_failed"
GONE = "gone"
"""Pages answered with 404 or 410."""
BLOCKED = "blocked"
"""Challenge, captcha and block pages of a bot wall served instead of the page."""
REFUSED = "refused"
"""Requests the address guard refused (a private, loopback or metadata address)."""
STARTED = "started_at"
FINISHED = "finished_at"
DROPPED_PREFIX = "dropped"
LEADS_WAITING = "leads_waiting"
"""Sitemap and feed leads held back, not yet requested (``LEAD_BACKLOG_WINDOW``): a gauge."""
LEADS_OUT_MAX = "leads_out_max"
"""Per site: the most lead requests let out of the backlog at once (at most the window)."""
EXTRACT_WORKER_RESTARTS = "extract/worker_restarts"
"""Extraction worker processes replaced: killed while stuck on a page past its budget, or dead."""
EXPORT_FAILED = "export/failed"
"""Why writing the output or committing the state failed (``<reason>: <path>``), if it did."""
EXPORT_NOT_WRITTEN = "export/not_written"
"""Records that reached the exporter after it had failed: fetched again by the next run."""
UNENCODABLE_RECORDS = "export/unencodable_records"
"""Records in which lone surrogates were replaced by U+FFFD before writing."""
UNENCODABLE_REPLACED = "export/unencodable_replaced"
"""Characters (lone surrogates) replaced by U+FFFD before writing."""


def site_key(site: str, what: str) -> str:
    """Key of a per-site counter, e.g. ``site/arabic-demo/pages_fetched``."""
    return f"site/{site}/{what}"


def drop_key(reason: str, site: str | None = None) -> str:
    """Key counting drops by reason, overall (``dropped/<reason>``) or per site."""
    key = f"{DROPPED_PREFIX}/{reason}"
    return site_key(site, key) if site else key
