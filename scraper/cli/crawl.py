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
from typing import TYPE_CHECKING

from scraper.cli import exit_codes
from scraper.cli.options import add_allow_private, check_settings, setting
from scraper.config.sites import ConfigError, load_config, select_sites
from scraper.store.locks import SiteLocked, crawl_lock

if TYPE_CHECKING:
    from scrapy.settings import Settings

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
    add_allow_private(parser)
    parser.add_argument("--summary-title", help=argparse.SUPPRESS)
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true",
                          help="warnings and errors only, no progress lines; the summary is printed")
    loudness.add_argument("-v", "--verbose", action="store_true",
                          help="debug logging (every request), with Scrapy's banner and stats dump")


def run(args: argparse.Namespace) -> int:
    """Run ``scraper crawl``; return the exit code."""
    overrides = {**_loudness(args), **_state_settings(args), **dict(args.set)}
    if args.allow_private:
        overrides["SCRAPER_ALLOW_PRIVATE"] = True
    return crawl(args.config, args.out, args.site, overrides, banner=args.summary_title)


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


def _state_problem(settings: Settings, out: str) -> str | None:
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
        return _state_problem(settings, out)
    except StoreWriteError as exc:
        return str(exc)
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
) -> int:
    """Crawl ``sites`` of ``config`` (all when empty) into ``out``; print the summary.

    A failed write or state commit makes it ``FAILED`` with one line on stderr saying why.
    """
    from scraper.crawl import stats as keys
    from scraper.crawl.runner import build_settings, run_crawl
    from scraper.crawl.summary import format_summary, summarise, unreachable
    from scraper.crawl.write_failure import EXPORT_FAILED_REASON

    selected = select_sites(load_config(config), sites)  # fail fast, before Scrapy starts
    check_settings(overrides)
    check_output_dir(out)
    settings = build_settings(config, out, [s.name for s in selected], overrides)
    lock_dir = lock_directory(settings)
    started = time.monotonic()
    with contextlib.ExitStack() as locks:
        try:
            for site in selected:
                locks.enter_context(crawl_lock(out, lock_dir, site.name))  # OUT/.locks and the state's
        except SiteLocked as exc:
            print(f"scraper: {exc}", file=sys.stderr)
            return exit_codes.FAILED
        problem = _state_problem(settings, out)
        if problem:
            print(f"scraper: cannot open the crawl state: {problem}", file=sys.stderr)
            return exit_codes.FAILED
        stats = run_crawl(settings)
    failure = stats.get(keys.EXPORT_FAILED)
    reason = EXPORT_FAILED_REASON if failure else stats.get("finish_reason")
    print()
    if banner:
        print(banner)
    summaries = summarise(stats, [s.name for s in selected])
    print(format_summary(summaries, reason))
    print(f"total: {time.monotonic() - started:.1f} s, output under {Path(out).resolve()}")
    if failure:
        print(f"scraper: export failed: {failure}", file=sys.stderr)
        return exit_codes.FAILED
    if reason != "finished":
        print(f"scraper: the crawl did not finish normally ({reason})", file=sys.stderr)
        return exit_codes.FAILED
    problems = [(s.name, why) for s in summaries if (why := unreachable(s))]
    for name, why in problems:
        print(f"scraper: {name}: {why}", file=sys.stderr)
    return exit_codes.UNREACHABLE if problems else exit_codes.OK
