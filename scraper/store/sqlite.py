"""Crawl state in one SQLite file: durable, shareable by the crawls of one machine.

WAL journaling lets several crawl processes (one per site, from the scheduler) read
and write the same file; a busy timeout makes writers wait for each other instead of
failing. Each commit is one transaction, so a crash leaves the state as it was at the
last commit, never half-updated.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from scraper.store.state import ArticleCommit, DroppedUrl, KnownArticle, StateCorrupt, StoreWriteError, Validators

BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another process's transaction before giving up."""
MAX_BAND_QUERY = 500
"""SQLite's default limit on host parameters is 999; two per band."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    article_id  TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    version     INTEGER NOT NULL,
    lastmod     TEXT,
    signature   BLOB,
    updated_at  REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS article_urls (
    url        TEXT PRIMARY KEY,
    article_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fingerprints (
    fingerprint TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bands (
    band       INTEGER NOT NULL,
    hash       INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (band, hash, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS validators (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    body_hash     TEXT,
    saved_at      REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outputs (
    path   TEXT PRIMARY KEY,
    offset INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS drops (
    url        TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    fetched_at REAL NOT NULL,
    until      REAL NOT NULL,
    policy     TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sites (
    name       TEXT PRIMARY KEY,
    last_crawl REAL NOT NULL
) WITHOUT ROWID;
"""


class SqliteState:
    """:class:`~scraper.store.state.CrawlState` in a SQLite database file."""

    def __init__(self, path: str | Path) -> None:
        """Open (or create) the state; a file that cannot be set up raises StoreWriteError."""
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreWriteError.wrap(exc, self.path) from exc
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            if _is_corrupt(exc):
                raise StateCorrupt(str(exc), self.path) from exc
            raise StoreWriteError.wrap(exc, self.path) from exc

    def _one(self, sql: str, *args: object) -> tuple | None:
        return self._db.execute(sql, args).fetchone()

    def article(self, url: str) -> KnownArticle | None:
        row = self._one(
            "SELECT a.article_id, a.fingerprint, a.version, a.lastmod FROM article_urls u "
            "JOIN articles a USING (article_id) WHERE u.url = ?",
            url,
        )
        return KnownArticle(*row) if row else None

    def article_with_fingerprint(self, fingerprint: str) -> str | None:
        row = self._one("SELECT article_id FROM fingerprints WHERE fingerprint = ?", fingerprint)
        return row[0] if row else None

    def similar_candidates(self, bands: Iterable[tuple[int, int]]) -> list[tuple[str, bytes]]:
        bands = list(bands)[:MAX_BAND_QUERY]
        if not bands:
            return []
        where = " OR ".join("(b.band = ? AND b.hash = ?)" for _ in bands)
        args = [value for band in bands for value in band]
        rows = self._db.execute(
            "SELECT DISTINCT a.article_id, a.signature FROM bands b JOIN articles a USING (article_id) "
            f"WHERE ({where}) AND a.signature IS NOT NULL ORDER BY a.article_id",
            args,
        ).fetchall()
        return [(article_id, bytes(signature)) for article_id, signature in rows]

    def commit_articles(self, commits: Sequence[ArticleCommit], offsets: Mapping[str, int]) -> None:
        now = time.time()
        with self._transaction() as db:
            for c in commits:
                db.execute(
                    "INSERT INTO articles (article_id, fingerprint, version, lastmod, signature, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
                    "fingerprint = excluded.fingerprint, version = excluded.version, "
                    "lastmod = COALESCE(excluded.lastmod, articles.lastmod), "
                    "signature = COALESCE(excluded.signature, articles.signature), "
                    "updated_at = excluded.updated_at "
                    "WHERE excluded.version >= articles.version",
                    (c.article_id, c.fingerprint, c.version, c.lastmod, c.signature, now),
                )
                db.executemany(
                    "INSERT OR IGNORE INTO article_urls (url, article_id) VALUES (?, ?)",
                    [(url, c.article_id) for url in c.urls],
                )
                db.execute(
                    "INSERT OR IGNORE INTO fingerprints (fingerprint, article_id) VALUES (?, ?)",
                    (c.fingerprint, c.article_id),
                )
                db.executemany(
                    "INSERT OR IGNORE INTO bands (band, hash, article_id) VALUES (?, ?, ?)",
                    [(band, value, c.article_id) for band, value in c.bands],
                )
            db.executemany(
                "INSERT INTO outputs (path, offset) VALUES (?, ?) "
                "ON CONFLICT (path) DO UPDATE SET offset = MAX(offset, excluded.offset)",
                list(offsets.items()),
            )

    def note_lastmod(self, article_id: str, lastmod: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE articles SET lastmod = ? WHERE article_id = ?", (lastmod, article_id))

    def output_offsets(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT path, offset FROM outputs").fetchall())

    def validators(self, url: str) -> Validators | None:
        row = self._one("SELECT etag, last_modified, body_hash FROM validators WHERE url = ?", url)
        return Validators(*row) if row else None

    def save_validators(self, items: Mapping[str, Validators]) -> None:
        now = time.time()
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO validators (url, etag, last_modified, body_hash, saved_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(url, v.etag, v.last_modified, v.body_hash, now) for url, v in items.items()],
            )

    def dropped(self, url: str) -> DroppedUrl | None:
        row = self._one("SELECT reason, fetched_at, until, policy FROM drops WHERE url = ?", url)
        return DroppedUrl(*row) if row else None

    def remember_drops(self, items: Mapping[str, DroppedUrl]) -> None:
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO drops (url, reason, fetched_at, until, policy) VALUES (?, ?, ?, ?, ?)",
                [(url, d.reason, d.fetched_at, d.until, d.policy) for url, d in items.items()],
            )

    def last_crawl(self, site: str) -> float | None:
        row = self._one("SELECT last_crawl FROM sites WHERE name = ?", site)
        return row[0] if row else None

    def mark_crawled(self, site: str, started: float) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO sites (name, last_crawl) VALUES (?, ?)", (site, started))

    def close(self) -> None:
        self._db.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on error.

        A write SQLite refuses (disk full, I/O error, read-only) raises
        :class:`~scraper.store.state.StoreWriteError`, and nothing of it is kept.
        """
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                _rollback(db)
                raise
            db.execute("COMMIT")
        except (sqlite3.Error, OSError) as exc:
            _rollback(db)
            raise StoreWriteError.wrap(exc, self.path) from exc


def _is_corrupt(error: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file is not (or no longer) a database."""
    message = str(error).lower()
    return "not a database" in message or "malformed" in message


def _rollback(db: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (SQLite ends some failed ones itself)."""
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
