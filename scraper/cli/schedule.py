"""``scraper schedule CONFIG --out DIR``: the sub-command's options, wired to the scheduler.

The scheduler itself (due times, subprocess crawls, locks, stopping) is
:mod:`scraper.schedule.scheduler`; this module only declares the command line.
"""

from __future__ import annotations

import argparse

from scraper.cli.options import ALLOW_PRIVATE, add_allow_private, setting
from scraper.config.sites import ConfigError

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``schedule`` on the ``scraper`` command's subparsers."""
    from scraper.schedule.scheduler import DEFAULT_EVERY, STOP_TIMEOUT, duration_arg

    parser = commands.add_parser(
        "schedule", help="crawl each site at its own interval (its 'every'), one subprocess per crawl")
    parser.add_argument("config", help="site-config TOML file")
    parser.add_argument("--out", help="output directory for the JSON Lines files (not with --redis)")
    parser.add_argument("--state", metavar="DIR",
                        help="crawl-state directory (default: OUT/.state); also holds locks/ and logs/")
    parser.add_argument("--once", action="store_true",
                        help="crawl every due site once, then exit (for cron and systemd timers)")
    parser.add_argument("--default-every", type=duration_arg, default=DEFAULT_EVERY,
                        metavar="DURATION",
                        help="interval of sites without 'every', such as 30m or 2h (default: 1h)")
    parser.add_argument("--stop-timeout", type=float, default=STOP_TIMEOUT, metavar="SECONDS",
                        help="on SIGTERM/SIGINT, wait this long for running crawls before killing "
                             "them (default: %(default)g)")
    parser.add_argument("-s", "--set", action="append", default=[], type=setting,
                        metavar="NAME=VALUE", help="passed on to each `scraper crawl`")
    parser.add_argument("--redis", metavar="URL",
                        help="start no crawl: seed the due sites of the crawl shared on this Redis, for "
                             "workers running `scraper crawl --redis URL --due`")
    add_allow_private(parser)


def run(args: argparse.Namespace) -> int:
    """Run ``scraper schedule``; return the scheduler's exit code."""
    from scraper.schedule.scheduler import run as schedule

    if not args.out and not args.redis:
        raise ConfigError("schedule: --out DIR is required (or --redis URL, to seed a shared crawl)")
    if args.allow_private:
        args.set.append(ALLOW_PRIVATE)
    return schedule(args)
