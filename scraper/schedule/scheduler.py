"""``scraper schedule``: crawl each configured site at its own interval.

Each crawl is a ``scraper crawl CONFIG --out OUT --site NAME`` subprocess
(:class:`~scraper.schedule.runner.CrawlRunner`), so one site failing or crashing never
stops the others, and Scrapy's once-per-process reactor does not matter. APScheduler
runs one interval job per site (``max_instances=1``, ``coalesce``), and a per-site lock
file (:func:`crawl_lock`, one under the output directory and one under the state
directory) keeps two processes, for example a cron ``--once`` and a running scheduler,
from crawling the same site into the same output or state at the same time. Logs and each
crawl's JSON summary live under the state directory (``--state``, default
``OUT/.state``; see :mod:`scraper.schedule.runner`).

The scheduler itself logs one line when a crawl starts and one when it ends (site, exit
code, seconds and the crawl's counts) with Python logging on standard error.

When is a site due? When it was never crawled, or when ``every`` has passed since the
start of its last crawl that finished normally with no failed fetch (``last_crawl`` in
the crawl state; :mod:`scraper.schedule.timing`). A crawl that exits 0 but is not
recorded as complete (some fetches failed for good) counts as failed: the site stays
due and is retried.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import UTC, datetime
from pathlib import Path

from scraper.cli import exit_codes
from scraper.config.sites import ConfigError, SiteConfig, load_config, parse_duration
from scraper.report.health import health_lines
from scraper.schedule.runner import STOP_TIMEOUT, CrawlResult, CrawlRunner, read_last_crawl
from scraper.schedule.timing import (
    due_at,
    due_slack,
    format_every,
    format_when,
    is_due,
    site_interval,
    unreachable_backoff,
)
from scraper.store.locks import SiteLocked, crawl_lock, site_lock
from scraper.store.state import default_state_dir

log = logging.getLogger("scraper.schedule")

DEFAULT_EVERY = 3600.0
MAX_WORKERS = 4


_STATE_SETTINGS = ("SCRAPER_STATE", "SCRAPER_STATE_DIR")


# --- Signals --------------------------------------------------------------------------------


class _StopSignals:
    """SIGTERM/SIGINT set ``stop``; a second one also sets ``force`` (kill crawls now)."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.force = threading.Event()
        self._previous: dict[int, object] = {}

    def _handle(self, signum: int, _frame: object) -> None:
        if self.stop.is_set():
            self.force.set()
        self.stop.set()

    def __enter__(self) -> _StopSignals:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGTERM, signal.SIGINT):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *_: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]


# --- --once ---------------------------------------------------------------------------------


def run_once(
    sites: list[SiteConfig],
    runner: CrawlRunner,
    default_every: float,
    stop_timeout: float = STOP_TIMEOUT,
    now: float | None = None,
    emit: Callable[[str], None] = print,
) -> int:
    """Crawl every due site once (up to :data:`MAX_WORKERS` at a time); 0 if none failed.

    After the sites' result lines, the crawled sites' extraction-health alarms, if any."""
    now = time.time() if now is None else now
    results: list[Future | CrawlResult] = []
    with _StopSignals() as signals, ThreadPoolExecutor(max(1, min(len(sites), MAX_WORKERS))) as pool:
        for site in sites:
            every = site_interval(site, default_every)
            last = read_last_crawl(runner.state_dir, site.name)
            if is_due(last, every, now):
                results.append(pool.submit(runner.crawl, site.name))
            else:
                results.append(CrawlResult(site.name, "not-due", due=due_at(last, every, now)))
        failed = False
        crawled = []
        for item in results:
            result = item if isinstance(item, CrawlResult) else _result_or_stop(
                item, runner, signals, stop_timeout)
            failed |= not result.ok
            if result.status == "crawled":
                crawled.append(result.site)
            emit(result.line())
    for line in health_lines(Path(runner.out), crawled):  # nothing when no site's fill rates fell
        emit(line)
    return exit_codes.FAILED if failed else exit_codes.OK


def _result_or_stop(
    future: Future, runner: CrawlRunner, signals: _StopSignals, timeout: float
) -> CrawlResult:
    while True:
        if signals.stop.is_set() and not runner.stopping:
            log.warning("stop requested: finishing the running crawls")
            runner.stop(timeout, signals.force)
        try:
            return future.result(timeout=0.2)
        except FutureTimeout:
            continue


