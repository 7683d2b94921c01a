"""Crawl state kept in memory: for one run, for tests, and as a template for backends."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from scraper.store.state import ArticleCommit, DroppedUrl, KnownArticle, Validators


class MemoryState:
    """:class:`~scraper.store.state.CrawlState` in dicts; forgotten when the process ends."""

    def __init__(self) -> None:
        self._urls: dict[str, str] = {}
        self._articles: dict[str, KnownArticle] = {}
        self._fingerprints: dict[str, str] = {}
        self._signatures: dict[str, bytes] = {}
        self._bands: dict[tuple[int, int], set[str]] = defaultdict(set)
        self._offsets: dict[str, int] = {}
        self._validators: dict[str, Validators] = {}
        self._crawls: dict[str, float] = {}
        self._drops: dict[str, DroppedUrl] = {}

    def article(self, url: str) -> KnownArticle | None:
        article_id = self._urls.get(url)
        return self._articles.get(article_id) if article_id else None

    def article_with_fingerprint(self, fingerprint: str) -> str | None:
        return self._fingerprints.get(fingerprint)

    def similar_candidates(self, bands: Iterable[tuple[int, int]]) -> list[tuple[str, bytes]]:
        ids = set().union(*(self._bands.get(band, ()) for band in bands))
        return [(i, self._signatures[i]) for i in sorted(ids) if i in self._signatures]

    def commit_articles(self, commits: Sequence[ArticleCommit], offsets: Mapping[str, int]) -> None:
        for c in commits:
            self._articles[c.article_id] = KnownArticle(c.article_id, c.fingerprint, c.version, c.lastmod)
            for url in c.urls:
                self._urls.setdefault(url, c.article_id)
            self._fingerprints.setdefault(c.fingerprint, c.article_id)
            if c.signature is not None:
                self._signatures[c.article_id] = c.signature
                for band in c.bands:
                    self._bands[band].add(c.article_id)
        for path, offset in offsets.items():  # offsets only grow, as in every backend
            self._offsets[path] = max(offset, self._offsets.get(path, offset))

    def forget(self, commit: ArticleCommit) -> None:
        """Drop ``commit``'s article, unless a newer version of it came in since."""
        known = self._articles.get(commit.article_id)
        if known is None or (known.version, known.fingerprint) != (commit.version, commit.fingerprint):
            return
        article_id = commit.article_id
        del self._articles[article_id]
        for url in commit.urls:
            if self._urls.get(url) == article_id:
                del self._urls[url]
        if self._fingerprints.get(commit.fingerprint) == article_id:
            del self._fingerprints[commit.fingerprint]
        self._signatures.pop(article_id, None)
        for band in commit.bands:
            holders = self._bands.get(band)
            if holders is not None:
                holders.discard(article_id)
                if not holders:
                    del self._bands[band]

    def note_lastmod(self, article_id: str, lastmod: str) -> None:
        known = self._articles.get(article_id)
        if known:
            self._articles[article_id] = KnownArticle(known.article_id, known.fingerprint, known.version, lastmod)

    def output_offsets(self) -> dict[str, int]:
        return dict(self._offsets)

    def validators(self, url: str) -> Validators | None:
        return self._validators.get(url)

    def save_validators(self, items: Mapping[str, Validators]) -> None:
        self._validators.update(items)

    def dropped(self, url: str) -> DroppedUrl | None:
        return self._drops.get(url)

    def remember_drops(self, items: Mapping[str, DroppedUrl]) -> None:
        self._drops.update(items)

    def last_crawl(self, site: str) -> float | None:
        return self._crawls.get(site)

    def mark_crawled(self, site: str, started: float) -> None:
        self._crawls[site] = started

    def close(self) -> None:
        """Nothing to release."""
