"""Crawl state in Redis: one state shared by crawl workers on many machines.

The same :class:`~scraper.store.state.CrawlState` as the SQLite file, in a handful of
Redis hashes and sets under one key prefix, so several projects (or test runs) can share
a server. Every commit of a batch of written records is one ``MULTI`` … ``EXEC``
transaction, so a worker killed mid-commit leaves the state as it was before it. An
article's entry only moves to a newer version (a Lua check), whichever worker commits
last.

The client retries a lost connection for about :data:`RETRY_SECONDS`, so a Redis restart
(with persistence on) is ridden out; past that, every call raises
:class:`~scraper.store.state.StoreWriteError` naming the server, and the crawl stops with
what it wrote still in its files (recovered at the next start).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from scraper.store.state import ArticleCommit, DroppedUrl, KnownArticle, StoreWriteError, Validators

DEFAULT_PREFIX = "scraper"
RETRY_SECONDS = 30.0
"""How long a call keeps retrying a lost connection (a restart takes a few seconds)."""
_RETRY_BASE = 0.05
_RETRY_CAP = 1.0
SOCKET_TIMEOUT = 30.0
"""Seconds a call waits for an answer before the connection counts as lost."""
SOCKET_CONNECT_TIMEOUT = 5.0

# Moves an article's entry to the committed version only if it is not older than the
# stored one; keeps the stored lastmod when the commit has none.
_COMMIT_ARTICLE = """
local stored = redis.call('HGET', KEYS[1], ARGV[1])
local version = tonumber(ARGV[3])
local lastmod = ARGV[4]
if stored then
  local old = cjson.decode(stored)
  if tonumber(old[2]) > version then return 0 end
  if lastmod == '' and old[3] ~= cjson.null then lastmod = old[3] end
end
if lastmod == '' then lastmod = cjson.null end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode({ARGV[2], version, lastmod}))
return 1
"""
_NOTE_LASTMOD = """
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if not stored then return 0 end
local old = cjson.decode(stored)
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode({old[1], old[2], ARGV[2]}))
return 1
"""
# An output offset only grows (two workers may recover the same file).
_RAISE_OFFSET = """
local stored = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
if tonumber(ARGV[2]) > stored then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1
"""


class Patience:
    """How the crawl's Redis clients retry a lost connection: for about
    :data:`RETRY_SECONDS` of backoff, once. After a call gave up, every call tries once
    (and fails at once) until one succeeds, so a Redis that is gone stops the crawl
    instead of freezing it call by call. redis-py nests retries (the command, then the
    connect): the inner one giving up makes the outer one give up too.

    One instance per process, shared by every client (it survives Scrapy's deepcopy of
    the settings), so that they all know Redis is gone.
    """

    def __init__(self, seconds: float = RETRY_SECONDS) -> None:
        from redis.backoff import ExponentialBackoff
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        self.seconds = seconds
        self.gone = False
        self._backoff = ExponentialBackoff(cap=_RETRY_CAP, base=_RETRY_BASE)
        self._errors = (RedisConnectionError, RedisTimeoutError, OSError)

    def call_with_retry(self, do: Any, fail: Any, is_retryable: Any = None, with_failure_count: bool = False) -> Any:
        import time

        deadline = time.monotonic() + (0.0 if self.gone else self.seconds)
        failures = 0
        while True:
            try:
                result = do()
            except self._errors as error:
                if is_retryable and not is_retryable(error):
                    raise
                failures += 1
                fail(error, failures) if with_failure_count else fail(error)
                if self.gone or time.monotonic() >= deadline:
                    self.gone = True
                    raise
                time.sleep(self._backoff.compute(failures))
            else:
                self.gone = False
                return result

    # what redis-py asks of a retry policy besides call_with_retry
    def update_supported_errors(self, specified_errors: Any) -> None:
        self._errors = tuple({*self._errors, *specified_errors})

    def get_retries(self) -> int:
        return int(self.seconds / _RETRY_BASE)

    def update_retries(self, value: int) -> None:
        """The time limit decides, not a count."""

    def __deepcopy__(self, memo: dict) -> Patience:
        return self

    def __copy__(self) -> Patience:
        return self


_patience: Patience | None = None


def redis_params() -> dict[str, Any]:
    """Connection options of every client of the crawl (state, queue, duplicate filter):
    the process's one :class:`Patience`, and socket timeouts."""
    global _patience
    if _patience is None:
        _patience = Patience()
    return {
        "retry": _patience,
        "socket_timeout": SOCKET_TIMEOUT,
        "socket_connect_timeout": SOCKET_CONNECT_TIMEOUT,
        "health_check_interval": 10,
    }


def connect(url: str, patient: bool = True) -> Any:
    """A Redis client for ``url`` (``redis://HOST:PORT/DB``), checked with a PING.

    ``patient=False`` checks once, without the retries (for a quick check before a crawl).
    Raises :class:`StoreWriteError` when redis-py is missing or the server does not answer.
    """
    try:
        import redis
    except ImportError as exc:
        raise StoreWriteError("redis-py is not installed (pip install 'newsscraper[redis]')", url) from exc
    params = redis_params() if patient else {"socket_connect_timeout": 5.0, "socket_timeout": 5.0}
    try:
        client = redis.Redis.from_url(url, **params)
        client.ping()
    except (redis.RedisError, ValueError) as exc:
        raise StoreWriteError(f"Redis does not answer ({exc})", url) from exc
    return client


