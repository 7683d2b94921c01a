"""Scrapy settings for the news crawler: the only place the project's defaults are written.

Scrapy's own settings keep their names (their defaults are Scrapy's unless set here);
the project's start with ``SCRAPER_`` and each component's with its own prefix
(``ADDRESSGUARD_``, ``CRAWLDELAY_``, ``BACKOFF_``, ``EXTRACT_``, ``VALIDATE_``,
``NEARDUP_``, ``EXPORT_``, ``SUMMARY_``). Components read these without fallbacks, so
code that builds a crawler must start from this module
(:func:`scraper.config.project.project_settings`). Every value can be overridden per run
with ``scraper crawl -s NAME=VALUE``.
"""

import os

BOT_NAME = "newsscraper"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- What to crawl and where to write (the spider, the exporter, the shared ledger) -----
SCRAPER_CONFIG = None  # path of the site-config TOML; `-a config=FILE` overrides it
SCRAPER_SITES: list[str] = []  # site names to crawl; empty means every configured site
SCRAPER_OUTPUT_DIR = "output"  # records go to <dir>/<site>/<YYYY-MM-DD>.jsonl
SCRAPER_STATE = "sqlite"  # "sqlite": remember across runs; "memory": forget after the run; "redis": SCRAPER_REDIS_URL
SCRAPER_STATE_DIR = None  # default <SCRAPER_OUTPUT_DIR>/.state
SCRAPER_SINCE = None  # ISO date: sitemap/feed articles older than this are not fetched

# --- A crawl shared by many workers (scraper.crawl.distributed; `scraper crawl --redis`) --
# `--redis URL` sets these with scrapy-redis's SCHEDULER, DUPEFILTER_CLASS, REDIS_URL, …
SCRAPER_REDIS_URL = ""  # redis://HOST:PORT/DB of the shared frontier and state; empty: one process
SCRAPER_REDIS_PREFIX = "scraper"  # prefix of every Redis key (one per project sharing a server)
SCRAPER_WORKER = ""  # this worker's id (default: the host name), in its file names <day>.<worker>.jsonl
SCRAPER_WORKER_TIMEOUT = 60.0  # seconds without a heartbeat before a worker counts as dead and its work is requeued
SPIDER_MIDDLEWARES = {
    # outermost: sees what a callback yielded after every other middleware (off unless distributed)
    "scraper.crawl.distributed.acks.FrontierAcks": 10,
    # the raw archive (off unless WARC_DIR is set): every article page, before extraction
    "scraper.crawl.warc_archive.WarcArchiveMiddleware": 500,
}

# --- Politeness ---------------------------------------------------------------------------
USER_AGENT = "newsscraper/0.1 (+https://pypi.org/project/newsscraper/)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0  # seconds between requests to one site; sites may override
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0  # seconds
AUTOTHROTTLE_MAX_DELAY = 30.0  # seconds
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False  # news pages do not need a session; keeps cookies out of logs

# --- Safety and politeness middlewares ---------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # before robots.txt (100): a refused address is never contacted, not even for robots.txt
    "scraper.fetch.addressguard.AddressGuardMiddleware": 60,
    # robots.txt per RFC 9309 (every request waits for it; 5xx/unreachable: disallow all),
    # in place of Scrapy's, which lets requests through while robots.txt is pending
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scraper.fetch.robots.RobotsTxtMiddleware": 100,
    # honours robots.txt Crawl-delay per site
    "scraper.fetch.crawldelay.CrawlDelayMiddleware": 110,
    # just before Scrapy's RetryMiddleware (550): 429/503 Retry-After, failing-site backoff
    "scraper.fetch.backoff.BackoffMiddleware": 540,
}

# AddressGuardMiddleware (scraper.fetch.addressguard); it also uses Scrapy's DNS_TIMEOUT.
SCRAPER_ALLOW_PRIVATE = False  # True (--allow-private) switches the guard off: loopback/private/link-local allowed
ADDRESSGUARD_ALLOW: list[str] = []  # hosts/networks treated as public anyway, e.g. ["10.20.0.0/16"]
ADDRESSGUARD_DNS_TTL = 300.0  # seconds a host's resolved addresses are reused by the guard and its resolver
# GuardedResolver (scraper.fetch.resolver): the connection goes only to addresses the guard
# allows, from the same cached answer the guard checked (no DNS rebinding); same settings.
TWISTED_DNS_RESOLVER = "scraper.fetch.resolver.GuardedResolver"

