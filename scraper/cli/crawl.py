"""``scraper crawl CONFIG --out DIR``: crawl the sites of a config file, once, in this process.

Scrapy is imported only when the command runs, so that ``scraper --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scraper.cli import exit_codes
from scraper.cli.options import add_allow_private, check_settings, setting
from scraper.config.sites import ConfigError, load_config, select_sites
from scraper.store.locks import SiteLocked, crawl_lock

if TYPE_CHECKING:
    from scrapy.settings import Settings

    from scraper.crawl.summary import SiteSummary

__all__ = ["add_parser", "crawl", "run"]


def _since(text: str) -> str:
    from scraper.record.timestamps import parse_datetime

    if parse_datetime(text) is None:
        raise argparse.ArgumentTypeError(f"expected an ISO 8601 date such as 2024-05-01, got {text!r}")
    return text


def _add_state_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--state", metavar="DIR",
                        help="crawl-state directory (default: OUT/.state); what earlier runs saw")
    parser.add_argument("--no-state", action="store_true",
                        help="remember nothing across runs: every article is fetched and written again")
    parser.add_argument("--since", type=_since, metavar="DATE",
                        help="do not fetch articles whose sitemap or feed date is before DATE")


def _state_settings(args: argparse.Namespace) -> dict[str, object]:
    settings: dict[str, object] = {}
    if args.state:
        settings["SCRAPER_STATE_DIR"] = args.state
    if args.no_state:
        settings["SCRAPER_STATE"] = "memory"
    if args.since:
        settings["SCRAPER_SINCE"] = args.since
    return settings


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``crawl`` on the ``scraper`` command's subparsers."""
    parser = commands.add_parser("crawl", help="crawl the sites of a config file")
    parser.add_argument("config", help="site-config TOML file")
    parser.add_argument("--out", required=True, help="output directory for the JSON Lines files")
    parser.add_argument("--site", action="append", default=[], metavar="NAME",
                        help="crawl only this site (repeatable); default: every site")
    parser.add_argument("-s", "--set", action="append", default=[], type=setting,
                        metavar="NAME=VALUE", help="override a Scrapy or project setting")
    _add_state_options(parser)
    parser.add_argument("--warc", metavar="DIR",
                        help="also keep every article page as fetched in WARC files under DIR "
                             "(for `scraper reextract`)")
    add_redis_options(parser)
    add_allow_private(parser)
    parser.add_argument("--summary-title", help=argparse.SUPPRESS)
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true",
                          help="warnings and errors only, no progress lines; the summary is printed")
    loudness.add_argument("-v", "--verbose", action="store_true",
                          help="debug logging (every request), with Scrapy's banner and stats dump")


def add_redis_options(parser: argparse.ArgumentParser) -> None:
    """``--redis URL`` and ``--worker NAME``: be one worker of a crawl shared on Redis."""
    parser.add_argument("--redis", metavar="URL",
                        help="share the frontier and the crawl state with other workers on this Redis "
                             "(redis://HOST:PORT/DB); each worker writes its own files")
    parser.add_argument("--due", action="store_true",
                        help="with --redis: crawl the sites `scraper schedule --redis` seeded for this round "
                             "(none seeded: exit 0 at once)")
    parser.add_argument("--worker", metavar="NAME", type=_worker_name,
                        help="this worker's id with --redis (default: the host name); "
                             "in its file names, <day>.<worker>.jsonl")


def _worker_name(text: str) -> str:
    from scraper.store.jsonl import SAFE_PART_RE

    if not SAFE_PART_RE.match(text):
        raise argparse.ArgumentTypeError(f"letters, digits, '.', '_' and '-' only, got {text!r}")
    return text


def default_worker() -> str:
    """The host name, cut to what a file name may hold."""
    import re
    import socket

    return re.sub(r"[^A-Za-z0-9_.-]", "-", socket.gethostname())[:64].strip(".-") or "worker"


