"""The generic news spider: discovery and fetching only.

For each configured site it reads robots.txt (for its ``Sitemap:`` lines), the sitemaps
and feeds of the config, and follows links from the start pages within the site's
domains. Pages whose URL matches the site's article rules are yielded as
:class:`~scraper.page.FetchedPage` items; turning them into records is the pipelines' job.

    scrapy crawl news -a config=sites.toml [-a site=NAME[,NAME...]]
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import sitemap_urls_from_robots

from scraper import stats as keys
from scraper.discovery import parse_feed, parse_sitemap
from scraper.discovery.lead import Lead
from scraper.page import FetchedPage
from scraper.siteconfig import SiteConfig, load_config, select_sites

LEAD_PRIORITY = 10
"""Articles announced by sitemaps and feeds go first: they carry dates and are the freshest."""
ARTICLE_LINK_PRIORITY = 5
"""Article links found on pages come before further listing pages."""
MAX_SITEMAP_DEPTH = 3
"""Sitemap indexes nested deeper than this are ignored (they are loops or traps)."""


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
        self._link_extractors: dict[str, LinkExtractor] = {}

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
        if slots and settings.frozen:
            spider.logger.warning("Settings are frozen: per-site politeness overrides not applied")
        elif slots:
            settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        return spider

    # --- Entry points ---------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.sites.values():
            self._count(site, keys.STARTED, time.time())
            origins = dict.fromkeys(_origin(u) for u in site.start_urls)
            for origin in origins:
                yield self._request(site, f"{origin}/robots.txt", self.parse_robots, priority=LEAD_PRIORITY)
            for url in site.sitemaps:
                yield self._request(site, url, self.parse_sitemap, priority=LEAD_PRIORITY)
            for url in site.feeds:
                yield self._request(site, url, self.parse_feed, priority=LEAD_PRIORITY)
            for url in site.start_urls:
                yield self._request(site, url, self.parse_page)

    # --- Callbacks --------------------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        site = self._site_of(response)
        if response.status != 200:
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if site.owns(url) and url not in site.sitemaps:
                yield self._request(site, url, self.parse_sitemap, priority=LEAD_PRIORITY)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        site = self._site_of(response)
        body = self._sitemap_body(response)
        page = parse_sitemap(body, base_url=response.url) if body else None
        if page is None or page.kind == "invalid":
            self._skip(site, "invalid_sitemap", response)
            return
        level = response.meta.get("sitemap_level", 0)
        if page.kind == "sitemapindex":
            if level >= MAX_SITEMAP_DEPTH:
                self._skip(site, "sitemap_too_deep", response)
                return
            for url in page.sitemaps:
                if site.owns(url):
                    yield self._request(
                        site, url, self.parse_sitemap, priority=LEAD_PRIORITY,
                        meta={"sitemap_level": level + 1},
                    )
            return
        yield from self._follow_leads(site, page.leads)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        site = self._site_of(response)
        leads = parse_feed(response.body, base_url=response.url)
        if not leads:
            self._skip(site, "empty_or_invalid_feed", response)
        yield from self._follow_leads(site, leads)

    def parse_page(self, response: Response) -> Iterator[Any]:
        """An HTML page: maybe an article (yielded as an item), and a source of links."""
        site = self._site_of(response)
        if not isinstance(response, TextResponse):
            self._skip(site, "not_html", response)
            return
        if site.is_article_url(response.url):
            yield FetchedPage(
                url=response.url,
                site=site.name,
                html=response.text,
                status=response.status,
                fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                language_hint=site.language,
                lead={k: v for k, v in response.meta.items() if k.startswith("lead_")},
            )
        depth = response.meta.get("depth", 0)
        if depth > site.max_depth:
            return
        for link in self._links(site).extract_links(response):
            if not site.owns(link.url):
                continue
            if site.is_article_url(link.url):
                yield self._request(site, link.url, self.parse_page, priority=ARTICLE_LINK_PRIORITY)
            elif depth < site.max_depth:
                yield self._request(site, link.url, self.parse_page)

    # --- Helpers ----------------------------------------------------------------------------

    def _follow_leads(self, site: SiteConfig, leads: list[Lead]) -> Iterator[scrapy.Request]:
        for lead in leads:
            if site.owns(lead.url) and site.is_article_url(lead.url):
                yield self._request(
                    site, lead.url, self.parse_page, priority=LEAD_PRIORITY, meta=lead.as_meta()
                )

    def _request(
        self,
        site: SiteConfig,
        url: str,
        callback: Any,
        priority: int = 0,
        meta: dict[str, Any] | None = None,
    ) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            priority=priority,
            meta={"site": site.name, **(meta or {})},
        )

    def _site_of(self, response: Response) -> SiteConfig:
        site = self.sites[response.meta["site"]]
        self._count(site, keys.PAGES_FETCHED)
        self._count(site, keys.FINISHED, time.time())
        return site

    def _links(self, site: SiteConfig) -> LinkExtractor:
        extractor = self._link_extractors.get(site.name)
        if extractor is None:
            # Domains are checked with site.owns(): LinkExtractor's allow_domains compares
            # host:port, which misses sites served on a non-default port.
            extractor = self._link_extractors[site.name] = LinkExtractor(
                deny=[p.pattern for p in site.deny],
                unique=True,
            )
        return extractor

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

    def _skip(self, site: SiteConfig, reason: str, response: Response) -> None:
        self.logger.warning("Skipped %s: %s", response.url, reason)
        self.crawler.stats.inc_value(keys.drop_key(reason))
        self.crawler.stats.inc_value(keys.drop_key(reason, site.name))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
