"""Developer check, not a test: what the drop memory saves on a large site (issue 16).

    .venv/bin/python tools/drop_bench.py [--per-kind 4000] [-s NAME=VALUE ...]

Serves the drop site of the tests (``tests/dropsite``: ``--per-kind`` pages of each of five
kinds, good articles and pages dropped as ``not_article``, ``too_short``,
``duplicate_fingerprint`` and ``near_duplicate``; 4000 gives 20,000 URLs in one sitemap)
and crawls it with politeness off: a first crawl, then, after one article is published,
a second crawl with the drop memory (the default) and the same second crawl on a copy of
the first crawl's output and state with its remembered drops deleted and the memory off
(``-s DROP_MEMORY_TTL={}``): the crawl as it was before the drop memory. Prints the
article pages each crawl fetched, the records it wrote and its seconds.
``tests/crawl/test_drop_memory.py`` asserts the same at 100 URLs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from dropsite.site import MIN_TEXT_CHARS, DropSite  # noqa: E402 - the test site lives under tests/

FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=32",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "--allow-private", "-q",
        "-s", f"VALIDATE_MIN_TEXT_CHARS={MIN_TEXT_CHARS}"]


def records(out: Path) -> int:
    return sum(f.read_bytes().count(b"\n") for f in out.glob("*/*.jsonl"))


def crawl(site: DropSite, config: Path, out: Path, extra: list[str]) -> dict[str, object]:
    site.clear()
    before = records(out)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "scraper.cli", "crawl", str(config), "--out", str(out),
                             *FAST, *extra], capture_output=True, text=True, cwd=ROOT, check=False)
    return {"exit": result.returncode, "article_fetches": len(site.article_requests()),
            "records_written": records(out) - before, "seconds": round(time.monotonic() - started, 1)}


def forget_drops(state: Path) -> None:
    """Empty the copy's drop memory: only written records count as seen, as before issue 16."""
    with sqlite3.connect(state) as db:
        db.execute("DELETE FROM drops")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=4000)
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    extra = [f"-s{item}" for item in args.set]
    extra += ["-s", f"SITE_MAX_REQUESTS={args.per_kind * 5 + 1000}"]
    with DropSite(per_kind=args.per_kind) as site, tempfile.TemporaryDirectory(prefix="drop-bench-") as tmp:
        config = Path(tmp) / "sites.toml"
        config.write_text(site.config(), encoding="utf-8")
        out = Path(tmp) / "out"
        rows = {"first crawl": crawl(site, config, out, extra)}
        shutil.copytree(out, Path(tmp) / "copy")
        forget_drops(Path(tmp) / "copy" / ".state" / "state.sqlite")
        site.publish(args.per_kind + 1)
        rows["1 new article, drop memory on"] = crawl(site, config, out, extra)
        rows["1 new article, drops forgotten"] = crawl(site, config, Path(tmp) / "copy",
                                                       [*extra, "-s", "DROP_MEMORY_TTL={}"])
    print(f"drop site: {args.per_kind * 5} URLs ({args.per_kind} per kind) + 1 gone")
    print(f"{'crawl':34} {'article fetches':>16} {'written':>8} {'seconds':>8} {'exit':>5}")
    for name, row in rows.items():
        fetched, written = row["article_fetches"], row["records_written"]
        print(f"{name:34} {fetched:>16} {written:>8} {row['seconds']:>8} {row['exit']:>5}")
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