# RobotsTxtMiddleware (scraper.fetch.robots); off when ROBOTSTXT_OBEY is off. It also uses
# Scrapy's ROBOTSTXT_PARSER and ROBOTSTXT_USER_AGENT (None: the request's User-Agent).
ROBOTSTXT_MAX_BYTES = 500 * 1024  # RFC 9309's 500 KiB: only this much of a robots.txt is parsed
ROBOTSTXT_MAX_REDIRECTS = 5  # RFC 9309: more redirects than this and robots.txt is unreachable
ROBOTSTXT_RETRY_AFTER = 120.0  # seconds an unreachable (5xx, timeout ...) robots.txt disallows all before a refetch
ROBOTSTXT_MAX_RETRIES = 3  # refetches of an unreachable robots.txt per crawl; then its host stays disallowed

# CrawlDelayMiddleware (scraper.fetch.crawldelay); off as well when ROBOTSTXT_OBEY is off.
CRAWLDELAY_ENABLED = True  # False: robots.txt Crawl-delay is not honoured
CRAWLDELAY_MAX = 60.0  # seconds: a larger robots.txt Crawl-delay is capped to this

# BackoffMiddleware (scraper.fetch.backoff)
BACKOFF_ENABLED = True  # False: no Retry-After pauses and no failing-site backoff
BACKOFF_MAX_RETRY_AFTER = 600.0  # seconds: longer Retry-After values are capped to this
BACKOFF_BASE = 2.0  # seconds of extra delay after a site's first consecutive failure, doubling
BACKOFF_MAX = 300.0  # seconds: ceiling of the failing-site backoff
BACKOFF_GIVE_UP = 90.0  # seconds without any response from a failing host before it is given up; 0: never

# --- Limits -------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30  # seconds
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # 16 MiB, pages and sitemaps after decompression
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024  # 4 MiB
# HeaderCappedDownloadHandler (scraper.fetch.headercap): Scrapy's HTTP/1.1 handler with a cap on
# response headers; a response over either cap is aborted and dropped as too_many_headers.
DOWNLOAD_HANDLERS = {
    "http": "scraper.fetch.headercap.HeaderCappedDownloadHandler",
    "https": "scraper.fetch.headercap.HeaderCappedDownloadHandler",
}
DOWNLOAD_MAXHEADERS = 100  # header lines per response
DOWNLOAD_MAXHEADERSIZE = 64 * 1024  # 64 KiB: bytes of a response's header section
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
# Work per response in the spider (NewsSpider, on the event-loop thread, where no timer can
# stop a long C call): each cut is counted as dropped/<reason> and logged once.
HTML_MAX_TAG_ATTRIBUTES = 500  # a page with a tag having more is skipped (libxml2: quadratic); real tags: < 50
LINKS_MAX_PER_PAGE = 2_000  # links followed from one page, in page order; real news pages have < 1,000
FEED_MAX_ITEMS = 1_000  # items read from one RSS/Atom feed (feedparser: ~0.5 ms each); real feeds have < 1,000
SITEMAP_MAX_SITEMAPS = 5_000  # child sitemaps followed from one sitemap index; real indexes list a few thousand
SITE_MAX_REQUESTS = 20_000  # requests queued per site in one crawl (~5 KB each); the rest next crawl
# Sitemap and feed leads wait in the spider (spiders.lead_backlog, ~0.2 KB each) until their
# site has fewer than this many of them queued or downloading: a sitemap of 100,000 URLs is
# not 100,000 Requests in memory at once. 0: all queued as read (a distributed crawl's
# shared Redis frontier is 0, so that another worker can take them).
LEAD_BACKLOG_WINDOW = 1_000
# Frontier economy (spiders.news): article pages are leaves (only their article links are
# followed); non-article pages found through links cost from this budget, never robots.txt,
# sitemaps, feeds, start pages or article URLs. Past it: ignored/site_max_listing_requests,
# and the page that listed the rest is read again next crawl.
SITE_MAX_LISTING_REQUESTS = 300  # non-article pages requested through links per site in one crawl

# --- Pipelines: extract -> validate -> deduplicate -> export ----------------------------
ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.deduplicate.DeduplicatePipeline": 300,
    "pipelines.export.JsonLinesExportPipeline": 900,
}
# Scrapy starts this many asyncio tasks for the output of every response, however little
# it holds: its default, 100, is 100 tasks a page. `scraper bench --pages 5000 --configs a,b`,
# runs alternating 100, 8, 100, 8: pool of 2 at 92.0, 126.5, 80.9, 100.4 pages/s; one
# process at 70.1, 90.3, 74.0, 72.8 (no clear change). A page yields one item and its
# links; the item waits for its extraction in one task while the others schedule the links.
CONCURRENT_ITEMS = 8

