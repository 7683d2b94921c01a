"""DeduplicatePipeline: each article once, new versions when its text changes."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from pipelines.drops import drop
from scraper.config.project import require
from scraper.crawl import stats as keys
from scraper.crawl.page import FetchedPage
from scraper.crawl.shared_ledger import ledger_for
from scraper.crawl.write_failure import stop_on_write_failure
from scraper.store.ledger import Ledger, commit_for, new_article_id
from scraper.store.neardup import Signature
from scraper.store.state import ArticleCommit, StoreWriteError, url_key

NEARDUP_ACTIONS = ("drop", "mark")


class DeduplicatePipeline:
    """Decides whether a record is new, an update of a known article, or a duplicate.

    * known canonical or fetched URL, same text fingerprint: dropped as ``unchanged``;
    * known URL, changed text: passes as the article's next ``version`` with its
      ``article_id``, and ``date_modified`` filled in when the page gives none;
    * unknown URL, text identical to a known article: dropped as ``duplicate_fingerprint``;
    * unknown URL, text nearly identical (MinHash Jaccard ≥ ``NEARDUP_THRESHOLD``):
      dropped as ``near_duplicate`` or, with ``NEARDUP_ACTION = "mark"``, kept with
      ``duplicate_of`` set;
    * otherwise a new article (version 1).

    What is known comes from the :class:`~scraper.store.ledger.Ledger`: earlier runs' state
    plus this run's records. Nothing becomes durable here; the exporter commits after
    writing.
    """

    def __init__(self, crawler: Crawler, ledger: Ledger | None = None) -> None:
        settings = crawler.settings
        require(settings, "NEARDUP_ENABLED", "NEARDUP_THRESHOLD", "NEARDUP_ACTION")
        self.crawler = crawler
        self.stats = crawler.stats
        self.neardup_enabled = settings.getbool("NEARDUP_ENABLED")
        self.threshold = settings.getfloat("NEARDUP_THRESHOLD")
        self.action = settings["NEARDUP_ACTION"]
        if self.action not in NEARDUP_ACTIONS:
            raise ValueError(f"NEARDUP_ACTION must be one of {NEARDUP_ACTIONS}, got {self.action!r}")
        self.ledger = ledger or ledger_for(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DeduplicatePipeline:
        return cls(crawler)

    def process_item(self, page: Any) -> Any:
        if not isinstance(page, FetchedPage) or page.record is None:
            return page
        record = page.record
        lastmod = page.lead_lastmod
        known = self.ledger.known(*(u for u in (record.canonical_url, record.url) if u))
        if known is not None:
            if known.fingerprint == record.fingerprint:
                # refetched because a sitemap or feed date moved: the text is as we have
                # it, now checked as of this fetch
                try:
                    self.ledger.note_lastmod(known.article_id, record.fetched_at or "")
                except StoreWriteError as exc:
                    stop_on_write_failure(self.crawler, exc)
                raise drop(self.stats, record.site, "unchanged", record.url)
            record.article_id = known.article_id
            record.version = known.version + 1
            record.date_modified = record.date_modified or lastmod or record.fetched_at
            self._count(record.site, keys.ARTICLES_UPDATED)
        else:
            owner = self.ledger.fingerprint_owner(record.fingerprint or "")
            if owner:
                raise drop(self.stats, record.site, "duplicate_fingerprint", f"same text as {owner}: {record.url}")
            record.article_id = new_article_id(url_key(record.canonical_url or record.url))
            record.version = 1
        # This version reflects the page as fetched: a later sitemap or feed date means
        # a change after the fetch.
        commit = commit_for(ItemAdapter(record), record.fetched_at, page.hashed_text)
        if known is None:
            if self.neardup_enabled:
                self._check_near_duplicate(record, commit)
            if record.duplicate_of is None:
                self._count(record.site, keys.ARTICLES_NEW)
        self.ledger.stage(commit)
        page.commit = commit
        return page

    def _check_near_duplicate(self, record: Any, commit: ArticleCommit) -> None:
        assert commit.signature is not None
        match = self.ledger.near_duplicate(Signature.from_bytes(commit.signature), self.threshold)
        if match is None:
            return
        article_id, similarity = match
        if self.action == "drop":
            raise drop(
                self.stats, record.site, "near_duplicate",
                f"{similarity:.2f} similar to {article_id}: {record.url}",
            )
        record.duplicate_of = article_id
        self._count(record.site, "articles_near_duplicate")

    def _count(self, site: str | None, what: str) -> None:
        self.stats.inc_value(f"dedupe/{what}")
        if site:
            self.stats.inc_value(keys.site_key(site, what))
