"""Developer check, not a test: title, author, date (and language) accuracy of
``extract_article`` on wcxb-dev, for all pages and the even / odd halves, plus the
failures of one field (gold vs ours) to classify by cause.

    .venv/bin/python tools/devmeta.py                      # accuracies
    .venv/bin/python tools/devmeta.py --fail authors       # + failure list
    .venv/bin/python tools/devmeta.py --half even --fail title [--jobs 2] [--dump FILE]

Why a script beside ``scraper eval``: halves, failure lists and a dump to grep, in
parallel. Pages are read and scored by :mod:`scraper.evaluation` (datasets, metrics,
runner), so the accuracies on all pages equal ``scraper eval``'s. Each accuracy is over
the pages whose gold has that field; a page ``extract_article`` rejects counts as a miss.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchsets import add_common_options, dataset_at, halves, open_or_exit, run_all, split

from scraper.cli import exit_codes
from scraper.evaluation.runner import METADATA_FIELDS, aggregate, extract_ours, score_page

SHOWN = ("title", "authors", "date")
"""The fields in the accuracy lines (language is counted separately: wcxb has no gold)."""

DESCRIPTION = "Title, author and date accuracy of extract_article, by half, with the failures of one field."


def _score_one(job: tuple[str, int, str]) -> dict[str, Any]:
    """One page's metadata, gold and hits (runs in a worker process)."""
    root, index, key = job
    dataset = dataset_at(root)
    page = dataset.load(key)
    started = time.perf_counter()
    ours = extract_ours(page)
    seconds = time.perf_counter() - started
    score = score_page(ours, page.gold, dataset.body_metric)
    gold = page.gold
    return {
        "id": key, "index": index, "url": page.url, "rejected": ours is None, "seconds": seconds,
        "language": ours.language if ours else None,
        "ours": {"title": ours.title if ours else None, "authors": list(ours.authors) if ours else [],
                 "date": ours.date if ours else None, "language": ours.language if ours else None},
        "gold": {"title": gold.title, "authors": list(gold.authors), "date": gold.date_published,
                 "language": gold.language},
        "hits": {field: getattr(score, field) for field in METADATA_FIELDS if getattr(score, field) is not None},
        "score": score,
    }


def _line(part: str, rows: list[dict[str, Any]], body_metric: str) -> str:
    total = aggregate("", [r["score"] for r in rows], body_metric)
    cells = []
    for field in SHOWN:
        accuracy, pages = getattr(total, field), getattr(total, f"{field}_pages")
        if pages:
            cells.append(f"{field} {round(accuracy * pages)}/{pages} = {accuracy:.3f}")
    # something returned where the gold has nothing (not scored, worth watching)
    extra = {f: sum(1 for r in rows if r["ours"][f] and not r["gold"][f]) for f in ("authors", "date")}
    rejected = sum(r["rejected"] for r in rows)
    return (f"{part:>4} ({len(rows)}): " + "  ".join(cells)
            + f"  | rejected {rejected}  returned-without-gold {extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    add_common_options(parser, default_set="wcxb-dev")
    parser.add_argument("--fail", choices=METADATA_FIELDS,
                        help="also list the pages (of --half) where this field is wrong")
    parser.add_argument("--dump", metavar="FILE", help="write every page as JSON lines here")
    args = parser.parse_args(argv)
    dataset = open_or_exit(args.set, args.benchmarks)
    root = str(dataset.root)
    chosen = halves(dataset.ids(), args.half, args.limit)
    rows = run_all(_score_one, [(root, index, key) for index, key in chosen], args.jobs)
    for part, selected in split(rows, lambda r: r["index"]):
        if part == "all" or args.half == "all":
            print(_line(args.half if part == "all" else part, selected, dataset.body_metric))
    languages = Counter(str(r["language"]) for r in rows)
    print("languages:", dict(languages.most_common()))
    print(f"extraction time: {sum(r['seconds'] for r in rows):.1f} s for {len(rows)} pages")
    if args.dump:
        Path(args.dump).write_text(
            "".join(json.dumps({k: v for k, v in r.items() if k != "score"}, ensure_ascii=False) + "\n"
                    for r in rows), encoding="utf-8")
    if args.fail:
        for r in rows:
            if r["hits"].get(args.fail) is False:
                print(f"{r['id']} {'REJ ' if r['rejected'] else ''}{r['url']}\n"
                      f"   gold {r['gold'][args.fail]!r}\n   ours {r['ours'][args.fail]!r}")
    return exit_codes.OK


if __name__ == "__main__":
    sys.exit(main())