# --- The long-running scheduler -------------------------------------------------------------


class SiteScheduler:
    """One APScheduler interval job per site, each running :meth:`CrawlRunner.crawl`."""

    def __init__(self, sites: list[SiteConfig], runner: CrawlRunner, default_every: float) -> None:
        from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
        from apscheduler.executors.pool import ThreadPoolExecutor as PoolExecutor
        from apscheduler.schedulers.background import BackgroundScheduler

        self.sites = {s.name: s for s in sites}
        self.runner = runner
        self.every = {s.name: site_interval(s, default_every) for s in sites}
        self._known_last: dict[str, float | None] = {}
        self._overrun_logged: set[str] = set()
        self._unreachable: dict[str, int] = {}  # crawls in a row that read nothing of the site
        self.scheduler = BackgroundScheduler(
            executors={"default": PoolExecutor(max(1, min(len(sites), MAX_WORKERS)))},
            job_defaults={"max_instances": 1, "coalesce": True},
            timezone=UTC,
        )
        self.scheduler.add_listener(self._on_event, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)
        self._max_instances_event = EVENT_JOB_MAX_INSTANCES

    def start(self, now: float | None = None) -> None:
        now = time.time() if now is None else now
        self.scheduler.start()
        for name, every in self.every.items():
            last = read_last_crawl(self.runner.state_dir, name)
            self._known_last[name] = last
            first = now if is_due(last, every, now) else due_at(last, every, now)
            self._add_job(name, first)
            when = "now" if first == now else f"at {format_when(first)}"
            log.info("%s: every %s, first crawl %s", name, format_every(every), when)

    def _add_job(self, name: str, first: float) -> None:
        from apscheduler.triggers.interval import IntervalTrigger

        every = self.every[name]
        first_dt = datetime.fromtimestamp(first, tz=UTC)
        self.scheduler.add_job(
            self._run, IntervalTrigger(seconds=every, start_date=first_dt, timezone=UTC),
            args=[name], id=name, name=name, next_run_time=first_dt,
            # A run may start up to one interval late (at least a minute), e.g. when all
            # workers are busy; later than that, the next regular run takes its place.
            misfire_grace_time=max(int(every), 60),
        )

    def _reschedule(self, name: str, first: float) -> None:
        from apscheduler.triggers.interval import IntervalTrigger

        first_dt = datetime.fromtimestamp(first, tz=UTC)
        trigger = IntervalTrigger(seconds=self.every[name], start_date=first_dt, timezone=UTC)
        self.scheduler.reschedule_job(name, trigger=trigger)

    def _run(self, name: str) -> None:
        try:
            every = self.every[name]
            now = time.time()
            last = read_last_crawl(self.runner.state_dir, name)
            if last != self._known_last.get(name) and not is_due(last, every, now):
                # Crawled by another process (a cron --once, say) since we last looked.
                self._known_last[name] = last
                due = due_at(last, every, now)
                log.info("%s: crawled elsewhere at %s, next crawl at %s", name, format_when(last), format_when(due))
                self._reschedule(name, due)
                return
            self._overrun_logged.discard(name)
            result = self.runner.crawl(name)
            if result.status in ("crawled", "failed"):
                self._known_last[name] = read_last_crawl(self.runner.state_dir, name)
            self._back_off_if_unreachable(name, result)
            job = self.scheduler.get_job(name)
            if job is not None and job.next_run_time is not None and not self.runner.stopping:
                log.info("%s: next crawl at %s", name, format_when(job.next_run_time.timestamp()))
        except Exception:  # never let one site's trouble reach the scheduler
            log.exception("%s: the scheduled crawl went wrong", name)

    def _back_off_if_unreachable(self, name: str, result: CrawlResult) -> None:
        """Crawl a site that blocks us or is down less and less often (see
        :func:`~scraper.schedule.timing.unreachable_backoff`); any other result resets it."""
        if result.exit_code != exit_codes.UNREACHABLE:
            if self._unreachable.pop(name, 0) > 1 and not self.runner.stopping:
                self._reschedule(name, time.time() + self.every[name])
            return
        streak = self._unreachable[name] = self._unreachable.get(name, 0) + 1
        if streak > 1 and not self.runner.stopping:
            wait = unreachable_backoff(self.every[name], streak)
            log.warning("%s: nothing could be read %d crawls in a row (down, refused or behind a bot wall): "
                        "next crawl in %s", name, streak, format_every(wait))
            self._reschedule(name, time.time() + wait)

    def _on_event(self, event: object) -> None:
        name = getattr(event, "job_id", "?")
        if getattr(event, "code", None) == self._max_instances_event:
            if name not in self._overrun_logged:  # once per crawl, not at every tick
                self._overrun_logged.add(name)
                log.warning("%s: the crawl takes longer than its interval: runs are skipped "
                            "until it ends", name)
        else:
            log.warning("%s: run missed (more than its grace time late), waiting for the next", name)

    def run_until_stopped(self, stop_timeout: float = STOP_TIMEOUT) -> int:
        with _StopSignals() as signals:
            self.start()
            while not signals.stop.wait(1.0):
                pass
            log.info("stop requested: no more crawls will start")
            self.scheduler.shutdown(wait=False)
            self.runner.stop(stop_timeout, signals.force)
        log.info("stopped")
        return exit_codes.OK


