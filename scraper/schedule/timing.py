"""When a site is due, and how the scheduler writes times and intervals.

A site is due when it was never crawled, or when its interval (``every``) has passed
since the start of its last complete crawl (``last_crawl`` in the crawl state).
"""

from __future__ import annotations

from datetime import datetime

from scraper.config.sites import SiteConfig

EARLY_SLACK_CAP = 60.0
"""A site counts as due up to this many seconds early (at most a tenth of its interval)."""


def due_slack(every: float) -> float:
    """How early a site may count as due: a tenth of its interval, at most a minute.

    A crawl's recorded start is a little after the moment it was launched (the process
    has to start), so a cron job on the same period as ``every`` would otherwise find
    the site not quite due every other time.
    """
    return min(EARLY_SLACK_CAP, every / 10)


def due_at(last_crawl: float | None, every: float, now: float) -> float:
    """When a site is next due (epoch seconds): ``now`` if never crawled or overdue.

    Otherwise ``last_crawl + every``. A ``last_crawl`` in the future (the clock was set
    back) never puts the next crawl more than ``every`` after ``now``.
    """
    if last_crawl is None:
        return now
    due = last_crawl + every
    if last_crawl > now:
        due = min(due, now + every)
    return max(due, now)


def is_due(last_crawl: float | None, every: float, now: float) -> bool:
    """Whether a site should be crawled at ``now`` (with :func:`due_slack` tolerance)."""
    return due_at(last_crawl, every, now) <= now + due_slack(every)


# A site nothing could be read from (exit 3: every request failed, was refused or met a
# bot wall) is crawled less often after each such crawl in a row: its interval doubles,
# up to this factor. Crawling a site that blocks us at the usual rate only gets us
# blocked for longer; one good crawl brings the interval back.
MAX_UNREACHABLE_FACTOR = 16


def unreachable_backoff(every: float, streak: int) -> float:
    """Seconds until the next crawl of a site after ``streak`` crawls in a row that
    read nothing of it: ``every`` for the first, then doubling, at most
    MAX_UNREACHABLE_FACTOR times ``every``."""
    return every * min(2 ** max(streak - 1, 0), MAX_UNREACHABLE_FACTOR)


def site_interval(site: SiteConfig, default_every: float) -> float:
    """The site's own ``every``, or the scheduler's default."""
    return site.every if site.every is not None else default_every


def format_when(epoch: float | None) -> str:
    """Local time to the second, for log lines and ``--once`` output."""
    if epoch is None:
        return "?"
    return datetime.fromtimestamp(epoch).astimezone().isoformat(sep=" ", timespec="seconds")


def format_every(seconds: float) -> str:
    """An interval the way a site config writes it: ``30m``, ``2h``, ``90s``."""
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"
