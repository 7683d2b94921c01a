"""The generic news spider: discovery and fetching only.

For each configured site it reads robots.txt (for its ``Sitemap:`` lines), the sitemaps
and feeds of the config, and follows links from the start pages within the site's
domains. Pages whose URL matches the site's article rules are yielded as
:class:`~scraper.crawl.page.FetchedPage` items; turning them into records is the pipelines' job.

Incremental by default: articles that earlier runs wrote are not fetched again unless
a sitemap or feed date says they changed; feeds, sitemaps and listing pages are fetched
conditionally (``If-None-Match`` / ``If-Modified-Since``) and skipped when unchanged.

Economical with requests (issue 12): article pages are leaves (only their article links
are followed, never their navigation, tag, share or service links); non-article pages
found through links are read within ``SITE_MAX_LISTING_REQUESTS`` per crawl and, once
read, not again until their ``DROP_MEMORY_TTL`` (``listing``, ``no_article_links``) runs
out; start pages announce feeds the config does not name (``<link rel="alternate">``).

    scrapy crawl news -a config=sites.toml [-a site=NAME[,NAME...]]
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DontCloseSpider,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from scrapy.utils.response import get_base_url
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.internet.error import ConnectError, ConnectionClosed
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed

from scraper.config.project import require
from scraper.config.sites import SiteConfig, load_config, select_sites
from scraper.crawl import stats as keys
from scraper.crawl.drop_memory import GONE, LISTING, NO_ARTICLE_LINKS, DropMemory, drop_policy
from scraper.crawl.page import FetchedPage
from scraper.crawl.shared_ledger import ledger_for
from scraper.crawl.signals import request_failed
from scraper.crawl.summary import summarise, unreachable
from scraper.crawl.write_failure import record_write_failure, write_failure
from scraper.discovery import feed_links, parse_feed_page, parse_sitemap
from scraper.discovery.lead import Lead
from scraper.discovery.sitemap import MAX_SITEMAP_ENTRIES
from scraper.discovery.xmlguard import declares_entities
from scraper.fetch.backoff import GIVEN_UP_MESSAGE
from scraper.fetch.challenge import challenge_service
from scraper.fetch.decoding import decode_html
from scraper.fetch.failures import permanent_skip
from scraper.fetch.markup import most_attributes
from scraper.fetch.robots import UNREACHABLE_MESSAGE as ROBOTS_UNREACHABLE
from scraper.record.timestamps import is_later, parse_datetime
from scraper.store.ledger import Ledger
from scraper.store.state import StoreWriteError, Validators, url_key
from spiders.held_response import release_text
from spiders.lead_backlog import LeadBacklog
from spiders.page_links import PageLink, PageLinks

LEAD_PRIORITY = 10
"""Articles announced by sitemaps and feeds go first: they carry dates and are the freshest."""
HELD_META = "lead_backlog"
"""Request meta flag of a lead let out of the :class:`LeadBacklog`: its end frees a place."""
ARTICLE_LINK_PRIORITY = 5
"""Article links found on pages come before further listing pages."""
MAX_SITEMAP_DEPTH = 3
"""Sitemap indexes nested deeper than this are ignored (they are loops or traps)."""
HTTP_NOT_MODIFIED = 304
GONE_STATUSES = (404, 410)
HTML_TYPES = ("text/html", "application/xhtml+xml")
"""Content types read as pages; anything else declared (images, PDFs, octet-stream, plain
text) is skipped as ``not_html`` even when the bytes look like HTML, as a browser would."""
BINARY_MAGIC = (
    b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF", b"\x00\x00\x01\x00",
)
SNIFF_BYTES = 1024
FAILED_PREFIX = "fetch_failed"
"""Per-reason counters of failed fetches: ``fetch_failed/<reason>`` (and per site)."""
IGNORED_PREFIX = "ignored"
"""URLs not followed because of a per-response or per-site cap: ``ignored/<reason>``
(and per site), beside the one ``dropped/<reason>`` each cut counts."""
LINK_TAG_RE = re.compile(r"<(?:a|area)[\s>]", re.I)
"""Start tags of what links are read from (``<a>``, ``<area>``), counted in the text."""


def _split_names(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [n.strip() for n in value.split(",") if n.strip()]
    return [str(n) for n in value]


class NewsSpider(scrapy.Spider):
    """Crawls the sites of a site-config file for news articles."""

    name = "news"

    def __init__(self, config: str | None = None, site: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.config_path = config
        self.site_names = _split_names(site)
        self.sites: dict[str, SiteConfig] = {}
        self.since: datetime | None = None
        self._page_link_readers: dict[str, PageLinks] = {}
        self._validators: dict[str, tuple[str, Validators]] = {}
        self._lead_dates: dict[str, Lead] = {}  # URL key -> its lead, for a page reached by a link
        self._backlog: LeadBacklog | None = None  # leads not requested yet (LEAD_BACKLOG_WINDOW)
        self._seen: set[str] = set()
        self._seen_dropped: set[str] = set()
        self._drop_memory: DropMemory | None = None
        self._too_old: set[str] = set()
        self._queued: dict[str, set[str]] = {}  # URL keys queued per site (SITE_MAX_REQUESTS)
        self._capped: set[str] = set()  # sites past SITE_MAX_REQUESTS (logged once)
        self._listings: dict[str, set[str]] = {}  # non-article URL keys queued per site (SITE_MAX_LISTING_REQUESTS)
        self._listings_capped: set[str] = set()  # sites past SITE_MAX_LISTING_REQUESTS (logged once)
        self._cut: set[str] = set()  # URL keys of pages whose links a cap cut: read again next crawl
        self._listings_read: dict[str, tuple[str, str]] = {}  # URL key -> (site, URL) of listings read
        self._feeds: set[str] = set()  # URL keys of feeds requested (configured or discovered)
        self._started = time.time()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        path = spider.config_path or settings.get("SCRAPER_CONFIG")
        if not path:
            raise ValueError("no site config: pass -a config=FILE or set SCRAPER_CONFIG")
        names = spider.site_names or settings.getlist("SCRAPER_SITES")
        sites = select_sites(load_config(path), names)
        spider.sites = {s.name: s for s in sites}
        since = settings.get("SCRAPER_SINCE")
        if since:
            spider.since = parse_datetime(str(since))
            if spider.since is None:
                raise ValueError(f"SCRAPER_SINCE: not an ISO 8601 date: {since!r}")
        spider.allowed_domains = sorted({d for s in sites for d in s.domains})
        # Settings are not frozen yet while the spider is built: per-site politeness
        # becomes Scrapy download-slot settings, keyed by host like Scrapy's own slots.
        slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
        for site in sites:
            slot: dict[str, Any] = {}
            if site.politeness.concurrency is not None:
                slot["concurrency"] = site.politeness.concurrency
            if site.politeness.download_delay is not None:
                slot["delay"] = site.politeness.download_delay
            if slot:
                for domain in site.domains:
                    slots.setdefault(domain, slot)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        require(settings, "LEAD_BACKLOG_WINDOW")
        window = settings.getint("LEAD_BACKLOG_WINDOW")
        if window > 0:
            spider._backlog = LeadBacklog(window)
            crawler.signals.connect(spider.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.item_dropped, signal=signals.item_dropped)
        if slots and settings.frozen:
            spider.logger.warning("Settings are frozen: per-site politeness overrides not applied")
        elif slots:
            settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        return spider

    @property
    def ledger(self) -> Ledger:
        return ledger_for(self.crawler)

    @property
    def drop_memory(self) -> DropMemory:
        """URLs earlier runs dropped or found gone (``DROP_MEMORY_TTL``), and this run's."""
        if self._drop_memory is None:
            settings = self.crawler.settings
            require(settings, "DROP_MEMORY_TTL")
            policies = {name: drop_policy(site, settings) for name, site in self.sites.items()}
            self._drop_memory = DropMemory(self.ledger.state, settings.getdict("DROP_MEMORY_TTL"), policies)
        return self._drop_memory

    # --- Entry and exit -------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self._started = time.time()
        for site in self.sites.values():
            self._count(site, keys.STARTED, time.time())
            origins = dict.fromkeys(_origin(u) for u in site.start_urls)
            for origin in origins:
                yield self._request(site, f"{origin}/robots.txt", self.parse_robots, priority=LEAD_PRIORITY)
            for url in site.sitemaps:
                yield self._request(site, url, self.parse_sitemap, priority=LEAD_PRIORITY, conditional=True)
            for url in site.feeds:
                self._feeds.add(url_key(url))
                yield self._request(site, url, self.parse_feed, priority=LEAD_PRIORITY, conditional=True)
            for url in site.start_urls:
                yield self._request(site, url, self.parse_page, conditional=True)

    def closed(self, reason: str) -> None:
        """Remember the URLs dropped or gone (whatever the finish); after a normal finish,
        also the validators and the crawl time of each site.

        Validators and crawl times only for sites whose every fetch succeeded: a feed
        answered with 304 next time must not hide an article whose download failed this
        time. Nothing at all when writing the output or the state failed (even in the
        exporter's last commit): the next run must fetch the listings again to find the
        articles not written.
        """
        if write_failure(self.crawler) is not None:
            return
        try:
            self.drop_memory.save()
        except StoreWriteError as exc:  # what is not saved only makes the next run fetch more
            record_write_failure(self.crawler, exc)
            return
        if reason != "finished":
            return
        # a fetch failed, a bot wall answered, or nothing of the site was read (all refused)
        failed = {s.name for s in summarise(self.crawler.stats.get_stats(), list(self.sites))
                  if s.failed or s.blocked or unreachable(s)}
        state = self.ledger.state
        try:
            # like validators: a listing read in a crawl with a failed fetch is read again
            for key, (name, url) in self._listings_read.items():
                if name not in failed and key not in self._cut:
                    self.drop_memory.learn(name, url, LISTING)
            self.drop_memory.save()
            state.save_validators({key: v for key, (site, v) in self._validators.items() if site not in failed})
            for name in self.sites:
                if name not in failed:
                    state.mark_crawled(name, self._started)
        except StoreWriteError as exc:  # what is not saved only makes the next run fetch more
            record_write_failure(self.crawler, exc)

    # --- Callbacks --------------------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        site = self._site_of(response)
        self._count(site, keys.ROBOTS_FETCHED)  # an answer, but not one of the site's pages
        if response.status != 200:
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if site.owns(url) and url not in site.sitemaps and self._admit(site, url, None):
                yield self._request(site, url, self.parse_sitemap, priority=LEAD_PRIORITY, conditional=True)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        site = self._site_of(response)
        if response.status == HTTP_NOT_MODIFIED:
            self._count(site, keys.NOT_MODIFIED)
            return
        if self._stopping():
            return
        body = self._sitemap_body(response)
        max_sitemaps = self._cap("SITEMAP_MAX_SITEMAPS")
        page = parse_sitemap(body, base_url=response.url, max_sitemaps=max_sitemaps) if body else None
        if page is None or page.kind == "invalid":
            detail = page.problem if page is not None else "empty, or gzip corrupt or over DOWNLOAD_MAXSIZE"
            self._skip(site, "invalid_sitemap", response.url, detail)
            return
        if page.truncated:
            self._skip(site, "sitemap_truncated", response.url, f"entries past {MAX_SITEMAP_ENTRIES} ignored")
        if page.index_truncated:
            self._skip(
                site, "sitemap_index_truncated", response.url,
                f"sitemaps past SITEMAP_MAX_SITEMAPS {max_sitemaps} ignored",
            )
        level = response.meta.get("sitemap_level", 0)
        if page.kind == "sitemapindex":
            # An unchanged index may still list changed sitemaps: always follow it.
            self._remember_validators(site, response, body)
            if level >= MAX_SITEMAP_DEPTH:
                self._skip(site, "sitemap_too_deep", response.url, f"index nested deeper than {MAX_SITEMAP_DEPTH}")
                return
            for url in page.sitemaps:
                if site.owns(url) and self._admit(site, url, response):
                    yield self._request(
                        site, url, self.parse_sitemap, priority=LEAD_PRIORITY,
                        meta={"sitemap_level": level + 1}, conditional=True,
                    )
            return
        if self._remember_validators(site, response, body):
            yield from self._follow_leads(site, page.leads, response)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        site = self._site_of(response)
        if response.status == HTTP_NOT_MODIFIED:
            self._count(site, keys.NOT_MODIFIED)
            return
        if self._stopping():
            return
        if declares_entities(response.body):
            self._skip(site, "empty_or_invalid_feed", response.url, "declares XML entities")
            return
        max_items = self._cap("FEED_MAX_ITEMS")
        feed = parse_feed_page(response.body, base_url=response.url, max_items=max_items)
        leads = feed.leads
        if not leads:
            self._skip(site, "empty_or_invalid_feed", response.url)
        if feed.truncated:
            self._skip(site, "feed_truncated", response.url, f"items past FEED_MAX_ITEMS {max_items} ignored")
        if self._remember_validators(site, response, response.body):
            yield from self._follow_leads(site, leads, response)

    def parse_page(self, response: Response) -> Iterator[Any]:
        """An HTML page: maybe an article (yielded as an item), and a source of links; then
        the site's next leads, if its backlog window has room."""
        self._lead_ended(response.meta)
        try:
            yield from self._read_page(response)
        finally:
            release_text(response)  # Scrapy holds the response until its item is written
        yield from self._release(response.meta.get("site"))

    def _read_page(self, response: Response) -> Iterator[Any]:
        if self._blocked(response):
            return
        site = self._site_of(response)
        if response.status == HTTP_NOT_MODIFIED:
            self._count(site, keys.NOT_MODIFIED)
            self._read_listing(site, response, None)
            return
        problem = _not_a_page(response)
        if problem:
            reason, detail = problem
            self._skip(site, reason, response.url, detail)
            if reason == "not_html":  # a PDF or an image linked from listings: no links, ever
                self._read_listing(site, response, 0)
            return
        content_type = response.headers.get("Content-Type")
        html, encoding = decode_html(response.body, content_type.decode("latin-1") if content_type else None)
        if encoding != response.encoding:
            # links and selectors read the page as the text was decoded
            response = response.replace(encoding=encoding)
        max_attributes = self._cap("HTML_MAX_TAG_ATTRIBUTES")
        attributes = most_attributes(html, max_attributes)
        if attributes:
            # before anything parses it: libxml2 would spend minutes in one uninterruptible call
            self._skip(
                site, "pathological_markup", response.url,
                f"a tag with {attributes} attributes, over HTML_MAX_TAG_ATTRIBUTES {max_attributes}",
            )
            return
        if site.is_article_url(response.url):
            lead = {k: v for k, v in response.meta.items() if k.startswith("lead_")}
            cutoff = self._cutoff(site)
            yield FetchedPage(
                url=response.url,
                site=site.name,
                html=html,
                status=response.status,
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                language_hint=site.language,
                lead=lead or self._lead_meta(response.url),
                not_before=cutoff.isoformat() if cutoff else None,
            )
        elif not self._remember_validators(site, response, response.body):
            self._read_listing(site, response, None)
            return
        depth = response.meta.get("depth", 0)
        if depth == 0 and not self._stopping():
            yield from self._discovered_feeds(site, response, html)
        if depth > site.max_depth or self._stopping():
            return
        leaf = site.is_article_url(response.url)
        article_links = leaf_links = 0
        for link in self._page_links(site, response):
            if link.article:
                article_links += 1
                if url_key(link.url) in self._too_old:
                    continue  # a sitemap or feed dated it before the age limit
                if self.ledger.known(link.url):
                    self._skip_seen(site, link.url)
                    continue
                if self._skip_dropped(site, link.url):
                    continue
                if self._admit(site, link.url, response):
                    yield self._request(site, link.url, self.parse_page, priority=ARTICLE_LINK_PRIORITY)
            elif leaf:
                leaf_links += 1  # navigation, tags, share and service links of an article
            elif depth < site.max_depth and not self._skip_dropped(site, link.url) \
                    and self._admit_listing(site, link.url, response) and self._admit(site, link.url, response):
                yield self._request(site, link.url, self.parse_page, conditional=True)
        if leaf_links:
            self.crawler.stats.inc_value(keys.site_key(site.name, keys.LEAF_LINKS), leaf_links)
        if not leaf:
            self._read_listing(site, response, article_links)

    def on_error(self, failure: Failure) -> list[scrapy.Request]:
        """A download failed for good (after retries): counted, then announced with
        :data:`~scraper.crawl.signals.request_failed` (a distributed crawl's worker
        stops counting the request as in flight); then the site's next leads, if any."""
        request = failure.request  # type: ignore[attr-defined]
        try:
            self._lead_ended(request.meta)
            self._count_failure(failure)
        finally:
            self.crawler.signals.send_catch_log(signal=request_failed, request=request)
        return list(self._release(request.meta.get("site")))

    def _count_failure(self, failure: Failure) -> None:
        """A download failed for good: counted per site, logged once.

        404 and 410 are answers (the page is gone), counted apart; so are failures that
        will be the same next time (a redirect to ``file:``/``ftp:``, a corrupt gzip body,
        too many headers: ``dropped/<reason>``, see :func:`permanent_skip`). Anything else
        may succeed next time, so it keeps the site's validators from being saved.
        """
        request = failure.request  # type: ignore[attr-defined]
        site = self.sites.get(request.meta.get("site", ""))
        if site is None:
            return
        url = _first_url(request)
        if failure.check(HttpError) and self._blocked(failure.value.response):
            return
        if failure.check(HttpError) and failure.value.response.status in GONE_STATUSES:
            self._count(site, keys.GONE)
            self.logger.info("Gone (%s): %s", failure.value.response.status, request.url)
            for gone in dict.fromkeys((url, request.url)):
                self.drop_memory.learn(site.name, gone, GONE)
            return
        permanent = permanent_skip(failure)  # a redirect to file:/ftp:, corrupt gzip, header flood
        if permanent is not None:
            self._skip(site, permanent[0], url, permanent[1])
            return
        if failure.check(IgnoreRequest) and not failure.check(HttpError):  # HttpError is one too
            message = failure.getErrorMessage()
            # The only refusals that are the page's doing; robots.txt and offsite rules
            # also raise IgnoreRequest, and Scrapy counts those itself.
            if "DOWNLOAD_MAXSIZE" in message:
                self._skip(site, "too_large", url, "over DOWNLOAD_MAXSIZE when decompressed")
            elif "max redirections" in message:
                self._skip(site, "too_many_redirects", url, f"more than {self._max_redirects()} redirects")
            elif GIVEN_UP_MESSAGE in message:
                self._fetch_failed(site, "host_given_up")  # the middleware logs it once per host
            elif ROBOTS_UNREACHABLE in message:
                # Not the page's doing and may pass: a failure, so the site is not marked
                # crawled and its listings are read again next run. The middleware logs it
                # once per host, so only count it here.
                self._fetch_failed(site, "robots_unreachable")
            return
        if failure.check(DownloadCancelledError):
            # the download handler cancels bodies over DOWNLOAD_MAXSIZE (announced or received)
            self._skip(site, "too_large", url, "over DOWNLOAD_MAXSIZE")
            return
        reason = _failure_reason(failure)
        self.logger.warning("Fetch failed %s: %s (%s)", url, reason, failure.getErrorMessage())
        self._fetch_failed(site, reason)

    def _fetch_failed(self, site: SiteConfig, reason: str) -> None:
        """Count a fetch that may succeed next time: it keeps the site from being marked crawled."""
        self._count(site, keys.FETCH_FAILED)
        self.crawler.stats.inc_value(f"{FAILED_PREFIX}/{reason}")
        self._count(site, f"{FAILED_PREFIX}/{reason}")

    def item_dropped(self, item: Any, response: Response | None = None, exception: BaseException | None = None,
                     spider: Any = None) -> None:
        """A page the pipelines dropped: remembered when its reason has a time-to-live."""
        reason = getattr(exception, "reason", None)
        if isinstance(item, FetchedPage) and reason and getattr(exception, "remember", True):
            self.drop_memory.learn(item.site, item.url, reason)

    def request_dropped(self, request: scrapy.Request, spider: Any = None) -> None:
        """A request the scheduler refused as a duplicate: its backlog place is free again; and
        a redirect to a URL already requested is a loop (plain duplicate links are not counted)."""
        self._lead_ended(request.meta)
        site = self.sites.get(request.meta.get("site", ""))
        if site is None or not request.meta.get("redirect_urls"):
            return
        self._skip(site, "redirect_loop", _first_url(request), f"redirects back to {request.url}")

    # --- Discovery decisions ------------------------------------------------------------

    def _follow_leads(
        self, site: SiteConfig, leads: list[Lead], source: Response | None = None
    ) -> Iterator[scrapy.Request]:
        cutoff = self._cutoff(site)
        for lead in leads:
            if not (site.owns(lead.url) and site.is_article_url(lead.url)):
                continue
            announced = lead.published or lead.lastmod
            if cutoff and announced and (when := parse_datetime(announced)) and when < cutoff:
                key = url_key(lead.url)
                if key not in self._too_old:
                    self._too_old.add(key)
                    self._count(site, keys.SKIPPED_OLD)
                continue
            known = self.ledger.known(lead.url)
            if known is not None and not is_later(lead.lastmod or lead.published, known.lastmod):
                self._skip_seen(site, lead.url)
                continue
            if known is None and self._skip_dropped(site, lead.url, lead.lastmod or lead.published):
                continue
            if not self._admit(site, lead.url, source):
                continue
            self._lead_dates.setdefault(url_key(lead.url), lead)
            if self._backlog is None:
                yield self._request(site, lead.url, self.parse_page, priority=LEAD_PRIORITY, meta=lead.as_meta())
            else:
                self._backlog.hold(site.name, lead)
        yield from self._release(site.name)

    def _release(self, name: str | None) -> Iterator[scrapy.Request]:
        """The requests of the site's leads its backlog window has room for."""
        site = self.sites.get(name or "")
        if self._backlog is None or site is None or self._stopping():
            return
        for lead in self._backlog.release(site.name):
            yield self._request(
                site, lead.url, self.parse_page, priority=LEAD_PRIORITY, meta={**lead.as_meta(), HELD_META: True}
            )
        stats = self.crawler.stats
        stats.set_value(keys.LEADS_WAITING, len(self._backlog))
        stats.max_value(keys.site_key(site.name, keys.LEADS_OUT_MAX), self._backlog.out(site.name))

    def _lead_ended(self, meta: dict[str, Any]) -> None:
        """A request (of this ``meta``) let out of the backlog was answered, failed or
        dropped: one place free in its site's window."""
        if self._backlog is not None and meta.get(HELD_META):
            self._backlog.done(meta.get("site", ""))

    def spider_idle(self) -> None:
        """Nothing in flight and leads still waiting: let the next ones out, and stay open."""
        if self._backlog is None or not len(self._backlog) or self._stopping():
            return
        requests = [r for name in self._backlog.restart() for r in self._release(name)]
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider

    def _lead_meta(self, url: str) -> dict[str, str]:
        lead = self._lead_dates.get(url_key(url))
        return lead.as_meta() if lead is not None else {}

    def _admit(self, site: SiteConfig, url: str, source: Response | None) -> bool:
        """Whether one more request for the site may be queued (``SITE_MAX_REQUESTS``).

        Every queued request costs memory until it is fetched (a page of 400,000 links
        queued 2.2 GB). Past the cap nothing more is queued for the site this crawl: logged
        once, each URL counted as ``ignored/site_max_requests``. The response that listed
        it is then not remembered as seen, so the next crawl reads it again and queues
        the rest (the ones fetched by then are known and skipped). A URL queued before
        passes again (Scrapy drops the duplicate) without counting twice.
        """
        return self._within_budget(site, url, source, "SITE_MAX_REQUESTS", self._queued, self._capped)

    def _admit_listing(self, site: SiteConfig, url: str, source: Response) -> bool:
        """Whether one more non-article page found through links may be requested
        (``SITE_MAX_LISTING_REQUESTS``).

        Article links, feeds and sitemaps never count, so the budget cannot cut them;
        they also go first (higher priority). Past it nothing more of the kind is queued
        for the site this crawl: logged once, each URL counted as
        ``ignored/site_max_listing_requests``; the page that listed it is read again next
        crawl (its validators are not kept, it is not remembered as read), so the rest
        comes then. A URL queued before passes again without counting twice.
        """
        return self._within_budget(site, url, source, "SITE_MAX_LISTING_REQUESTS", self._listings,
                                   self._listings_capped)

    def _within_budget(self, site: SiteConfig, url: str, source: Response | None, setting: str,
                       queued_by_site: dict[str, set[str]], capped: set[str]) -> bool:
        """One URL against the per-site cap ``setting`` (see :meth:`_admit`)."""
        cap = self._cap(setting)
        queued = queued_by_site.setdefault(site.name, set())
        key = url_key(url)
        if key in queued:
            return True
        if len(queued) < cap:
            queued.add(key)
            return True
        reason = setting.lower()
        if site.name not in capped:
            capped.add(site.name)
            self._skip(site, reason, url, f"over {setting} {cap} this crawl; the rest next crawl")
        self._ignore(site, reason)
        if source is not None:
            self._validators.pop(source.meta.get("validator_key"), None)
            self._cut.add(url_key(source.url))
        return False

    def _read_listing(self, site: SiteConfig, response: Response, article_links: int | None) -> None:
        """Remember a non-article page found through links, so the next crawls do not
        read it again before its time-to-live runs out.

        A page linking to articles is a ``listing`` (learnt at the end of a crawl with no
        failed fetch for the site, as validators are); one linking to none is
        ``no_article_links`` at once. ``article_links`` None: the page was unchanged
        (304 or the same bytes), so it keeps what it was. Start pages (depth 0) are read
        every crawl; so are pages a cap cut.
        """
        if response.meta.get("depth", 0) == 0 or site.is_article_url(response.url):
            return
        url = _first_url(response.request) if response.request is not None else response.url
        key = url_key(url)
        if key in self._cut or url_key(response.url) in self._cut:
            return
        if article_links is None:
            remembered = self.ledger.state.dropped(key)
            article_links = 0 if remembered is not None and remembered.reason == NO_ARTICLE_LINKS else 1
        if article_links:
            self._listings_read[key] = (site.name, url)
        else:
            self.drop_memory.learn(site.name, url, NO_ARTICLE_LINKS)

    def _discovered_feeds(self, site: SiteConfig, response: Response, html: str) -> Iterator[scrapy.Request]:
        """Requests for the feeds a start page announces and the config does not name."""
        for url in feed_links(html, response.url):
            key = url_key(url)
            if key in self._feeds or not site.owns(url):
                continue
            self._feeds.add(key)
            self._count(site, keys.FEEDS_DISCOVERED)
            self.logger.info("Feed found on %s: %s", response.url, url)
            yield self._request(site, url, self.parse_feed, priority=LEAD_PRIORITY, conditional=True)

    def _page_links(self, site: SiteConfig, response: TextResponse) -> list[PageLink]:
        """The site's links on the page: those before its ``LINKS_MAX_PER_PAGE + 1``-th link tag.

        Each link costs Python time on the event loop (400,000 of them: minutes), so past
        the cap only the page up to that tag is read (counted by a regex, before any
        parsing); the cut is logged once per page and the link tags after it counted as
        ``ignored/links_truncated``.
        """
        cap = self._cap("LINKS_MAX_PER_PAGE")
        text = response.text
        total = LINK_TAG_RE.subn("", text)[1]  # counted in C, without a list of matches
        if total > cap:
            self._skip(site, "links_truncated", response.url,
                       f"{total - cap} links past LINKS_MAX_PER_PAGE {cap} ignored")
            self._ignore(site, "links_truncated", total - cap)
            text = text[:next(islice(LINK_TAG_RE.finditer(text), cap, None)).start()]
        return self._links(site).read(text, response.url, get_base_url(response), response.encoding)

    def _ignore(self, site: SiteConfig, reason: str, count: int = 1) -> None:
        stats = self.crawler.stats
        stats.inc_value(f"{IGNORED_PREFIX}/{reason}", count)
        stats.inc_value(keys.site_key(site.name, f"{IGNORED_PREFIX}/{reason}"), count)

    def _stopping(self) -> bool:
        """Shutting down (SIGTERM, Ctrl-C): nothing more will be fetched, so responses still
        arriving are not searched for links, leads or sitemaps (seconds each for huge ones)."""
        try:
            running = self.crawler.engine is not None
        except RuntimeError:  # Scrapy 2.19: no engine yet (a spider driven by hand, in tests)
            return False
        return running and not self.crawler.crawling

    def _cap(self, name: str) -> int:
        """A per-response or per-site limit from the settings (defaults in the settings module)."""
        settings = self.crawler.settings
        require(settings, name)
        return settings.getint(name)

    def _skip_seen(self, site: SiteConfig, url: str) -> None:
        """Count a known article not fetched, once per URL however often it is linked,
        and only when an earlier run wrote it (not this run's own records)."""
        key = url_key(url)
        if key not in self._seen and not self.ledger.staged_this_run(key):
            self._seen.add(key)
            self._count(site, keys.SKIPPED_SEEN)

    def _skip_dropped(self, site: SiteConfig, url: str, announced: str | None = None) -> bool:
        """Whether an earlier run dropped ``url`` (or found it gone) and it is not due again;
        counted once per URL as ``seen_dropped``."""
        reason = self.drop_memory.skip_reason(site.name, url, announced)
        if reason is None:
            return False
        key = url_key(url)
        if key not in self._seen_dropped:
            self._seen_dropped.add(key)
            self._count(site, keys.LISTINGS_NOT_DUE if reason == LISTING else keys.SEEN_DROPPED)
        return True

    def _cutoff(self, site: SiteConfig) -> datetime | None:
        """Articles announced before this are too old to fetch (``--since``, ``max_age``)."""
        limits = [self.since] if self.since else []
        if site.max_age:
            limits.append(datetime.now(UTC) - timedelta(seconds=site.max_age))
        return max(limits) if limits else None

    def _remember_validators(self, site: SiteConfig, response: Response, body: bytes | None) -> bool:
        """Keep the response's validators for next time; False when its body is unchanged.

        Servers that ignore conditional requests still send the same bytes for an
        unchanged feed: the body hash catches those.
        """
        key = response.meta.get("validator_key")
        if key is None:
            return True
        body_hash = hashlib.sha256(body or b"").hexdigest()
        headers = response.headers
        etag = headers.get("ETag")
        last_modified = headers.get("Last-Modified")
        self._validators[key] = (
            site.name,
            Validators(
                etag=etag.decode("latin-1") if etag else None,
                last_modified=last_modified.decode("latin-1") if last_modified else None,
                body_hash=body_hash,
            ),
        )
        previous = self.ledger.state.validators(key)
        if previous is not None and previous.body_hash == body_hash:
            self._count(site, keys.SAME_BODY)
            return False
        return True

    # --- Helpers ----------------------------------------------------------------------------

    def _request(
        self,
        site: SiteConfig,
        url: str,
        callback: Any,
        priority: int = 0,
        meta: dict[str, Any] | None = None,
        conditional: bool = False,
    ) -> scrapy.Request:
        headers: dict[str, str] = {}
        request_meta: dict[str, Any] = {"site": site.name, **(meta or {})}
        if conditional:
            key = url_key(url)
            request_meta["validator_key"] = key
            request_meta["handle_httpstatus_list"] = [HTTP_NOT_MODIFIED]
            known = self.ledger.state.validators(key)
            if known is not None and known.etag:
                headers["If-None-Match"] = known.etag
            if known is not None and known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
        return scrapy.Request(
            url, callback=callback, errback=self.on_error, priority=priority,
            meta=request_meta, headers=headers or None,
        )

    def _site_of(self, response: Response) -> SiteConfig:
        site = self.sites[response.meta["site"]]
        self._count(site, keys.PAGES_FETCHED)
        self._count(site, keys.FINISHED, time.time())
        return site

    def _links(self, site: SiteConfig) -> PageLinks:
        reader = self._page_link_readers.get(site.name)
        if reader is None:
            reader = self._page_link_readers[site.name] = PageLinks(site)
        return reader

    def _sitemap_body(self, response: Response) -> bytes | None:
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            except Exception:  # truncated, corrupt or over the size cap
                return None
        return body or None

    def _count(self, site: SiteConfig, what: str, value: float | None = None) -> None:
        stats = self.crawler.stats
        key = keys.site_key(site.name, what)
        if value is None:
            stats.inc_value(key)
        elif what == keys.STARTED:
            stats.min_value(key, value)
        else:
            stats.max_value(key, value)

    def _max_redirects(self) -> int:
        return self.crawler.settings.getint("REDIRECT_MAX_TIMES")

    def _blocked(self, response: Response) -> bool:
        """Whether ``response`` is a bot wall's challenge or block page
        (:mod:`scraper.fetch.challenge`): counted as ``blocked`` for its site, logged,
        neither an answer of the site nor a page to remember; the site is not marked
        crawled, so the next crawl asks again."""
        site = self.sites.get(response.meta.get("site", ""))
        if site is None or response.status == HTTP_NOT_MODIFIED:
            return False
        headers = {key.decode("latin-1"): (response.headers.get(key) or b"").decode("latin-1")
                   for key in response.headers}
        service = challenge_service(response.body, headers)
        if service is None:
            return False
        self._count(site, keys.BLOCKED)
        self.logger.warning("Blocked %s: HTTP %d, a %s challenge or block page, not the page",
                            response.url, response.status, service)
        return True

    def _skip(self, site: SiteConfig, reason: str, url: str, detail: str = "") -> None:
        """A URL given up for a reason of its own: counted as ``dropped/<reason>``, logged once."""
        if detail:
            self.logger.warning("Skipped %s: %s (%s)", url, reason, detail)
        else:
            self.logger.warning("Skipped %s: %s", url, reason)
        self.crawler.stats.inc_value(keys.drop_key(reason))
        self.crawler.stats.inc_value(keys.drop_key(reason, site.name))


