"""One crawl of one site: a ``scraper crawl`` subprocess under the site's lock.

Under the state directory (``--state``, default ``OUT/.state``):

* ``locks/<site>.lock``: the per-site lock (holds the pid of the process that took it),
  taken with its twin ``OUT/.locks/<site>.lock`` (one crawl per site and output directory);
* ``logs/<site>.log``: everything each crawl subprocess printed (Scrapy's log and the
  summary table), appended crawl after crawl and rotated to ``<site>.log.1`` past 10 MB;
* ``runs/<site>.json``: the last crawl's summary (written by
  :class:`scraper.crawl.run_summaries.RunSummaries`), where the counts of the result line
  come from. The table in the log is for people and is not parsed.

Nothing here imports Scrapy: the scheduler process only starts crawls.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scraper.crawl.summary import COLUMNS, run_summary_path
from scraper.schedule.timing import format_when
from scraper.store.locks import INHERITED_LOCKS_ENV, SiteLocked, crawl_lock

log = logging.getLogger("scraper.schedule")

LOGS_DIR = "logs"
LOG_ROTATE_BYTES = 10 * 1024 * 1024
STOP_TIMEOUT = 30.0
"""Default seconds a stopping scheduler waits for running crawls before killing them."""


@dataclass
class CrawlResult:
    """What became of one site in one round."""

    site: str
    status: str
    """``crawled``, ``failed``, ``locked``, ``not-due``, ``interrupted`` (by a stop
    request) or ``stopped`` (not started: a stop was requested)."""
    exit_code: int | None = None
    seconds: float = 0.0
    summary: dict[str, int] | None = None
    """The site's counts from the crawl's summary file, by the summary table's column
    titles (``fetched``, ``written``, ... ``failed``), in the table's order."""
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
            text = f"not due until {format_when(self.due)}"
        elif self.status == "locked":
            text = "skipped: locked (already being crawled)"
        elif self.status == "stopped":
            text = "skipped: stopping"
        elif self.status == "interrupted":
            text = f"interrupted: {self.detail}"
        else:
            text = f"failed: {self.detail}"
        return f"{self.site}: {text}"


def format_counts(summary: dict[str, int]) -> str:
    """``fetched 70, written 22, ...``: the counts in the summary table's order."""
    return ", ".join(f"{name} {value}" for name, value in summary.items())


def read_counts(path: Path, site: str) -> dict[str, int] | None:
    """The site's counts in a crawl's summary file, by the summary table's column titles.

    None when the crawl wrote no summary (it crashed or was killed before the end), or
    an unreadable one: the counts only decorate the result, they never fail it.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        counts = document["sites"][site]
        return {title: int(counts[name]) for title, name in COLUMNS}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s: cannot read the crawl summary %s: %s", site, path, exc)
        return None


def read_last_crawl(state_dir: Path, site: str) -> float | None:
    """When the site's last complete crawl started (epoch seconds), from the crawl state."""
    from scraper.store.state import open_state

    state = open_state(state_dir)
    try:
        return state.last_crawl(site)
    finally:
        state.close()


def _child_env(site: str, lock_fds: Sequence[int]) -> dict[str, str]:
    """The crawl subprocess imports the same ``scraper`` package, and inherits the site's locks."""
    env = dict(os.environ)
    env[INHERITED_LOCKS_ENV] = ",".join(f"{site}={fd}" for fd in lock_fds)
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
        # last, so that the scheduler's own -s cannot turn off the summary it reads
        cmd += ["-s", "RUN_SUMMARIES_ENABLED=True"]
        return cmd

    @property
    def stopping(self) -> bool:
        return self._stopping

    def log_file(self, site: str) -> Path:
        return self.state_dir / LOGS_DIR / f"{site}.log"

    def summary_file(self, site: str) -> Path:
        """Where the site's crawl writes its JSON summary (under ``--state``)."""
        return run_summary_path(self.state_dir, site)

    def crawl(self, site: str) -> CrawlResult:
        """Crawl one site under its lock; never raises for a crawl that goes wrong."""
        try:
            with crawl_lock(self.out, self.state_dir, site) as lock_fds:
                return self._crawl_locked(site, lock_fds)
        except SiteLocked as exc:
            log.warning("%s: already being crawled, skipped (%s)", site, exc)
            return CrawlResult(site, "locked")

    def _crawl_locked(self, site: str, lock_fds: Sequence[int]) -> CrawlResult:
        log_path = self.log_file(site)
        log_path.parent.mkdir(parents=True, exist_ok=True)
        if log_path.exists() and log_path.stat().st_size > LOG_ROTATE_BYTES:
            log_path.replace(log_path.with_name(log_path.name + ".1"))
        summary_path = self.summary_file(site)
        summary_path.unlink(missing_ok=True)  # an earlier crawl's counts are not this one's
        cmd = self.command(site)
        with open(log_path, "ab") as out:
            banner = f"\n=== {format_when(time.time())} scraper schedule: {' '.join(cmd)}\n"
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
                        env=_child_env(site, lock_fds), pass_fds=tuple(lock_fds),
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
        summary = read_counts(summary_path, site)
        result = CrawlResult(site, "crawled", code, seconds, summary)
        if code != 0:
            result.status = "interrupted" if self._stopping else "failed"
            result.detail = f"code {code}" if code > 0 else f"killed by signal {-code}"
        elif not self._recorded_since(site, launched):
            failed = (summary or {}).get("failed")
            result.status = "failed"
            result.detail = (
                f"incomplete, {failed} fetch(es) failed (exit 0; not recorded as crawled)"
                if failed else "not recorded as crawled (exit 0)"
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
            last = read_last_crawl(self.state_dir, site)
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