# --- Command line ---------------------------------------------------------------------------


def duration_arg(text: str) -> float:
    """argparse type for ``--default-every``."""
    try:
        seconds = parse_duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected {exc}") from None
    if seconds <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive duration, got {text!r}")
    return seconds


def _configure_logging(level: int) -> None:
    logger = logging.getLogger("scraper.schedule")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(level)
    # APScheduler's own warnings (skipped or missed runs) are logged by SiteScheduler.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)


def run(args: argparse.Namespace) -> int:
    """``scraper schedule``: ConfigError propagates (the CLI turns it into exit 2)."""
    sites = load_config(args.config)
    settings = list(args.set)
    if getattr(args, "redis", None):
        return _seed(args, sites, dict(settings).get("SCRAPER_REDIS_PREFIX") or "scraper")
    bad = [name for name, _ in settings if name in _STATE_SETTINGS]
    if bad:
        print(f"scraper: schedule: use --state instead of -s {bad[0]}: the scheduler needs "
              "the crawl state on disk to know when each site is due", file=sys.stderr)
        return exit_codes.USAGE
    state_dir = Path(args.state) if args.state else default_state_dir(args.out)
    runner = CrawlRunner(args.config, args.out, state_dir, settings)
    if args.once:
        _configure_logging(logging.WARNING)
        return run_once(sites, runner, args.default_every, args.stop_timeout,
                        emit=lambda line: print(line, flush=True))
    _configure_logging(logging.INFO)
    return SiteScheduler(sites, runner, args.default_every).run_until_stopped(args.stop_timeout)


def _seed(args: argparse.Namespace, sites: list[SiteConfig], prefix: str) -> int:
    """``schedule --redis``: seed the due sites of the shared crawl (once, or until stopped)."""
    from scraper.crawl.distributed.frontier import Frontier
    from scraper.schedule.seeding import seed_once, seed_until_stopped
    from scraper.store.redis_state import RedisState, connect
    from scraper.store.state import StoreWriteError

    try:
        client = connect(args.redis)
    except StoreWriteError as exc:
        print(f"scraper: schedule: {exc}", file=sys.stderr)
        return exit_codes.FAILED
    state = RedisState(args.redis, prefix, client=client)
    frontier = Frontier(client, prefix, "", 1)
    try:
        if args.once:
            seed_once(sites, state, frontier, args.default_every, emit=lambda line: print(line, flush=True))
            return exit_codes.OK
        _configure_logging(logging.INFO)
        with _StopSignals() as signals:
            seed_until_stopped(sites, state, frontier, args.default_every, signals.stop)
        return exit_codes.OK
    finally:
        client.close()


__all__ = [
    "DEFAULT_EVERY",
    "STOP_TIMEOUT",
    "ConfigError",
    "CrawlResult",
    "CrawlRunner",
    "SiteLocked",
    "SiteScheduler",
    "due_at",
    "due_slack",
    "duration_arg",
    "is_due",
    "run",
    "crawl_lock",
    "run_once",
    "site_lock",
]
