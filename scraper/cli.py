"""The ``scraper`` command: crawl configured sites, run the demo, extract one page.

    scraper crawl CONFIG --out DIR [--site NAME]... [-s NAME=VALUE]...
    scraper demo [--out DIR]
    scraper extract FILE|- [--url URL]
    scraper eval DATASET [--baseline] [--json FILE]

Exit codes: 0 success, 1 the crawl did not finish normally, 2 bad input (usage,
configuration, unreadable file).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from scraper.evaluation import command as evaluation
from scraper.siteconfig import ConfigError, load_config, select_sites

EXIT_OK = 0
EXIT_CRAWL_FAILED = 1
EXIT_USAGE = 2

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

    demo = commands.add_parser("demo", help="serve the bundled demo sites and crawl them")
    demo.add_argument("--out", default="demo-output", help="output directory (default: %(default)s)")

    extract = commands.add_parser("extract", help="extract the article of one HTML file as JSON")
    extract.add_argument("file", help="HTML file, or - for standard input")
    extract.add_argument("--url", help="the page's URL (resolves relative links)")

    evaluation.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "crawl":
            return _crawl(args.config, args.out, args.site, dict(args.set))
        if args.command == "demo":
            return _demo(args.out)
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
    from scraper.runner import build_settings, run_crawl
    from scraper.summary import format_summary, summarise

    selected = select_sites(load_config(config), sites)  # fail fast, before Scrapy starts
    started = time.monotonic()
    stats = run_crawl(build_settings(config, out, [s.name for s in selected], overrides))
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


def _demo(out: str) -> int:
    from scraper.demo import DemoServer

    with DemoServer() as server, tempfile.TemporaryDirectory(prefix="scraper-demo-") as tmp:
        config = server.write_config(Path(tmp) / "demo-sites.toml")
        names = ", ".join(f"{name} at {server.base_url(name)}" for name in server.site_names())
        print(f"Demo sites: {names}", flush=True)
        return _crawl(str(config), out, [], DEMO_SETTINGS, banner="Demo crawl summary")


def _extract(file: str, url: str | None) -> int:
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        print(f"scraper: cannot read {file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    from scraper.extract import extract_article
    from scraper.records import record_to_dict

    record = extract_article(data, url)
    if record is None:
        print(f"scraper: no article found in {file}", file=sys.stderr)
        print("null")
        return EXIT_CRAWL_FAILED
    print(json.dumps(record_to_dict(record), ensure_ascii=False, indent=2))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
