"""The ``scraper`` command: crawl configured sites, run the demo, extract one page.

    scraper crawl CONFIG --out DIR [--site NAME]... [-s NAME=VALUE]... [--allow-private]
    scraper demo [--out DIR]
    scraper extract FILE|- [--url URL]
    scraper eval DATASET [--baseline] [--json FILE]
    scraper schedule CONFIG --out DIR [--once] [--allow-private]
    scraper export OUT --format parquet|csv|jsonl [--latest] [--since DATE] [--site NAME]... -o FILE
    scraper report OUT -o report.html [--site NAME]... [--state DIR]
    scraper reextract WARC... --out DIR [--config CONFIG] [--site NAME]...
    scraper bench [--pages N] [--json FILE] [--html-dir DIR] [--workers K] [--configs a,b,r,c]

One module per sub-command (``crawl``, ``schedule``, ``demo``, ``extract``,
``evaluate``, ``bench``, ``export``, ``report``, ``reextract``), each with
``add_parser(commands)`` and ``run(args) -> exit code``; this
module only assembles the parser and dispatches. Sub-command modules import their heavy
dependencies (Scrapy, trafilatura) when they run, so ``scraper --help`` stays fast.

Exit codes (:mod:`scraper.cli.exit_codes`): 0 success, 1 the crawl did not finish
normally, 2 bad input (usage, configuration, unreadable file), 3 nothing of a site
could be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from scraper.cli import bench, crawl, demo, evaluate, exit_codes, export, extract, reextract, report, schedule
from scraper.config.sites import ConfigError

__all__ = ["build_parser", "main"]

# In the order of ``scraper --help``.
COMMANDS = {"crawl": crawl, "schedule": schedule, "demo": demo, "extract": extract, "eval": evaluate, "bench": bench,
            "export": export, "report": report, "reextract": reextract}


def build_parser() -> argparse.ArgumentParser:
    """The ``scraper`` argument parser, with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="scraper", description="Turn news websites into clean article datasets."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS.values():
        module.add_parser(commands)
    return parser


def _version() -> str:
    """The installed package's version (``pyproject.toml``)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsscraper")
    except PackageNotFoundError:
        return "unknown (not installed)"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``scraper`` command line; return its exit code."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command].run(args)
    except ConfigError as exc:
        print(f"scraper: configuration error: {exc}", file=sys.stderr)
        return exit_codes.USAGE


if __name__ == "__main__":
    sys.exit(main())
