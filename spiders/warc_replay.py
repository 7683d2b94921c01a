"""The replay spider: pages from WARC files instead of the network (``scraper reextract``).

It reads the HTML responses of the given WARC files, ours (``scraper crawl --warc``) or
another crawler's (CC-NEWS and the like), and yields them as the news spider yields a
fetched article, :class:`~scraper.crawl.page.FetchedPage`, so the same pipelines turn
them into records: extraction, validation, deduplication against the crawl state,
versions, export. It makes no request.

With sites (a config), a page is kept when a site owns its URL and the URL matches that
site's article rules (our own files name their site); without, every page is kept, its
site named after its host. What is skipped is counted by reason (``reextract/skipped/*``).

    scraper reextract crawl-warc/ --config sites.toml --out OUT
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy

from scraper.archive.warc_file import ArchivedPage, ReadCounts, read_pages, warc_files
from scraper.config.sites import SiteConfig
from scraper.crawl import stats as keys
from scraper.crawl.page import FetchedPage
from scraper.fetch.decoding import decode_html
from scraper.fetch.markup import most_attributes

logger = logging.getLogger(__name__)

# Pages between two progress lines.
PROGRESS_EVERY = 1000
# A host as a site name: what a file name may hold.
UNSAFE_NAME_RE = re.compile(r"[^A-Za-z0-9_.-]+")


def host_site(url: str) -> str:
    """The site name of a page read without a config: its host, ``www.`` dropped."""
    host = (urlsplit(url).hostname or "unknown").lower().removeprefix("www.")
    return UNSAFE_NAME_RE.sub("-", host).strip(".-") or "unknown"


class WarcReplaySpider(scrapy.Spider):
    """Yields the article pages of WARC files; see the module doc."""

    name = "warc-replay"

    def __init__(self, paths: Sequence[str | Path] = (), sites: Sequence[SiteConfig] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(paths, str):  # `scrapy crawl warc-replay -a paths=a.warc.gz,b.warc.gz`
            paths = [p for p in paths.split(",") if p]
        self.paths = warc_files(paths)
        self.site_list = list(sites) if sites is not None else None
        self.sites = {s.name: s for s in self.site_list} if self.site_list is not None else {}
        self.counts = ReadCounts()

    def _site_for(self, page: ArchivedPage) -> tuple[str, str | None] | None:
        """``(site name, language hint)`` of ``page``, or None when no site takes it."""
        if self.site_list is None:
            return host_site(page.url), None
        named = self.sites.get(page.site or "")
        candidates = [named] if named is not None and named.owns(page.url) else self.site_list
        for site in candidates:
            if site.owns(page.url) and site.is_article_url(page.url):
                return site.name, site.language
        return None

    def _item(self, page: ArchivedPage) -> FetchedPage | None:
        chosen = self._site_for(page)
        if chosen is None:
            self.counts.skip("other_site")
            return None
        site, language = chosen
        html, _ = decode_html(page.body, page.content_type)
        limit = self.settings.getint("HTML_MAX_TAG_ATTRIBUTES")
        if most_attributes(html, limit):
            self.counts.skip("pathological_markup")
            return None
        stats = self.crawler.stats
        stats.inc_value(keys.site_key(site, keys.PAGES_FETCHED))
        stats.set_value(keys.site_key(site, keys.FINISHED), time.time())
        return FetchedPage(url=page.url, site=site, html=html, status=page.status, fetched_at=page.fetched_at,
                           language_hint=language, lead=dict(page.lead))

    async def start(self) -> AsyncIterator[Any]:
        stats = self.crawler.stats
        read = 0
        for path in self.paths:
            try:
                for page in read_pages(path, self.counts):
                    read += 1
                    if read % PROGRESS_EVERY == 0:
                        logger.info("Read %d pages (%s)", read, path.name)
                    item = self._item(page)
                    if item is not None:
                        yield item
            except OSError as exc:
                self.counts.skip("unreadable_file")
                logger.error("Cannot read %s: %s", path, exc.strerror or exc)
            except Exception as exc:  # noqa: BLE001 - a broken file must not stop the others
                self.counts.skip("unreadable_file")
                logger.error("Cannot read %s as a WARC file: %s", path, exc)
            stats.inc_value("reextract/files")
        stats.set_value("reextract/pages", read)
        for reason, count in sorted(self.counts.skipped.items()):
            stats.set_value(f"reextract/skipped/{reason}", count)