def run(args: argparse.Namespace) -> int:
    """Run ``scraper crawl``; return the exit code."""
    overrides = {**_loudness(args), **_state_settings(args), **dict(args.set)}
    if args.allow_private:
        overrides["SCRAPER_ALLOW_PRIVATE"] = True
    if args.warc:
        overrides["WARC_DIR"] = str(Path(args.warc).resolve())
    if (args.worker or args.due) and not args.redis:
        raise ConfigError("--worker and --due are for a crawl shared on Redis: give --redis URL too")
    if args.redis and (args.state or args.no_state):
        raise ConfigError("--redis keeps the crawl state in Redis: drop --state / --no-state")
    sites = args.site
    if args.due:
        sites = _seeded_sites(args.redis, str(overrides.get("SCRAPER_REDIS_PREFIX") or "scraper"), args.site)
        if sites is None:
            return exit_codes.FAILED
        if not sites:
            print(f"scraper: nothing is due on {args.redis}: no round is seeded (`scraper schedule --redis`) "
                  "or it is over", file=sys.stderr)
            return exit_codes.OK
    return crawl(args.config, args.out, sites, overrides, banner=args.summary_title,
                 redis=args.redis, worker=args.worker)


def _seeded_sites(url: str, prefix: str, selected: list[str]) -> list[str] | None:
    """The seeded sites of the round (those of ``selected`` when given); None if Redis fails."""
    from scraper.crawl.distributed.frontier import Frontier
    from scraper.store.redis_state import connect
    from scraper.store.state import StoreWriteError

    try:
        client = connect(url, patient=False)
    except StoreWriteError as exc:
        print(f"scraper: cannot open the crawl state: {exc}", file=sys.stderr)
        return None
    try:
        due = Frontier(client, prefix, "", 1).due_sites()
    finally:
        client.close()
    return [name for name in due if not selected or name in selected]


def _loudness(args: argparse.Namespace) -> dict[str, object]:
    """The logging settings of ``-q`` / ``-v`` (``-s`` still wins)."""
    if getattr(args, "quiet", False):
        return {"LOG_LEVEL": "WARNING", "PROGRESS_INTERVAL": 0}
    if getattr(args, "verbose", False):
        return {"LOG_LEVEL": "DEBUG", "LOG_SCRAPY_DETAILS": True}
    return {}


def lock_directory(settings: Settings) -> Path:
    """Where the state's site locks go (the output's go under ``OUT/.locks``, see :func:`crawl_lock`).

    With in-memory state (``--no-state``) nothing is stored, but two crawls of one site
    must still exclude each other: the locks go where the state would be on disk.
    """
    from scraper.crawl.shared_ledger import state_directory

    found = state_directory(settings)
    if found is None:
        on_disk = settings.copy()
        on_disk.set("SCRAPER_STATE", "sqlite", priority="cmdline")
        found = state_directory(on_disk)
    assert found is not None  # not in-memory any more
    return found


def state_problem(settings: Settings, out: str) -> str | None:
    """Why the crawl state cannot be opened (full disk, read-only), checked before Scrapy
    starts: inside the crawl it would be a traceback and no summary.

    A state file that is not a database is set aside and rebuilt: the crawl's recovery
    reads every record under ``out`` back into a fresh state (said on stderr)."""
    from scraper.crawl.shared_ledger import state_directory
    from scraper.store.state import StateCorrupt, StoreWriteError, open_state, set_aside

    directory = state_directory(settings)
    try:
        open_state(directory).close()
    except StateCorrupt as exc:
        moved = set_aside(exc.path)
        print(f"scraper: the crawl state {exc.path} was not a readable database ({exc.reason}); "
              f"moved it to {moved.name} and rebuilding it from the records under {out}", file=sys.stderr)
        return state_problem(settings, out)
    except StoreWriteError as exc:
        return str(exc)
    return None


def _redis_problem(settings: Settings) -> str | None:
    """Why this worker cannot join the shared crawl: Redis does not answer, scrapy-redis
    is missing, or a live worker already has this worker id."""
    from scraper.crawl.distributed.frontier import FrontierKeys
    from scraper.store.redis_state import connect
    from scraper.store.state import StoreWriteError

    try:
        import scrapy_redis  # noqa: F401
    except ImportError:
        return "scrapy-redis is not installed (pip install 'newsscraper[redis]')"
    try:
        client = connect(settings["SCRAPER_REDIS_URL"], patient=False)
    except StoreWriteError as exc:
        return str(exc)
    try:
        worker = settings["SCRAPER_WORKER"]
        if client.exists(FrontierKeys(settings["SCRAPER_REDIS_PREFIX"]).worker(worker)):
            return f"worker id {worker!r} is in use by a live worker; give each worker its own --worker NAME"
    finally:
        client.close()
    return None


