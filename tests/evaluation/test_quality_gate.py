"""Quality gate: on a fixed subset of each development set, every scored measure of ours
is at least as good as plain trafilatura's in the same run, and above its pinned floor.

The subsets are every k-th page id in sorted order of ../shared/benchmarks (beside the
project's own checkouts, not in users' clones: the tests skip without it). No page or
domain is special: the ids are picked by position only. trafilatura is
``bare_extraction(with_metadata=True)`` (on AEB its body is ``extract``, as the AEB
reference scores), run by :func:`scraper.evaluation.runner.evaluate`.

Floors are only ever raised: when a change lifts a score, raise its floor to the new
value minus about 0.005 (rounded down; for a measure where lower is better, plus about
0.005, rounded up); never loosen one to make a change pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scraper.evaluation.datasets import open_dataset
from scraper.evaluation.runner import BASELINE, OURS, Report, evaluate

BENCHMARKS = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks"


@dataclass(frozen=True)
class GateSet:
    """One development set's subset and its floors (ceilings for ``lower_is_better``)."""

    step: int
    pages: int
    floors: dict[str, float]
    lower_is_better: frozenset[str] = field(default_factory=frozenset)


# Measured values of the subset in the comments; floors are only ever raised.
SETS = {
    "aeb": GateSet(step=3, pages=61, floors={
        "f1": 0.979,  # 0.9804 (trafilatura 0.9619)
    }),
    "wcxb-dev": GateSet(step=6, pages=119, floors={
        "f1": 0.966,  # 0.9712 (0.9417)
        "without_found": 0.016,  # 0.0102 (0.0335)
        "title": 0.936,  # 0.9412 (0.4958)
        "authors": 0.855,  # 0.8602 (0.7312)
        "date": 0.87,  # 0.8713 (0.8119)
    }, lower_is_better=frozenset({"without_found"})),
    "traf-dev": GateSet(step=4, pages=119, floors={
        "snippet_f1": 0.934,  # 0.9399 (0.9227)
        "without_leak": 0.064,  # 0.0583 (0.0889)
        "title": 0.89,  # 0.8952 (0.6571)
        "authors": 0.745,  # 0.7500 (0.6447)
        "date": 0.918,  # 0.9231 (0.8462)
    }, lower_is_better=frozenset({"without_leak"})),
    "htmldate-dev": GateSet(step=4, pages=124, floors={
        "date": 0.864,  # 0.8699 (0.8293)
    }),
}


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request: pytest.FixtureRequest) -> tuple[str, Report]:
    name = request.param
    root = BENCHMARKS / name
    if not root.is_dir():
        pytest.skip(f"{root} is not here (the benchmarks sit beside the project's own checkouts only)")
    dataset = open_dataset(root)
    return name, evaluate(dataset, dataset.ids()[::SETS[name].step], baseline=True)


def _worse(ours: float, other: float, lower_is_better: bool) -> bool:
    return ours > other if lower_is_better else ours < other


def test_every_measure_is_at_least_trafilaturas(scored: tuple[str, Report]) -> None:
    name, report = scored
    gate = SETS[name]
    ours, base = report.scores[OURS], report.scores[BASELINE]
    worse = []
    for measure in sorted(gate.floors):
        mine, theirs = getattr(ours, measure), getattr(base, measure)
        assert mine is not None and theirs is not None, f"{name} {measure} was not scored"
        if _worse(mine, theirs, measure in gate.lower_is_better):
            worse.append(f"{measure} {mine:.4f} vs trafilatura {theirs:.4f}")
    assert not worse, f"{name}: worse than plain trafilatura on " + "; ".join(worse)


def test_every_measure_stays_above_its_floor(scored: tuple[str, Report]) -> None:
    name, report = scored
    gate = SETS[name]
    ours = report.scores[OURS]
    below = [f"{measure} {getattr(ours, measure):.4f} (floor {floor})"
             for measure, floor in sorted(gate.floors.items())
             if _worse(getattr(ours, measure), floor, measure in gate.lower_is_better)]
    assert not below, f"{name}: past the pinned floor on " + "; ".join(below)


def test_no_page_where_trafilatura_finds_text_comes_back_empty(scored: tuple[str, Report]) -> None:
    name, report = scored
    assert report.scores[OURS].lost == 0, f"{name}: pages where trafilatura found over 500 characters and we none"


def test_subsets_are_scored_in_full(scored: tuple[str, Report]) -> None:
    name, report = scored
    assert report.scores[OURS].pages == SETS[name].pages
