"""Developer check, not a test: what the frontier costs at DEFAULT politeness.

    .venv/bin/python tools/frontier_bench.py [--articles 60] [--new 5] [-s NAME=VALUE ...]

Serves the chrome site of the tests (``tests/chromesite``: 60 articles, each page linking
to ~50 in-site non-article URLs) on 127.0.0.1 and crawls it three times with
``scraper crawl`` and the default settings (``DOWNLOAD_DELAY``, AutoThrottle, robots.txt
all as shipped; only ``--allow-private`` for the local address): a first crawl, a second
with nothing changed, a third after ``--new`` articles are published. Prints, for each,
the requests the site received (by status), article pages fetched, records written and
seconds. Why: ``tests/crawl/test_frontier_economy.py`` asserts the request counts with
no delay; this shows the time a user waits (issue 12 asks for a first crawl in 120 s and
a second in 15 s).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chromesite.site import ChromeSite  # noqa: E402 - the test site lives under tests/


def crawl(site: ChromeSite, workdir: Path, settings: list[str]) -> tuple[list[tuple[str, int]], float]:
    """One ``scraper crawl`` of the site; the requests it received and the seconds it took."""
    config = workdir / "sites.toml"
    config.write_text(site.config(), encoding="utf-8")
    site.clear()
    command = [sys.executable, "-m", "scraper.cli", "crawl", str(config), "--out", str(workdir / "out"),
               "--allow-private", *settings]
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"crawl failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return site.requests(), seconds


def records(out: Path) -> int:
    return sum(len(f.read_text("utf-8").splitlines()) for f in out.glob("*/*.jsonl"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--new", type=int, default=5, help="articles published before the third crawl")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting passed to every crawl (default: none, shipped politeness)")
    args = parser.parse_args()
    settings = [item for pair in args.settings for item in ("-s", pair)]
    rows = []
    with ChromeSite(args.articles) as site, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        before = 0
        for label in ("first crawl", "nothing changed", f"{args.new} new articles"):
            if label.endswith("new articles"):
                site.publish(args.new)
            requests, seconds = crawl(site, workdir, settings)
            written = records(workdir / "out")
            statuses = Counter(status for _, status in requests)
            rows.append({
                "crawl": label, "requests": len(requests), "by_status": dict(sorted(statuses.items())),
                "article_fetches": len(site.article_requests()), "written": written - before,
                "seconds": round(seconds, 1),
            })
            before = written
    print(f"{'crawl':<18} {'requests':>8} {'articles':>8} {'written':>7} {'seconds':>7}  by status")
    for row in rows:
        print(f"{row['crawl']:<18} {row['requests']:>8} {row['article_fetches']:>8} {row['written']:>7} "
              f"{row['seconds']:>7}  {json.dumps(row['by_status'])}")


if __name__ == "__main__":
    main()
