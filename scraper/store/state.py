"""Crawl state: what earlier crawls saw, behind one small interface.

Everything the crawl remembers across runs goes through :class:`CrawlState`: known
articles (by canonical URL, with their fingerprint, version and last sitemap/feed date),
their near-duplicate signatures, HTTP validators of feeds, sitemaps and start pages, how
far each output file has been committed, and when each site was last crawled.
:class:`~scraper.store.sqlite.SqliteState` keeps it in one SQLite file for a machine;
:class:`~scraper.store.memory.MemoryState` keeps it for one run;
:class:`~scraper.store.redis_state.RedisState` shares it between the workers of a
distributed crawl (``scraper crawl --redis``).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from w3lib.url import canonicalize_url

URL_KEYS_CACHED = 16_384
"""URL keys kept by :func:`url_key` (a few MB)."""

STATE_FILE = "state.sqlite"
STATE_DIR_NAME = ".state"


def default_state_dir(out: str | Path) -> Path:
    """The state directory of a crawl writing to ``out`` when none is given: ``OUT/.state``.

    Here, not in the Scrapy glue, so the scheduler finds it without importing Scrapy.
    """
    return Path(out) / STATE_DIR_NAME


@lru_cache(maxsize=URL_KEYS_CACHED)
def url_key(url: str) -> str:
    """The form URLs are remembered in: canonical (sorted query, no fragment).

    Cached: a crawl asks for the keys of the same navigation and article links on page
    after page, and canonicalising costs tens of microseconds each in the event loop.
    """
    return canonicalize_url(url)


@dataclass(frozen=True)
class KnownArticle:
    """An article an earlier record was written for."""

    article_id: str
    fingerprint: str
    version: int
    lastmod: str | None = None
    """The sitemap/feed date it was last fetched under; a later one means 'refetch'."""


@dataclass(frozen=True)
class ArticleCommit:
    """What to remember once a record is durably written."""

    urls: tuple[str, ...]
    """URL keys the article is known under (canonical first, then the fetched URL)."""
    article_id: str
    fingerprint: str
    version: int
    lastmod: str | None = None
    signature: bytes | None = None
    bands: tuple[tuple[int, int], ...] = field(default=())


@dataclass(frozen=True)
class Validators:
    """HTTP validators of a feed, sitemap or start page, for conditional requests."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass(frozen=True)
class DroppedUrl:
    """A URL fetched and dropped (or gone), remembered so later runs do not fetch it again."""

    reason: str
    """The drop reason (``not_article``, ``too_short``, ``duplicate_fingerprint``,
    ``near_duplicate``, …) or ``gone`` for a 404 / 410."""
    fetched_at: float
    """When it was fetched (epoch seconds): a sitemap or feed date after it means 'refetch'."""
    until: float
    """When the memory expires (epoch seconds): fetched again after that."""
    policy: str = ""
    """What decided the drop (extractor version, dedup action, the site's rules), hashed:
    a drop decided under another policy is fetched again."""


class StoreWriteError(Exception):
    """Writing the output or committing the state failed (full disk, I/O error, read-only
    file system, SQLite error): the crawl must stop, as every later write would fail too.

    ``str()`` is ``"<reason>: <path>"``, e.g. ``No space left on device: /out/site/day.jsonl``.
    """

    def __init__(self, reason: str, path: str | Path) -> None:
        super().__init__(reason, str(path))
        self.reason = reason
        self.path = str(path)

    def __str__(self) -> str:
        return f"{self.reason}: {self.path}"

    @classmethod
    def wrap(cls, error: BaseException, path: str | Path) -> StoreWriteError:
        """The error for ``error`` (an OSError or a SQLite error) on ``path``."""
        if isinstance(error, OSError) and error.strerror:
            return cls(error.strerror, path)
        return cls(str(error) or type(error).__name__, path)


class StateCorrupt(StoreWriteError):
    """The state file exists but is not a readable database (a torn copy, another file,
    disk corruption). The records are still in the output: the state can be rebuilt
    from them (:func:`set_aside`)."""


def set_aside(path: str | Path) -> Path:
    """Move a corrupt state file (and its WAL files) aside; where it went. A fresh state
    is then created in its place, and the crawl's recovery reads every record of the
    output back into it."""
    source = Path(path)
    target = source.with_name(f"{source.name}.corrupt-{int(time.time())}")
    source.rename(target)
    for suffix in ("-wal", "-shm"):
        companion = source.with_name(source.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    return target


class CrawlState(Protocol):
    """What a crawl remembers between runs.

    Methods that write raise :class:`StoreWriteError` when the write cannot be made.
    """

    def article(self, url: str) -> KnownArticle | None:
        """The article known under URL key ``url``."""

    def article_with_fingerprint(self, fingerprint: str) -> str | None:
        """The article_id of an article whose text had this exact fingerprint."""

    def similar_candidates(self, bands: Iterable[tuple[int, int]]) -> list[tuple[str, bytes]]:
        """(article_id, signature) of articles sharing at least one LSH band."""

    def commit_articles(self, commits: Sequence[ArticleCommit], offsets: Mapping[str, int]) -> None:
        """Remember written articles and the output offsets they reach (an offset only
        grows), atomically."""

    def note_lastmod(self, article_id: str, lastmod: str) -> None:
        """An article was refetched under a new date but its text had not changed."""

    def output_offsets(self) -> dict[str, int]:
        """Bytes of each output file whose records are committed, by path."""

    def validators(self, url: str) -> Validators | None: ...

    def save_validators(self, items: Mapping[str, Validators]) -> None: ...

    def dropped(self, url: str) -> DroppedUrl | None:
        """The drop remembered for URL key ``url`` (expired ones included)."""

    def remember_drops(self, items: Mapping[str, DroppedUrl]) -> None:
        """Remember dropped URLs by URL key (replacing what was remembered for them)."""

    def last_crawl(self, site: str) -> float | None:
        """When the last crawl of ``site`` that finished normally started (epoch seconds)."""

    def mark_crawled(self, site: str, started: float) -> None: ...

    def close(self) -> None: ...


def open_state(directory: str | Path | None) -> CrawlState:
    """SQLite state in ``directory`` (created if needed), or in-memory state for None.

    Raises :class:`StoreWriteError` when the state cannot be created or opened.
    """
    if directory is None:
        from scraper.store.memory import MemoryState

        return MemoryState()
    from scraper.store.sqlite import SqliteState

    path = Path(directory)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreWriteError.wrap(exc, path) from exc
    return SqliteState(path / STATE_FILE)
