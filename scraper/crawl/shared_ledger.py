"""The crawl's shared ledger, opened once per crawler and closed when the engine stops.

The spider (to skip known articles and send conditional requests) and the pipelines
(to deduplicate and commit) reach the same :class:`~scraper.store.ledger.Ledger` through
:func:`ledger_for`.

Settings: ``SCRAPER_STATE`` (``"sqlite"``, the default; ``"memory"`` to remember nothing
across runs; ``"redis"`` for the state shared by a distributed crawl's workers, at
``SCRAPER_REDIS_URL`` under ``SCRAPER_REDIS_PREFIX``) and ``SCRAPER_STATE_DIR`` (default
``<SCRAPER_OUTPUT_DIR>/.state``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.settings import BaseSettings

from scraper.config.project import require
from scraper.config.sites import ConfigError
from scraper.store.ledger import Ledger
from scraper.store.state import STATE_DIR_NAME, CrawlState, default_state_dir, open_state

STATE_KINDS = ("sqlite", "memory", "redis")

__all__ = ["STATE_DIR_NAME", "STATE_KINDS", "default_state_dir", "ledger_for", "open_crawl_state", "state_directory"]


def state_directory(settings: BaseSettings) -> Path | None:
    """Where the crawl state lives, or None for in-memory state."""
    require(settings, "SCRAPER_STATE", "SCRAPER_STATE_DIR", "SCRAPER_OUTPUT_DIR")
    kind = settings["SCRAPER_STATE"]
    if kind not in STATE_KINDS:
        raise ConfigError(f"SCRAPER_STATE must be one of {STATE_KINDS}, got {kind!r}")
    if kind in ("memory", "redis"):
        return None
    configured = settings["SCRAPER_STATE_DIR"]
    if configured:
        return Path(configured)
    return default_state_dir(settings["SCRAPER_OUTPUT_DIR"])


def open_crawl_state(settings: BaseSettings) -> CrawlState:
    """The crawl state the settings name (raises StoreWriteError when it cannot be opened)."""
    require(settings, "SCRAPER_STATE", "SCRAPER_REDIS_URL", "SCRAPER_REDIS_PREFIX")
    if settings["SCRAPER_STATE"] == "redis":
        from scraper.store.redis_state import RedisState

        if not settings["SCRAPER_REDIS_URL"]:
            raise ConfigError("SCRAPER_STATE 'redis' needs SCRAPER_REDIS_URL")
        return RedisState(settings["SCRAPER_REDIS_URL"], settings["SCRAPER_REDIS_PREFIX"])
    return open_state(state_directory(settings))


class _Holder:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def close(self) -> None:
        self.ledger.state.close()


def ledger_for(crawler: Any) -> Ledger:
    """The crawler's ledger, opened on first use."""
    holder: _Holder | None = getattr(crawler, "_scraper_ledger", None)
    if holder is None:
        holder = _Holder(Ledger(open_crawl_state(crawler.settings)))
        crawler._scraper_ledger = holder
        crawler.signals.connect(holder.close, signal=signals.engine_stopped)
    return holder.ledger
