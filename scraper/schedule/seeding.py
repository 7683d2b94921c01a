"""``scraper schedule --redis URL``: seed the due sites of a crawl shared on Redis.

With ``--redis`` the scheduler starts no crawl itself: it reads each site's last crawl
from the shared state, and when no round is in progress makes the due sites the next
round's (:meth:`~scraper.crawl.distributed.frontier.Frontier.seed`). Workers started
with ``scraper crawl --redis URL --due`` (from cron, a systemd timer or a shell loop, on
any machine) crawl those sites together; the last one out ends the round. Every worker of
a round crawls the same sites, so due sites wait while a round is in progress.

Nothing here imports Scrapy.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from scraper.config.sites import SiteConfig
from scraper.schedule.timing import due_at, format_when, is_due, site_interval

log = logging.getLogger("scraper.schedule")

SEED_POLL = 60.0
"""Seconds between two looks at the shared state by a long-running seeding scheduler."""


def seed_once(
    sites: list[SiteConfig],
    state: Any,
    frontier: Any,
    default_every: float,
    now: float | None = None,
    emit: Callable[[str], None] = print,
) -> list[str]:
    """Seed the due sites as the next round, unless a round is in progress; the sites seeded."""
    now = time.time() if now is None else now
    due = []
    for site in sites:
        last = state.last_crawl(site.name)
        every = site_interval(site, default_every)
        if is_due(last, every, now):
            due.append(site.name)
        else:
            emit(f"{site.name}: not due until {format_when(due_at(last, every, now))}")
    if not due:
        return []
    if not frontier.seed(due):
        for name in due:
            emit(f"{name}: due, waiting: a round is in progress on {frontier.keys.prefix}")
        return []
    for name in due:
        emit(f"{name}: seeded for the next round (start workers with `scraper crawl --redis URL --due`)")
    return due


def seed_until_stopped(
    sites: list[SiteConfig],
    state: Any,
    frontier: Any,
    default_every: float,
    stop: threading.Event,
    poll: float = SEED_POLL,
) -> None:
    """Seed every ``poll`` seconds until ``stop`` is set."""
    while not stop.is_set():
        try:
            seed_once(sites, state, frontier, default_every, emit=log.info)
        except Exception as exc:  # Redis away for longer than the client retries: try again later
            log.warning("seeding failed: %s", exc)
        stop.wait(poll)