def _not_a_page(response: Response) -> tuple[str, str] | None:
    """``(reason, detail)`` when a response cannot be an HTML page, else None."""
    content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        return "not_html", f"Content-Type {media_type}"
    if not isinstance(response, TextResponse):
        return "not_html", "not a text response"
    body = response.body
    if not body.strip():
        return "empty_body", f"{len(body)} bytes"
    head = body[:SNIFF_BYTES]
    if head.startswith(BINARY_MAGIC) or (b"\x00" in head and not _utf16_bom(head)):
        return "not_html", "binary content"
    return None


def _utf16_bom(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _first_url(request: scrapy.Request) -> str:
    """The URL as first requested, before any redirect."""
    redirects = request.meta.get("redirect_urls")
    return redirects[0] if redirects else request.url


def _failure_reason(failure: Failure) -> str:
    """A short, stable name for why a download failed after retries."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(DownloadTimeoutError, TwistedTimeoutError):
        return "timeout"
    if failure.check(ResponseDataLossError):
        return "data_loss"
    if failure.check(CannotResolveHostError):
        return "dns"
    if failure.check(DownloadConnectionRefusedError, ConnectError):
        return "connection_refused"
    if failure.check(DownloadFailedError, ConnectionClosed, ResponseFailed):
        return "connection_lost"
    return failure.type.__name__ if failure.type else "error"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
