"""Developer check, not a test: the scores of one ``scraper eval --json`` report split
into the even and odd halves of the set, ours beside the baseline.

    .venv/bin/scraper eval ../shared/benchmarks/traf-dev --baseline --quiet --json /tmp/traf.json
    .venv/bin/python tools/halves.py /tmp/traf.json [/tmp/aeb.json ...]

Why: a rule tuned to the pages one looks at shows as a gap between the halves (develop
on the even one, check on the odd one). The split is by position in sorted id order,
as ``scraper eval --half`` and ``tools/benchsets.py`` make it; the report must cover
the whole set. The numbers are re-aggregated from the report's per-page scores by
:func:`scraper.evaluation.runner.aggregate`, so the ``all`` row equals the report's.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from benchsets import split

from scraper.evaluation.metrics import PRF
from scraper.evaluation.runner import PageScore, Score, aggregate

# (label, Score attribute, lower is better)
MEASURES = (
    ("body F1", "f1", False),
    ("snippet F1", "snippet_f1", False),
    ("`with` found", "with_found", False),
    ("`without` found", "without_found", True),
    ("`without` leak", "without_leak", True),
    ("title", "title", False),
    ("authors", "authors", False),
    ("date", "date", False),
)


def page_score(data: dict[str, Any]) -> PageScore:
    """A :class:`PageScore` back from its JSON form (``PageScore.as_dict``)."""
    values = dict(data)
    body = values.pop("body", None)
    for name in ("with_hits", "without_hits"):
        values[name] = tuple(values.get(name) or (0, 0))
    return PageScore(**values, body=PRF(**body) if body else None)


def _cell(score: Score, attribute: str) -> str:
    value = getattr(score, attribute)
    return "-" if value is None else f"{value:.3f}"


def table(report: dict[str, Any]) -> list[str]:
    """Rows ``measure | half | ours | baseline | mark`` for one report."""
    systems = list(report["systems"])
    metric = report["body_metric"]
    rows = [f"## {Path(report['dataset']).name} ({len(report['pages'])} pages)",
            "| measure | half | " + " | ".join(systems) + " | |", "|---|---|" + "---|" * len(systems) + "---|"]
    indexed = list(enumerate(report["pages"]))
    groups = {half: {name: aggregate(name, [page_score(p[name]) for _, p in pages], metric) for name in systems}
              for half, pages in split(indexed, lambda row: row[0])}
    for label, attribute, lower in MEASURES:
        for half, scores in groups.items():
            values = [getattr(scores[name], attribute) for name in systems]
            if values[0] is None:
                continue
            mark = ""
            if len(values) > 1 and values[1] is not None:
                mark = "worse" if (values[0] > values[1] if lower else values[0] < values[1]) else ""
            rows.append(f"| {label} | {half} | " + " | ".join(_cell(scores[n], attribute) for n in systems)
                        + f" | {mark} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", type=Path, help="JSON files written by `scraper eval --json`")
    args = parser.parse_args()
    for path in args.reports:
        print("\n".join(table(json.loads(path.read_text(encoding="utf-8")))))
        print()


if __name__ == "__main__":
    main()
