"""Compare the records of two crawl outputs, field by field, ignoring the fetch time.

Why: a refactor must not change what a crawl writes. Crawl the demo before and after
(``scraper demo --out A`` … ``scraper demo --out B``) and run

    python tools/compare_records.py A B

It reads every ``<site>/<day>.jsonl`` under each folder, keys records by site and URL,
and prints each difference; exit 0 when the two are the same record for record.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

VOLATILE = frozenset({"fetched_at"})
"""Fields that differ from one crawl to the next by nature."""


def load(root: Path) -> dict[tuple[str, str], dict[str, Any]]:
    records: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(root.glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            key = (record.get("site") or path.parent.name, record["url"])
            records[key] = {k: v for k, v in record.items() if k not in VOLATILE}
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    before, after = load(args.before), load(args.after)
    differences = 0
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        differences += 1
        if old is None or new is None:
            print(f"{key}: only in {'after' if old is None else 'before'}")
            continue
        for name in sorted(old.keys() | new.keys()):
            if old.get(name) != new.get(name):
                print(f"{key}: {name}: {old.get(name)!r} -> {new.get(name)!r}")
    print(f"{len(before)} records before, {len(after)} after, {differences} differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
