"""``scraper reextract WARC... --out OUT [--config sites.toml] [--site NAME]...``: records
rebuilt from archived pages with the current extractor, without the network.

The pages come from WARC files (``scraper crawl --warc``, or another crawler's, such as
CC-NEWS) and go through the crawl's own pipelines into ``OUT``: the same records a crawl
gives, deduplicated against ``OUT``'s crawl state, a changed text becoming a new version.
With ``--config``, only the configured sites' article pages are kept; without, every
HTML page, each site named after its host. Prints the crawl summary and what was skipped.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time

from scraper.cli import exit_codes
from scraper.cli.options import check_settings, setting

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``reextract`` on the ``scraper`` command's subparsers."""
    parser = commands.add_parser(
        "reextract", help="rebuild records from WARC files with the current extractor, offline",
        description="Read the HTML responses of WARC files (scraper crawl --warc, or another crawler's) "
                    "and turn them into records through the crawl's pipelines, without the network.",
    )
    parser.add_argument("warc", nargs="+", metavar="WARC", help="WARC file (.warc or .warc.gz) or directory of them")
    parser.add_argument("--out", required=True, help="output directory for the JSON Lines files")
    parser.add_argument("--config", metavar="TOML",
                        help="keep only these sites' article pages (default: every HTML page, site = host)")
    parser.add_argument("--site", action="append", default=[], metavar="NAME",
                        help="with --config: only this site (repeatable)")
    parser.add_argument("--state", metavar="DIR", help="crawl-state directory (default: OUT/.state)")
    parser.add_argument("--no-state", action="store_true", help="remember nothing: write every page's record")
    parser.add_argument("-s", "--set", action="append", default=[], type=setting,
                        metavar="NAME=VALUE", help="override a Scrapy or project setting")
    parser.add_argument("-q", "--quiet", action="store_true", help="warnings and errors only")


def run(args: argparse.Namespace) -> int:
    """Run ``scraper reextract``; return the exit code."""
    from scraper.archive.warc_file import warc_files
    from scraper.cli.crawl import check_output_dir, lock_directory, report_run, state_problem
    from scraper.config.sites import ConfigError, load_config, select_sites
    from scraper.crawl.runner import build_settings, run_replay
    from scraper.store.locks import SiteLocked, crawl_lock

    if args.site and not args.config:
        raise ConfigError("--site needs --config: without one, every site of the WARC files is read")
    files = warc_files(args.warc)
    missing = [str(p) for p in files if not p.is_file()]
    if missing or not files:
        print(f"scraper: no such WARC file: {', '.join(missing) or ' '.join(args.warc)}", file=sys.stderr)
        return exit_codes.USAGE
    sites = select_sites(load_config(args.config), args.site) if args.config else None
    loudness = {"LOG_LEVEL": "WARNING", "PROGRESS_INTERVAL": 0} if args.quiet else {}
    overrides: dict[str, object] = {**loudness, **dict(args.set)}
    if args.state:
        overrides["SCRAPER_STATE_DIR"] = args.state
    if args.no_state:
        overrides["SCRAPER_STATE"] = "memory"
    check_settings(overrides)
    check_output_dir(args.out)
    settings = build_settings(args.config or "", args.out, [s.name for s in sites or ()], overrides)
    started = time.monotonic()
    with contextlib.ExitStack() as locks:
        try:  # no crawl of the same sites into the same output meanwhile
            for site in sites or ():
                locks.enter_context(crawl_lock(args.out, lock_directory(settings), site.name))
        except SiteLocked as exc:
            print(f"scraper: {exc}", file=sys.stderr)
            return exit_codes.FAILED
        problem = state_problem(settings, args.out)
        if problem:
            print(f"scraper: cannot open the crawl state: {problem}", file=sys.stderr)
            return exit_codes.FAILED
        stats = run_replay(settings, [str(p) for p in files], sites)
    names = sorted({key.split("/")[1] for key in stats if key.startswith("site/")})
    if sites is not None:
        names = [s.name for s in sites if s.name in names]
    skipped = {k.rsplit("/", 1)[1]: v for k, v in sorted(stats.items()) if k.startswith("reextract/skipped/")}
    read = (f"read {stats.get('reextract/pages', 0)} HTML pages from {stats.get('reextract/files', 0)} WARC files"
            + (f"; skipped {', '.join(f'{k} {v}' for k, v in skipped.items())}" if skipped else ""))
    _, failed = report_run(stats, names, args.out, started, notes=(read,), what="the re-extraction")
    if failed:
        return exit_codes.FAILED
    if skipped.get("unreadable_file", 0) >= len(files):
        print("scraper: none of the WARC files could be read (see the errors above)", file=sys.stderr)
        return exit_codes.USAGE
    return exit_codes.OK
