"""``scraper eval DATASET``: score the extractor on a dataset with ground truth.

    scraper eval DATASET [--baseline] [--json FILE] [--half even|odd]
                         [--limit N | --sample N [--seed S]] [--quiet]

DATASET is a directory in one of the formats of :mod:`scraper.evaluation.datasets`
(detected from its contents). Exit codes (:mod:`scraper.cli.exit_codes`): 0 scored,
2 bad input (missing directory, unknown format, unreadable ground truth, unwritable JSON
file).

Imports stay light here: ``scraper --help`` loads this module, so the runner (and
trafilatura) are imported only when the command runs.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from scraper.cli import exit_codes
from scraper.cli.options import positive

__all__ = ["add_parser", "run"]



def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``eval`` on the ``scraper`` command's subparsers."""
    parser = commands.add_parser(
        "eval",
        help="score the extractor on a dataset with ground truth",
        description="Score the extractor on a directory of pages with ground truth "
                    "(AEB, WCXB, trafilatura/htmldate evaldata.json or gold.jsonl format, detected automatically).",
    )
    parser.add_argument("dataset", help="dataset directory")
    parser.add_argument("--baseline", action="store_true",
                        help="also score plain trafilatura, side by side, in the same run")
    parser.add_argument("--json", metavar="FILE", dest="json_file",
                        help="write every number, including per-page scores, to FILE as JSON")
    parser.add_argument("--half", choices=("even", "odd"),
                        help="score only the pages at even (or odd) positions in sorted id order: "
                             "develop on one half, check on the other")
    pick = parser.add_mutually_exclusive_group()
    pick.add_argument("--limit", type=positive, metavar="N",
                      help="score only the first N pages in sorted id order")
    pick.add_argument("--sample", type=positive, metavar="N",
                      help="score N pages drawn at random (see --seed)")
    parser.add_argument("--seed", type=int, default=0, metavar="S",
                        help="random seed for --sample (default: %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def _error(message: str) -> int:
    print(f"scraper eval: {message}", file=sys.stderr)
    return exit_codes.USAGE


def run(args: argparse.Namespace) -> int:
    """Run ``scraper eval``; return the exit code."""
    from scraper.evaluation.datasets import DatasetError, open_dataset

    try:
        dataset = open_dataset(args.dataset)
    except DatasetError as exc:
        return _error(str(exc))
    json_file = getattr(args, "json_file", None)
    if json_file and not Path(json_file).resolve().parent.is_dir():
        return _error(f"cannot write {json_file}: no such directory {Path(json_file).parent}")
    ids = dataset.ids()
    half = getattr(args, "half", None)
    if half:
        ids = ids[0 if half == "even" else 1::2]
    if getattr(args, "sample", None):
        ids = sorted(random.Random(args.seed).sample(ids, min(args.sample, len(ids))))
    elif getattr(args, "limit", None):
        ids = ids[:args.limit]

    from scraper.evaluation.progress import ProgressBar
    from scraper.evaluation.report import format_table, write_json
    from scraper.evaluation.runner import evaluate

    show = not getattr(args, "quiet", False) and sys.stderr.isatty()
    try:
        report = evaluate(dataset, ids, baseline=getattr(args, "baseline", False),
                          progress=ProgressBar(len(ids), enabled=show))
    except DatasetError as exc:
        return _error(str(exc))
    print(format_table(report))
    if json_file:
        try:
            write_json(report, json_file)
        except OSError as exc:
            return _error(f"cannot write {json_file}: {exc.strerror or exc}")
    return exit_codes.OK
