"""Dump the record ``extract_article`` gives for every page of the development sets.

Why: a change that must not change what is extracted (a refactor, a speed-up) is
proven by dumping before and after and comparing the files byte for byte:

    python tools/dump_records.py ../shared/benchmarks /tmp/before.jsonl
    ... change ...
    python tools/dump_records.py ../shared/benchmarks /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

Pages are read as the crawl reads them: raw bytes through the crawl's decoder, with no
HTTP charset. One JSON line per page, sorted by set and page id; ``--jobs`` processes.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from scraper.extract import extract_article
from scraper.fetch.decoding import decode_html

SETS = ("aeb", "wcxb-dev", "traf-dev", "htmldate-dev")


def _pages(root: Path) -> list[tuple[str, str, str, str | None]]:
    """(set, page id, html path, url) of every page in the sets under ``root``."""
    pages: list[tuple[str, str, str, str | None]] = []
    aeb = root / "aeb"
    if aeb.is_dir():
        gold = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
        for key, entry in gold.items():
            pages.append(("aeb", key, str(aeb / "html" / f"{key}.html.gz"), entry.get("url")))
    wcxb = root / "wcxb-dev"
    if wcxb.is_dir():
        for path in sorted((wcxb / "ground-truth").glob("*.json")):
            entry = json.loads(path.read_text(encoding="utf-8"))
            pages.append(("wcxb-dev", path.stem, str(wcxb / "html" / f"{path.stem}.html.gz"), entry.get("url")))
    for name in ("traf-dev", "htmldate-dev"):
        directory = root / name
        if directory.is_dir():
            gold = json.loads((directory / "evaldata.json").read_text(encoding="utf-8"))
            for url, entry in gold.items():
                pages.append((name, entry["file"], str(directory / "html" / entry["file"]), url))
    return sorted(pages)


def _record(page: tuple[str, str, str, str | None]) -> str:
    name, key, path, url = page
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    html, _ = decode_html(data, None)
    record = extract_article(html, url)
    value = dataclasses.asdict(record) if record is not None else None
    return json.dumps({"set": name, "id": key, "record": value}, ensure_ascii=False, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmarks", type=Path, help="folder holding aeb/, wcxb-dev/, traf-dev/, htmldate-dev/")
    parser.add_argument("out", type=Path, help="JSON Lines file to write")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    pages = _pages(args.benchmarks)
    with ProcessPoolExecutor(args.jobs) as pool, args.out.open("w", encoding="utf-8") as out:
        for line in pool.map(_record, pages, chunksize=8):
            out.write(line + "\n")
    print(f"{len(pages)} pages -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
