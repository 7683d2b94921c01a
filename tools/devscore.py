"""Developer check, not a test: body scores of ``extract_article`` against plain trafilatura,
for all pages and the even / odd halves, with the pages where we lose most.

    .venv/bin/python tools/devscore.py [aeb|wcxb-dev|DIR] [--half even|odd] [--limit N]
        [--jobs 2] [--dump FILE] [--worst 20] [--benchmarks DIR]
    .venv/bin/python tools/devscore.py --speed [aeb|wcxb-dev|DIR] [--limit N]

Why a script beside ``scraper eval``: it runs in parallel, caches the baseline, splits
the set into halves (develop on the even one, check on the odd one) and lists the pages
where we score below trafilatura. The numbers are ``scraper eval``'s: pages are read
and scored by :mod:`scraper.evaluation` (datasets, metrics, runner), so the ``all``
rows equal its table.

The baseline body (``trafilatura.extract`` on AEB, ``bare_extraction(...).text``
elsewhere, as ``scraper eval`` scores it) is cached under ``--cache`` (default
:data:`CACHE`), per trafilatura version and set; delete the folder after changing how
pages are decoded.
``--speed`` times ``bare_extraction(html, with_metadata=True)`` against
``extract_article``, one page after the other, in this process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import trafilatura
from benchsets import add_common_options, dataset_at, halves, open_or_exit, run_all, split

from scraper.cli import exit_codes
from scraper.evaluation.datasets import Page
from scraper.evaluation.runner import (
    Extraction,
    PageScore,
    aggregate,
    baseline_body,
    extract_baseline,
    extract_ours,
    score_page,
    warm_up_date_parser,
)
from scraper.extract import extract_article

DESCRIPTION = "Body scores of extract_article against plain trafilatura, by half, with the pages we lose most."

CACHE = Path("/tmp/devscore-cache")


def _cached_baseline(cache: Path, root: str, page: Page, kind: str) -> str:
    where = hashlib.sha1(str(Path(root).resolve()).encode()).hexdigest()[:8]
    folder = cache / f"trafilatura-{trafilatura.__version__}" / f"{Path(root).name}-{where}"
    path = folder / (page.id.replace("/", "%2F") + ".txt")
    if path.exists():
        return path.read_text(encoding="utf-8")
    text = baseline_body(page, kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


def _score_one(job: tuple[Path, str, int, str]) -> dict[str, Any]:
    """Both systems' scores on one page (runs in a worker process)."""
    cache, root, index, key = job
    dataset = dataset_at(root)
    page = dataset.load(key)
    ours = extract_ours(page)
    base = Extraction(text=_cached_baseline(cache, root, page, dataset.baseline_body))
    return {"id": key, "index": index, "text": ours.text if ours else "", "none": ours is None,
            "ours": score_page(ours, page.gold, dataset.body_metric),
            "base": score_page(base, page.gold, dataset.body_metric)}


def _line(scores: list[PageScore], body_metric: str) -> str:
    total = aggregate("", scores, body_metric)
    if total.f1 is None:
        out = "no gold body"
    else:
        out = f"P {total.precision:.4f} R {total.recall:.4f} F1 {total.f1:.4f}"
    if total.with_found is not None:
        out += f" | with {total.with_found:.4f}"
    if total.without_found is not None:
        out += f" | without {total.without_found:.4f}"
    return out


def _f1(score: PageScore) -> float:
    return score.body.f1 if score.body else 0.0


def score(args: argparse.Namespace) -> None:
    dataset = open_or_exit(args.set, args.benchmarks)
    root = str(dataset.root)
    chosen = halves(dataset.ids(), args.half, args.limit)
    rows = run_all(_score_one, [(args.cache, root, index, key) for index, key in chosen], args.jobs)
    metric = dataset.body_metric
    body_pages = sum(1 for r in rows if r["ours"].body is not None)
    print(f"{args.set}: {len(rows)} pages, {body_pages} with gold body (body metric: {metric})")
    for part, selected in split(rows, lambda r: r["index"]):
        if part == "all" and args.half != "all":
            continue  # the same pages as the half
        print(f"  {part:4} base  {_line([r['base'] for r in selected], metric)}")
        print(f"  {part:4} ours  {_line([r['ours'] for r in selected], metric)}")
    nones = [r["id"] for r in rows if r["none"]]
    print(f"  None: {len(nones)} {nones[:15]}")
    scored = [r for r in rows if r["ours"].body is not None]
    worse = sorted(scored, key=lambda r: _f1(r["ours"]) - _f1(r["base"]))[:args.worst]
    print("  worst vs base:", [(r["id"][:10], round(_f1(r["base"]), 3), round(_f1(r["ours"]), 3))
                               for r in worse if _f1(r["ours"]) < _f1(r["base"]) - 0.01])
    if args.dump:
        dump = [{**r, "ours": r["ours"].as_dict(), "base": r["base"].as_dict()} for r in rows]
        Path(args.dump).write_text(json.dumps(dump, ensure_ascii=False), encoding="utf-8")


def speed(args: argparse.Namespace) -> None:
    dataset = open_or_exit(args.set, args.benchmarks)
    pages = list(dataset.pages(key for _, key in halves(dataset.ids(), args.half, args.limit)))
    warm_up_date_parser()
    for page in pages[:5]:  # warm up: lazy imports and first-call caches
        extract_baseline(page)
        extract_article(page.html, page.url)
    t_base = t_ours = 0.0
    for page in pages:
        t0 = time.perf_counter()
        extract_baseline(page)
        t1 = time.perf_counter()
        extract_article(page.html, page.url)
        t2 = time.perf_counter()
        t_base += t1 - t0
        t_ours += t2 - t1
    print(f"{args.set}: {len(pages)} pages  bare_extraction(with_metadata) {len(pages) / t_base:.1f} p/s"
          f"  extract_article {len(pages) / t_ours:.1f} p/s  ratio {t_base / t_ours:.2f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    add_common_options(parser, default_set="wcxb-dev")
    parser.add_argument("--dump", metavar="FILE", help="write every page's text and scores to FILE as JSON")
    parser.add_argument("--worst", type=int, default=20, metavar="N",
                        help="list up to N pages where we score below the baseline (default: %(default)s)")
    parser.add_argument("--cache", type=Path, default=CACHE, metavar="DIR",
                        help="where the baseline's texts are kept (default: %(default)s)")
    parser.add_argument("--speed", action="store_true", help="time the two extractors instead of scoring")
    args = parser.parse_args(argv)
    (speed if args.speed else score)(args)
    return exit_codes.OK


if __name__ == "__main__":
    sys.exit(main())