def check_output_dir(out: str) -> None:
    """A clear :class:`ConfigError` (exit 2) when ``out`` cannot hold the output."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise ConfigError(f"--out {out}: is a file, not a directory; give a directory (created if missing)")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"--out {out}: cannot create it: {exc.strerror or exc}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise ConfigError(f"--out {out}: not writable by this user; choose another directory or fix its permissions")


def crawl(
    config: str,
    out: str,
    sites: list[str],
    overrides: dict[str, object],
    banner: str | None = None,
    redis: str | None = None,
    worker: str | None = None,
) -> int:
    """Crawl ``sites`` of ``config`` (all when empty) into ``out``; print the summary.

    With ``redis``, as worker ``worker`` of the crawl shared on that server: no site
    locks (the shared frontier hands each request to one worker), state in Redis.
    A failed write or state commit makes it ``FAILED`` with one line on stderr saying why.
    """
    from scraper.crawl.runner import build_settings, run_crawl
    from scraper.crawl.summary import unreachable

    selected = select_sites(load_config(config), sites)  # fail fast, before Scrapy starts
    check_settings(overrides)
    check_output_dir(out)
    if redis:
        from scraper.crawl.distributed import distributed_settings

        prefix = str(overrides.get("SCRAPER_REDIS_PREFIX") or "scraper")
        overrides = {**overrides, **distributed_settings(redis, worker or default_worker(), prefix)}
    settings = build_settings(config, out, [s.name for s in selected], overrides)
    started = time.monotonic()
    with contextlib.ExitStack() as locks:
        try:
            if not redis:
                lock_dir = lock_directory(settings)
                for site in selected:
                    locks.enter_context(crawl_lock(out, lock_dir, site.name))  # OUT/.locks and the state's
        except SiteLocked as exc:
            print(f"scraper: {exc}", file=sys.stderr)
            return exit_codes.FAILED
        problem = _redis_problem(settings) if redis else state_problem(settings, out)
        if problem:
            print(f"scraper: cannot open the crawl state: {problem}", file=sys.stderr)
            return exit_codes.FAILED
        stats = run_crawl(settings)
    summaries, failed = report_run(stats, [s.name for s in selected], out, started, banner=banner)
    if failed:
        return exit_codes.FAILED
    problems = [(s.name, why) for s in summaries if (why := unreachable(s))]
    for name, why in problems:
        print(f"scraper: {name}: {why}", file=sys.stderr)
    return exit_codes.UNREACHABLE if problems else exit_codes.OK


def report_run(
    stats: dict[str, Any],
    site_names: list[str],
    out: str,
    started: float,
    banner: str | None = None,
    notes: tuple[str, ...] = (),
    what: str = "the crawl",
) -> tuple[list[SiteSummary], bool]:
    """Print the summary table of a finished run (after ``banner``, then ``notes``, then the
    sites' extraction-health alarms, if any: :func:`scraper.report.health.health_lines`) and,
    on stderr, why it failed; return the per-site summaries and whether it failed (a
    failed write or commit, or a close reason other than ``finished``)."""
    from scraper.crawl import stats as keys
    from scraper.crawl.summary import format_summary, summarise
    from scraper.crawl.write_failure import EXPORT_FAILED_REASON
    from scraper.report.health import health_lines

    failure = stats.get(keys.EXPORT_FAILED)
    reason = EXPORT_FAILED_REASON if failure else stats.get("finish_reason")
    print()
    if banner:
        print(banner)
    summaries = summarise(stats, site_names)
    print(format_summary(summaries, reason))
    for line in notes:
        print(line)
    for line in health_lines(Path(out), site_names):  # nothing when no site's fill rates fell
        print(line)
    print(f"total: {time.monotonic() - started:.1f} s, output under {Path(out).resolve()}")
    if failure:
        print(f"scraper: export failed: {failure}", file=sys.stderr)
        return summaries, True
    if reason != "finished":
        print(f"scraper: {what} did not finish normally ({reason})", file=sys.stderr)
        return summaries, True
    return summaries, False
