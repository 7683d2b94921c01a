"""What the developer scripts in ``tools/`` share: finding a benchmark set, halves, workers.

Why halves: develop on the even half (index in sorted id order), check on the odd one,
so that a change tuned to the pages one looks at shows as a gap between the two.

These scripts are not part of the installed package; run them from the checkout, e.g.
``.venv/bin/python tools/devscore.py aeb --half odd``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from scraper.cli import exit_codes
from scraper.evaluation.datasets import Dataset, DatasetError, open_dataset

__all__ = [
    "DEFAULT_BENCHMARKS",
    "HALVES",
    "add_common_options",
    "dataset_at",
    "find_set",
    "halves",
    "open_or_exit",
    "run_all",
    "split",
]

DEFAULT_BENCHMARKS = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
"""``../shared/benchmarks`` beside the checkout."""
HALVES = ("all", "even", "odd")

T = TypeVar("T")
R = TypeVar("R")


def add_common_options(parser: argparse.ArgumentParser, default_set: str) -> None:
    """The set (a name under ``--benchmarks`` or a directory), ``--half``, ``--limit``, ``--jobs``."""
    parser.add_argument("set", nargs="?", default=default_set,
                        help=f"benchmark set under --benchmarks (aeb, wcxb-dev) or a dataset directory "
                             f"in a format `scraper eval` reads (default: {default_set})")
    parser.add_argument("--benchmarks", type=Path, default=DEFAULT_BENCHMARKS, metavar="DIR",
                        help="folder holding the benchmark sets (default: ../shared/benchmarks)")
    parser.add_argument("--half", choices=HALVES, default="all",
                        help="score only the even or odd half, by index in sorted id order")
    parser.add_argument("--limit", type=int, metavar="N", help="at most N pages (after --half)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default: %(default)s)")


def find_set(name: str, benchmarks: Path) -> Path:
    """The directory of set ``name``: itself if it is a directory, else ``benchmarks/name``."""
    path = Path(name)
    return path if path.is_dir() else benchmarks / name


@lru_cache(maxsize=4)
def dataset_at(root: str) -> Dataset:
    """The dataset at ``root``, opened once per process (workers open it themselves)."""
    return open_dataset(root)


def halves(ids: Iterable[str], half: str = "all", limit: int | None = None) -> list[tuple[int, str]]:
    """``(index, id)`` of the pages to score: the ``half`` wanted, then the first ``limit``."""
    chosen = [(index, key) for index, key in enumerate(ids)
              if half == "all" or index % 2 == (0 if half == "even" else 1)]
    return chosen[:limit] if limit is not None else chosen


def split(rows: list[T], index: Callable[[T], int]) -> Iterator[tuple[str, list[T]]]:
    """The non-empty groups ``all``, ``even`` and ``odd`` of ``rows``."""
    groups = {"all": rows,
              "even": [r for r in rows if index(r) % 2 == 0],
              "odd": [r for r in rows if index(r) % 2 == 1]}
    for name in HALVES:
        if groups[name]:
            yield name, groups[name]


def run_all(work: Callable[[T], R], jobs_in: list[T], jobs: int) -> list[R]:
    """``work`` over every item, in order, in ``jobs`` processes (in this one when 1)."""
    if jobs <= 1:
        return [work(item) for item in jobs_in]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(work, jobs_in, chunksize=4))


def open_or_exit(name: str, benchmarks: Path) -> Dataset:
    """Open set ``name`` or exit with the reason (a usage error)."""
    try:
        return dataset_at(str(find_set(name, benchmarks)))
    except DatasetError as exc:
        print(f"{Path(sys.argv[0]).name}: {exc}", file=sys.stderr)
        raise SystemExit(exit_codes.USAGE) from None
