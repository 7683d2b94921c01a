"""``scraper schedule``: crawl each configured site at its own interval.

Each crawl is a ``scraper crawl CONFIG --out OUT --site NAME`` subprocess, so one site
failing or crashing never stops the others, and Scrapy's once-per-process reactor does not
matter. APScheduler runs one interval job per site (``max_instances=1``, ``coalesce``),
and a per-site lock file (:func:`site_lock`) keeps two processes, for example a cron
``--once`` and a running scheduler, from crawling the same site at the same time.

Where things go, under the state directory (``--state``, default ``OUT/.state``):

* ``locks/<site>.lock``: the per-site lock (holds the pid of the process that took it);
* ``logs/<site>.log``: everything each crawl subprocess printed (Scrapy's log and the
  summary table), appended crawl after crawl and rotated to ``<site>.log.1`` past 10 MB.

The scheduler itself logs one line when a crawl starts and one when it ends (site, exit
code, seconds and the crawl's summary row) with Python logging on standard error.

When is a site due? When it was never crawled, or when ``every`` has passed since the
start of its last crawl that finished normally with no failed fetch (``last_crawl`` in
the crawl state). A crawl that exits 0 but is not recorded as complete (some fetches
failed for good) counts as failed: the site stays due and is retried.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from scraper.config.sites import ConfigError, SiteConfig, load_config, parse_duration
from scraper.store.locks import INHERITED_LOCKS_ENV, SiteLocked, site_lock

log = logging.getLogger("scraper.schedule")

STATE_DIR_NAME = ".state"  # as in scraper.crawl.shared_ledger, without importing Scrapy here
LOGS_DIR = "logs"
DEFAULT_EVERY = 3600.0
MAX_WORKERS = 4
STOP_TIMEOUT = 30.0
LOG_ROTATE_BYTES = 10 * 1024 * 1024
EARLY_SLACK_CAP = 60.0
"""A site counts as due up to this many seconds early (at most a tenth of its interval)."""

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

_STATE_SETTINGS = ("SCRAPER_STATE", "SCRAPER_STATE_DIR")


# --- Due times ------------------------------------------------------------------------------


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


def site_interval(site: SiteConfig, default_every: float) -> float:
    return site.every if site.every is not None else default_every


# --- One crawl ------------------------------------------------------------------------------


@dataclass
class CrawlResult:
    """What became of one site in one round."""

    site: str
    status: str
    """``crawled``, ``failed``, ``locked``, ``not-due``, ``interrupted`` (by a stop
    request) or ``stopped`` (not started: a stop was requested)."""
    exit_code: int | None = None
    seconds: float = 0.0
    summary: dict[str, str] | None = None
    """The site's row of the crawl's summary table, by column title."""
    detail: str = ""
    due: float | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("crawled", "not-due", "locked")

    def line(self) -> str:
        """One line for ``--once``: ``site: crawled (...)``, ``site: failed: code N``, ..."""
        if self.status == "crawled":
            text = f"crawled in {self.seconds:.1f} s"
            if self.summary:
                text += f" ({format_counts(self.summary)})"
        elif self.status == "not-due":
            text = f"not due until {_when(self.due)}"
        elif self.status == "locked":
            text = "skipped: locked (already being crawled)"
        elif self.status == "stopped":
            text = "skipped: stopping"
        elif self.status == "interrupted":
            text = f"interrupted: {self.detail}"
        else:
            text = f"failed: {self.detail}"
        return f"{self.site}: {text}"


def _when(epoch: float | None) -> str:
    if epoch is None:
        return "?"
    return datetime.fromtimestamp(epoch).astimezone().isoformat(sep=" ", timespec="seconds")


def format_counts(summary: dict[str, str]) -> str:
    return ", ".join(f"{name} {value}" for name, value in summary.items() if name != "seconds")


def parse_summary_row(text: str, site: str) -> dict[str, str] | None:
    """The site's row of a ``scraper crawl`` summary table in ``text``, by column title.

    Tolerant by design: the table is meant for people, so anything unexpected gives None
    rather than an error.
    """
    titles: list[str] | None = None
    found = None
    for line in text.splitlines():
        words = line.split()
        if len(words) > 2 and words[0] == "site" and words[1] == "fetched":
            titles = words[1:]
        elif titles and words and words[0] == site:
            row: dict[str, str] = {}
            for title, value in zip(titles, words[1:]):
                try:
                    float(value)
                except ValueError:
                    break
                row[title] = value
            found = row or None
    return found


def _read_last_crawl(state_dir: Path, site: str) -> float | None:
    from scraper.store.state import open_state

    state = open_state(state_dir)
    try:
        return state.last_crawl(site)
    finally:
        state.close()


def _child_env(site: str, lock_fd: int) -> dict[str, str]:
    """The crawl subprocess imports the same ``scraper`` package, and inherits the site lock."""
    env = dict(os.environ)
    env[INHERITED_LOCKS_ENV] = f"{site}={lock_fd}"
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


class CrawlRunner:
    """Runs ``scraper crawl`` subprocesses, one site each, and stops them on request."""

    def __init__(
        self,
        config: str,
        out: str,
        state_dir: Path,
        settings: Sequence[tuple[str, str]] = (),
        command: Callable[[str], list[str]] | None = None,
    ) -> None:
        self.config = config
        self.out = out
        self.state_dir = state_dir
        self.settings = list(settings)
        self.command = command or self.crawl_command
        self._lock = threading.Lock()
        self._running: dict[str, subprocess.Popen] = {}
        self._stopping = False

    def crawl_command(self, site: str) -> list[str]:
        cmd = [sys.executable, "-m", "scraper.cli", "crawl", self.config, "--out", self.out,
               "--site", site, "--state", str(self.state_dir)]
        for name, value in self.settings:
            cmd += ["-s", f"{name}={value}"]
        return cmd

    @property
    def stopping(self) -> bool:
        return self._stopping

    def log_file(self, site: str) -> Path:
        return self.state_dir / LOGS_DIR / f"{site}.log"

    def crawl(self, site: str) -> CrawlResult:
        """Crawl one site under its lock; never raises for a crawl that goes wrong."""
        try:
            with site_lock(self.state_dir, site) as lock_fd:
                return self._crawl_locked(site, lock_fd)
        except SiteLocked as exc:
            log.warning("%s: already being crawled, skipped (%s)", site, exc)
            return CrawlResult(site, "locked")

    def _crawl_locked(self, site: str, lock_fd: int) -> CrawlResult:
        log_path = self.log_file(site)
        log_path.parent.mkdir(parents=True, exist_ok=True)
        if log_path.exists() and log_path.stat().st_size > LOG_ROTATE_BYTES:
            log_path.replace(log_path.with_name(log_path.name + ".1"))
        cmd = self.command(site)
        with open(log_path, "ab") as out:
            offset = out.tell()
            banner = f"\n=== {_when(time.time())} scraper schedule: {' '.join(cmd)}\n"
            out.write(banner.encode("utf-8"))
            out.flush()
            launched = time.time()
            started = time.monotonic()
            with self._lock:
                if self._stopping:
                    return CrawlResult(site, "stopped")
                try:
                    proc = subprocess.Popen(
                        cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                        env=_child_env(site, lock_fd), pass_fds=(lock_fd,),
                        # Its own session: a Ctrl-C in the terminal reaches this process
                        # only, which then sends each crawl exactly one SIGTERM (Scrapy
                        # takes a second signal as "stop now, uncleanly").
                        start_new_session=True,
                    )
                except OSError as exc:
                    log.error("%s: cannot start the crawl: %s", site, exc)
                    return CrawlResult(site, "failed", detail=f"cannot start: {exc}")
                self._running[site] = proc
            log.info("%s: crawl started (pid %d), output in %s", site, proc.pid, log_path)
            try:
                code = proc.wait()
            finally:
                with self._lock:
                    self._running.pop(site, None)
        seconds = time.monotonic() - started
        with open(log_path, "rb") as f:
            f.seek(offset)
            summary = parse_summary_row(f.read().decode("utf-8", "replace"), site)
        result = CrawlResult(site, "crawled", code, seconds, summary)
        if code != 0:
            result.status = "interrupted" if self._stopping else "failed"
            result.detail = f"code {code}" if code > 0 else f"killed by signal {-code}"
        elif not self._recorded_since(site, launched):
            failed = (summary or {}).get("failed")
            result.status = "failed"
            result.detail = (
                f"incomplete, {failed} fetch(es) failed (exit 0; not recorded as crawled)"
                if failed and failed != "0" else "not recorded as crawled (exit 0)"
            )
        counts = f"; {format_counts(summary)}" if summary else ""
        outcome = {"crawled": "finished", "interrupted": "interrupted"}.get(result.status, "FAILED")
        if result.detail and result.status != "interrupted":
            outcome += f" ({result.detail})"
        level = logging.WARNING if result.status == "failed" else logging.INFO
        log.log(level, "%s: crawl %s, exit %s, %.1f s%s", site, outcome, code, seconds, counts)
        return result

    def _recorded_since(self, site: str, launched: float) -> bool:
        try:
            last = _read_last_crawl(self.state_dir, site)
        except Exception as exc:  # a broken state file must not kill the scheduler
            log.error("%s: cannot read the crawl state in %s: %s", site, self.state_dir, exc)
            return False
        return last is not None and last >= launched

    def stop(self, timeout: float = STOP_TIMEOUT, force: threading.Event | None = None) -> None:
        """Start no more crawls; SIGTERM the running ones, wait up to ``timeout``, then SIGKILL."""
        with self._lock:
            self._stopping = True
            running = dict(self._running)
        for site, proc in running.items():
            if proc.poll() is None:
                log.info("%s: stopping the crawl (SIGTERM to pid %d)", site, proc.pid)
                try:
                    proc.send_signal(signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + timeout
        for site, proc in running.items():
            while proc.poll() is None and time.monotonic() < deadline and not (force and force.is_set()):
                time.sleep(0.1)
            if proc.poll() is None:
                log.warning("%s: the crawl did not stop in time, killing pid %d", site, proc.pid)
                proc.kill()
                proc.wait()


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
    """Crawl every due site once (up to :data:`MAX_WORKERS` at a time); 0 if none failed."""
    now = time.time() if now is None else now
    results: list[Future | CrawlResult] = []
    with _StopSignals() as signals, ThreadPoolExecutor(max(1, min(len(sites), MAX_WORKERS))) as pool:
        for site in sites:
            every = site_interval(site, default_every)
            last = _read_last_crawl(runner.state_dir, site.name)
            if is_due(last, every, now):
                results.append(pool.submit(runner.crawl, site.name))
            else:
                results.append(CrawlResult(site.name, "not-due", due=due_at(last, every, now)))
        failed = False
        for item in results:
            result = item if isinstance(item, CrawlResult) else _result_or_stop(
                item, runner, signals, stop_timeout)
            failed |= not result.ok
            emit(result.line())
    return EXIT_FAILED if failed else EXIT_OK


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
        self.scheduler = BackgroundScheduler(
            executors={"default": PoolExecutor(max(1, min(len(sites), MAX_WORKERS)))},
            job_defaults={"max_instances": 1, "coalesce": True},
            timezone=timezone.utc,
        )
        self.scheduler.add_listener(self._on_event, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)
        self._max_instances_event = EVENT_JOB_MAX_INSTANCES

    def start(self, now: float | None = None) -> None:
        now = time.time() if now is None else now
        self.scheduler.start()
        for name, every in self.every.items():
            last = _read_last_crawl(self.runner.state_dir, name)
            self._known_last[name] = last
            first = now if is_due(last, every, now) else due_at(last, every, now)
            self._add_job(name, first)
            when = "now" if first == now else f"at {_when(first)}"
            log.info("%s: every %s, first crawl %s", name, _duration(every), when)

    def _add_job(self, name: str, first: float) -> None:
        from apscheduler.triggers.interval import IntervalTrigger

        every = self.every[name]
        first_dt = datetime.fromtimestamp(first, tz=timezone.utc)
        self.scheduler.add_job(
            self._run, IntervalTrigger(seconds=every, start_date=first_dt, timezone=timezone.utc),
            args=[name], id=name, name=name, next_run_time=first_dt,
            # A run may start up to one interval late (at least a minute), e.g. when all
            # workers are busy; later than that, the next regular run takes its place.
            misfire_grace_time=max(int(every), 60),
        )

    def _reschedule(self, name: str, first: float) -> None:
        from apscheduler.triggers.interval import IntervalTrigger

        first_dt = datetime.fromtimestamp(first, tz=timezone.utc)
        trigger = IntervalTrigger(seconds=self.every[name], start_date=first_dt, timezone=timezone.utc)
        self.scheduler.reschedule_job(name, trigger=trigger)

    def _run(self, name: str) -> None:
        try:
            every = self.every[name]
            now = time.time()
            last = _read_last_crawl(self.runner.state_dir, name)
            if last != self._known_last.get(name) and not is_due(last, every, now):
                # Crawled by another process (a cron --once, say) since we last looked.
                self._known_last[name] = last
                due = due_at(last, every, now)
                log.info("%s: crawled elsewhere at %s, next crawl at %s", name, _when(last), _when(due))
                self._reschedule(name, due)
                return
            self._overrun_logged.discard(name)
            result = self.runner.crawl(name)
            if result.status in ("crawled", "failed"):
                self._known_last[name] = _read_last_crawl(self.runner.state_dir, name)
            job = self.scheduler.get_job(name)
            if job is not None and job.next_run_time is not None and not self.runner.stopping:
                log.info("%s: next crawl at %s", name, _when(job.next_run_time.timestamp()))
        except Exception:  # never let one site's trouble reach the scheduler
            log.exception("%s: the scheduled crawl went wrong", name)

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
        return EXIT_OK


def _duration(seconds: float) -> str:
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


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
    bad = [name for name, _ in settings if name in _STATE_SETTINGS]
    if bad:
        print(f"scraper: schedule: use --state instead of -s {bad[0]}: the scheduler needs "
              "the crawl state on disk to know when each site is due", file=sys.stderr)
        return EXIT_USAGE
    state_dir = Path(args.state) if args.state else Path(args.out) / STATE_DIR_NAME
    runner = CrawlRunner(args.config, args.out, state_dir, settings)
    if args.once:
        _configure_logging(logging.WARNING)
        return run_once(sites, runner, args.default_every, args.stop_timeout,
                        emit=lambda line: print(line, flush=True))
    _configure_logging(logging.INFO)
    return SiteScheduler(sites, runner, args.default_every).run_until_stopped(args.stop_timeout)


__all__ = [
    "ConfigError",
    "CrawlResult",
    "CrawlRunner",
    "SiteLocked",
    "SiteScheduler",
    "due_at",
    "due_slack",
    "is_due",
    "run",
    "run_once",
    "site_lock",
]