class RedisState:
    """:class:`~scraper.store.state.CrawlState` in Redis under ``prefix``."""

    def __init__(self, url: str, prefix: str = DEFAULT_PREFIX, client: Any = None) -> None:
        self.url = url
        self.prefix = prefix
        self._redis = client if client is not None else connect(url)
        self._commit_article = self._redis.register_script(_COMMIT_ARTICLE)
        self._note_lastmod = self._redis.register_script(_NOTE_LASTMOD)
        self._raise_offset = self._redis.register_script(_RAISE_OFFSET)

    def _key(self, name: str) -> str:
        return f"{self.prefix}:state:{name}"

    def _band_key(self, band: tuple[int, int]) -> str:
        return self._key(f"band:{band[0]}:{band[1]}")

    def _call(self, action: Any) -> Any:
        """Run ``action()``; a Redis failure (after the client's retries) is a StoreWriteError."""
        from redis import RedisError

        try:
            return action()
        except RedisError as exc:
            raise StoreWriteError(f"Redis failed ({exc})", self.url) from exc

    # --- articles -----------------------------------------------------------------------

    def article(self, url: str) -> KnownArticle | None:
        def read() -> KnownArticle | None:
            article_id = self._redis.hget(self._key("urls"), url)
            if article_id is None:
                return None
            stored = self._redis.hget(self._key("articles"), article_id)
            if stored is None:
                return None
            fingerprint, version, lastmod = json.loads(stored)
            return KnownArticle(article_id.decode(), fingerprint, int(version), lastmod)

        return self._call(read)

    def article_with_fingerprint(self, fingerprint: str) -> str | None:
        found = self._call(lambda: self._redis.hget(self._key("fingerprints"), fingerprint))
        return found.decode() if found is not None else None

    def similar_candidates(self, bands: Iterable[tuple[int, int]]) -> list[tuple[str, bytes]]:
        keys = [self._band_key(band) for band in bands]
        if not keys:
            return []

        def read() -> list[tuple[str, bytes]]:
            ids = sorted(i.decode() for i in self._redis.sunion(keys))
            if not ids:
                return []
            signatures = self._redis.hmget(self._key("signatures"), ids)
            return [(i, bytes(s)) for i, s in zip(ids, signatures, strict=True) if s is not None]

        return self._call(read)

    def commit_articles(self, commits: Sequence[ArticleCommit], offsets: Mapping[str, int]) -> None:
        def write() -> None:
            pipe = self._redis.pipeline(transaction=True)
            for c in commits:
                self._commit_article(
                    keys=[self._key("articles")],
                    args=[c.article_id, c.fingerprint, c.version, c.lastmod or ""],
                    client=pipe,
                )
                for url in c.urls:
                    pipe.hsetnx(self._key("urls"), url, c.article_id)
                pipe.hsetnx(self._key("fingerprints"), c.fingerprint, c.article_id)
                if c.signature is not None:
                    pipe.hset(self._key("signatures"), c.article_id, c.signature)
                for band in c.bands:
                    pipe.sadd(self._band_key(band), c.article_id)
            for path, offset in offsets.items():
                self._raise_offset(keys=[self._key("outputs")], args=[path, offset], client=pipe)
            pipe.execute()

        self._call(write)

    def note_lastmod(self, article_id: str, lastmod: str) -> None:
        self._call(lambda: self._note_lastmod(keys=[self._key("articles")], args=[article_id, lastmod]))

    def output_offsets(self) -> dict[str, int]:
        stored = self._call(lambda: self._redis.hgetall(self._key("outputs")))
        return {path.decode(): int(offset) for path, offset in stored.items()}

    # --- validators, drops, crawl times -------------------------------------------------

    def validators(self, url: str) -> Validators | None:
        stored = self._call(lambda: self._redis.hget(self._key("validators"), url))
        return Validators(*json.loads(stored)) if stored is not None else None

    def save_validators(self, items: Mapping[str, Validators]) -> None:
        if items:
            mapping = {url: json.dumps([v.etag, v.last_modified, v.body_hash]) for url, v in items.items()}
            self._call(lambda: self._redis.hset(self._key("validators"), mapping=mapping))

    def dropped(self, url: str) -> DroppedUrl | None:
        stored = self._call(lambda: self._redis.hget(self._key("drops"), url))
        return DroppedUrl(*json.loads(stored)) if stored is not None else None

    def remember_drops(self, items: Mapping[str, DroppedUrl]) -> None:
        if items:
            mapping = {url: json.dumps([d.reason, d.fetched_at, d.until, d.policy]) for url, d in items.items()}
            self._call(lambda: self._redis.hset(self._key("drops"), mapping=mapping))

    def last_crawl(self, site: str) -> float | None:
        stored = self._call(lambda: self._redis.hget(self._key("sites"), site))
        return float(stored) if stored is not None else None

    def mark_crawled(self, site: str, started: float) -> None:
        self._call(lambda: self._redis.hset(self._key("sites"), site, repr(started)))

    def close(self) -> None:
        self._redis.close()