# ExtractPipeline (pipelines.extract), with its worker processes (scraper.crawl.extract_pool)
EXTRACT_TIMEOUT = 10.0  # seconds of extraction per page; slower pages are dropped as extract_timeout (0 = no limit)
# worker processes extracting pages, default one per CPU core this process may use; 0: in
# the crawl's own thread, one page at a time
EXTRACT_WORKERS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
EXTRACT_WORKER_GRACE = 5.0  # seconds past EXTRACT_TIMEOUT before a worker still on a page (stuck in C code) is killed
EXTRACT_FUNCTION = "scraper.extract.extract_article"  # import path of the html -> record function (tests swap it)
# HeapTrim (scraper.crawl.heap_trim) in the crawl process, and each extraction worker after a
# page: seconds between two returns of freed memory to the system (glibc malloc_trim); 0: never
HEAP_TRIM_INTERVAL = 1.0

# ValidatePipeline (pipelines.validate)
# A last floor under the extractor's verdict (scraper.extract.article_check), which
# already asks 200 characters of a marked-up article and 500 of an unmarked page: a
# two-paragraph brief in article markup passes it, a caption or an error page does not.
VALIDATE_MIN_TEXT_CHARS = 80
VALIDATE_REQUIRE_TITLE = True  # records without a title are dropped as no_title

# DeduplicatePipeline (pipelines.deduplicate): exact duplicates are always dropped
NEARDUP_ENABLED = True  # False: no near-duplicate check
NEARDUP_THRESHOLD = 0.8  # estimated Jaccard of word 5-gram sets; wire copies score > 0.9
NEARDUP_ACTION = "drop"  # or "mark": keep the record with duplicate_of set

# Drop memory (scraper.crawl.drop_memory, used by spiders.news): URLs dropped for these
# reasons, or gone (404 / 410), are not fetched again for this many seconds, unless their
# sitemap or feed date moves past the fetch; a reason not listed (or 0) is not remembered.
# Two keys are not drops: "listing" (a non-article page found through links that links to
# articles is read again after this long; start pages, feeds and sitemaps are read every
# crawl) and "no_article_links" (a non-article page linking to no article).
DROP_MEMORY_TTL = {
    "gone": 30 * 86_400,
    "not_article": 30 * 86_400,  # pages dropped by the extractor as listings are never remembered
    "listing": 6 * 3_600,  # remembered only after a crawl with no failed fetch for the site
    "no_article_links": 30 * 86_400,
    "duplicate_fingerprint": 30 * 86_400,
    "near_duplicate": 30 * 86_400,
    "too_short": 86_400,
    "no_title": 86_400,
}

# JsonLinesExportPipeline (pipelines.export); writes under SCRAPER_OUTPUT_DIR
EXPORT_FSYNC_EVERY = 50  # records between fsync + state commit; each record is one whole-line write

# WarcArchiveMiddleware (scraper.crawl.warc_archive): `scraper crawl --warc DIR`
WARC_DIR = None  # write every article page as fetched to WARC/1.1 files here (off when None)
WARC_MAX_BYTES = 1_000_000_000  # a new WARC file once the current one is this large
WARC_FSYNC_EVERY = 50  # pages between fsyncs of the WARC file (and at every idle moment and the end)

# --- Extensions ---------------------------------------------------------------------------
EXTENSIONS = {
    # writes the crawl summary as JSON when SUMMARY_FILE is set (`scraper schedule` reads it)
    "scraper.crawl.summary_file.SummaryFile": 500,
    # each site's last summary in <state>/runs/<site>.json (`scraper schedule`, `scraper report`)
    "scraper.crawl.run_summaries.RunSummaries": 505,
    # a progress line per site every PROGRESS_INTERVAL seconds (stderr on a terminal, else the log)
    "scraper.crawl.progress.Progress": 510,
    # the heartbeat and the end of a round of a distributed crawl (off unless SCRAPER_REDIS_URL)
    "scraper.crawl.distributed.worker.FrontierWorker": 520,
    # gives the memory freed by large pages back to the system every HEAP_TRIM_INTERVAL seconds
    "scraper.crawl.heap_trim.HeapTrim": 530,
}

# Progress (scraper.crawl.progress)
PROGRESS_INTERVAL = 10.0  # seconds between progress lines; 0: none (`scraper crawl -q`)

# SummaryFile (scraper.crawl.summary_file)
SUMMARY_FILE = ""  # path of the JSON crawl summary written at the end; empty: none

# RunSummaries (scraper.crawl.run_summaries)
RUN_SUMMARIES_ENABLED = True  # keep each site's last summary under the state directory (none without one)

# --- Logging ------------------------------------------------------------------------------
LOG_LEVEL = "INFO"
LOG_SCRAPY_DETAILS = False  # Scrapy's banner, enabled components and stats dump (on with `scraper crawl -v`)
LOG_FORMATTER = "scraper.crawl.logformatter.ConciseLogFormatter"
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"
LOG_SCRAPY_DETAILS = False  # Scrapy's banner, enabled components and stats dump (on with `scraper crawl -v`)
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19+ opens a control HTTP port per crawl otherwise; a crawl needs none
FEED_EXPORT_ENCODING = "utf-8"
