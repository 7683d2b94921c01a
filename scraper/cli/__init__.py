"""The ``scraper`` command: crawl configured sites, run the demo, extract one page.

    scraper crawl CONFIG --out DIR [--site NAME]... [-s NAME=VALUE]... [--allow-private]
    scraper demo [--out DIR]
    scraper extract FILE|- [--url URL]
    scraper eval DATASET [--baseline] [--json FILE]
    scraper schedule CONFIG --out DIR [--once] [--allow-private]

Exit codes: 0 success, 1 the crawl did not finish normally, 2 bad input (usage,
configuration, unreadable file).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from scraper.evaluation import command as evaluation
from scraper.config.sites import ConfigError, load_config, select_sites
from scraper.store.locks import SiteLocked, site_lock

EXIT_OK = 0
EXIT_CRAWL_FAILED = 1
EXIT_USAGE = 2

DEMO_PORTS = {"arabic-demo": 8701, "english-demo": 8702}
DEMO_SETTINGS = {
    # The demo sites run on this machine: no need to be slow or throttled.
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "LOG_LEVEL": "INFO",
}


def _setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


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


def _add_allow_private(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allow-private", action="store_true",
                        help="allow requests to loopback, private, link-local and metadata "
                             "addresses (refused by default); for sites on this machine or network")


ALLOW_PRIVATE = ("SCRAPER_ALLOW_PRIVATE", "True")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scraper", description="Turn news websites into clean article datasets."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    crawl = commands.add_parser("crawl", help="crawl the sites of a config file")
    crawl.add_argument("config", help="site-config TOML file")
    crawl.add_argument("--out", required=True, help="output directory for the JSON Lines files")
    crawl.add_argument("--site", action="append", default=[], metavar="NAME",
                       help="crawl only this site (repeatable); default: every site")
    crawl.add_argument("-s", "--set", action="append", default=[], type=_setting,
                       metavar="NAME=VALUE", help="override a Scrapy or project setting")
    _add_state_options(crawl)
    _add_allow_private(crawl)
    crawl.add_argument("--summary-title", help=argparse.SUPPRESS)

    from scraper.schedule.scheduler import DEFAULT_EVERY, STOP_TIMEOUT, duration_arg

    schedule = commands.add_parser(
        "schedule", help="crawl each site at its own interval (its 'every'), one subprocess per crawl")
    schedule.add_argument("config", help="site-config TOML file")
    schedule.add_argument("--out", required=True, help="output directory for the JSON Lines files")
    schedule.add_argument("--state", metavar="DIR",
                          help="crawl-state directory (default: OUT/.state); also holds locks/ and logs/")
    schedule.add_argument("--once", action="store_true",
                          help="crawl every due site once, then exit (for cron and systemd timers)")
    schedule.add_argument("--default-every", type=duration_arg, default=DEFAULT_EVERY,
                          metavar="DURATION",
                          help="interval of sites without 'every', such as 30m or 2h (default: 1h)")
    schedule.add_argument("--stop-timeout", type=float, default=STOP_TIMEOUT, metavar="SECONDS",
                          help="on SIGTERM/SIGINT, wait this long for running crawls before killing "
                               "them (default: %(default)g)")
    schedule.add_argument("-s", "--set", action="append", default=[], type=_setting,
                          metavar="NAME=VALUE", help="passed on to each `scraper crawl`")
    _add_allow_private(schedule)

    demo = commands.add_parser("demo", help="serve the bundled demo sites and crawl them")
    demo.add_argument("--out", default="demo-output", help="output directory (default: %(default)s)")
    demo.add_argument("--rounds", type=int, default=1, choices=(1, 2),
                      help="crawl once, or twice with one new and one updated article per site "
                           "published in between (default: %(default)s)")

    extract = commands.add_parser("extract", help="extract the article of one HTML file as JSON")
    extract.add_argument("file", help="HTML file, or - for standard input")
    extract.add_argument("--url", help="the page's URL (resolves relative links)")

    evaluation.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "crawl":
            overrides = {**_state_settings(args), **dict(args.set)}
            if args.allow_private:
                overrides["SCRAPER_ALLOW_PRIVATE"] = True
            return _crawl(args.config, args.out, args.site, overrides, banner=args.summary_title)
        if args.command == "schedule":
            from scraper.schedule.scheduler import run as schedule
            if args.allow_private:
                args.set.append(ALLOW_PRIVATE)
            return schedule(args)
        if args.command == "demo":
            return _demo(args.out, args.rounds)
        if args.command == "eval":
            return evaluation.run(args)
        return _extract(args.file, args.url)
    except ConfigError as exc:
        print(f"scraper: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _crawl(
    config: str,
    out: str,
    sites: list[str],
    overrides: dict[str, object],
    banner: str | None = None,
) -> int:
    from scraper.crawl.runner import build_settings, run_crawl
    from scraper.crawl.summary import format_summary, summarise

    selected = select_sites(load_config(config), sites)  # fail fast, before Scrapy starts
    settings = build_settings(config, out, [s.name for s in selected], overrides)
    lock_dir = settings.get("SCRAPER_STATE_DIR") or Path(out) / ".state"
    started = time.monotonic()
    with contextlib.ExitStack() as locks:
        try:
            for site in selected:
                locks.enter_context(site_lock(lock_dir, site.name))
        except SiteLocked as exc:
            print(f"scraper: {exc}", file=sys.stderr)
            return EXIT_CRAWL_FAILED
        stats = run_crawl(settings)
    reason = stats.get("finish_reason")
    print()
    if banner:
        print(banner)
    print(format_summary(summarise(stats, [s.name for s in selected]), reason))
    print(f"total: {time.monotonic() - started:.1f} s, output under {Path(out).resolve()}")
    if reason != "finished":
        print(f"scraper: the crawl did not finish normally ({reason})", file=sys.stderr)
        return EXIT_CRAWL_FAILED
    return EXIT_OK


def _demo(out: str, rounds: int = 1) -> int:
    """Serve the demo sites, crawl them ``rounds`` times, publishing news in between.

    The sites prefer fixed ports, so article URLs (and so the crawl state in
    ``OUT/.state``) stay the same from one ``scraper demo`` to the next: a second run
    fetches only what changed.
    """
    import subprocess

    from scraper.demo import DemoServer
    from scraper.demo.news import publish_news

    server = DemoServer(ports=DEMO_PORTS)
    try:
        server.start()
    except OSError:  # a preferred port is taken: any free port will do
        server = DemoServer().start()
    with server, tempfile.TemporaryDirectory(prefix="scraper-demo-") as tmp:
        config = server.write_config(Path(tmp) / "demo-sites.toml")
        names = ", ".join(f"{name} at {server.base_url(name)}" for name in server.site_names())
        print(f"Demo sites: {names}", flush=True)
        for round_no in range(1, rounds + 1):
            if round_no > 1:
                for line in publish_news(server, round_no):
                    print(line, flush=True)
            overrides = [f"-s{name}={value}" for name, value in DEMO_SETTINGS.items()]
            banner = f"Demo crawl summary (round {round_no} of {rounds})" if rounds > 1 else "Demo crawl summary"
            # Each round in a fresh process: Twisted's reactor cannot be restarted.
            # The demo sites are on 127.0.0.1, which crawls refuse unless allowed.
            code = subprocess.call(
                [sys.executable, "-m", "scraper.cli", "crawl", str(config), "--out", out,
                 *overrides, "--allow-private", "--summary-title", banner],
            )
            if code != EXIT_OK:
                return code
    return EXIT_OK


def _extract(file: str, url: str | None) -> int:
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        print(f"scraper: cannot read {file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    from scraper.extract import extract_article
    from scraper.record.article import record_to_dict

    record = extract_article(data, url)
    if record is None:
        print(f"scraper: no article found in {file}", file=sys.stderr)
        print("null")
        return EXIT_CRAWL_FAILED
    print(json.dumps(record_to_dict(record), ensure_ascii=False, indent=2))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
