"""``scraper demo [--out DIR]``: serve the bundled demo sites on this machine and crawl them.

Each crawl round runs ``scraper crawl`` in a fresh subprocess: Twisted's reactor cannot
be restarted, and the demo shows the command a user would run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from scraper.cli import exit_codes

__all__ = ["DEMO_PORTS", "DEMO_SETTINGS", "add_parser", "demo", "run"]

DEMO_PORTS = {"arabic-demo": 8701, "english-demo": 8702}
DEMO_SETTINGS = {
    # The demo sites run on this machine: no need to be slow or throttled.
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "LOG_LEVEL": "INFO",
}


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``demo`` on the ``scraper`` command's subparsers."""
    parser = commands.add_parser("demo", help="serve the bundled demo sites and crawl them")
    parser.add_argument("--out", default="demo-output", help="output directory (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=1, choices=(1, 2),
                        help="crawl once, or twice with one new and one updated article per site "
                             "published in between (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    """Run ``scraper demo``; return the exit code."""
    return demo(args.out, args.rounds)


def demo(out: str, rounds: int = 1) -> int:
    """Serve the demo sites, crawl them ``rounds`` times, publishing news in between.

    The sites prefer fixed ports, so article URLs (and so the crawl state in
    ``OUT/.state``) stay the same from one ``scraper demo`` to the next: a second run
    fetches only what changed.
    """
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
            # The demo sites are on 127.0.0.1, which crawls refuse unless allowed.
            code = subprocess.call(
                [sys.executable, "-m", "scraper.cli", "crawl", str(config), "--out", out,
                 *overrides, "--allow-private", "--summary-title", banner],
            )
            if code != exit_codes.OK:
                return code
    return exit_codes.OK
