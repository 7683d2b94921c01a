"""Present a :class:`~scraper.evaluation.runner.Report`: a text table and JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scraper.evaluation.runner import Report, Score

__all__ = ["format_table", "report_to_json", "write_json"]

METRIC_NAMES = {"shingles": "4-token shingles", "words": "bag of words"}
LABEL_WIDTH = 30
COLUMN_WIDTH = 13


def _number(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _row(label: str, cells: list[str], note: str = "") -> str:
    line = label.ljust(LABEL_WIDTH) + "".join(cell.rjust(COLUMN_WIDTH) for cell in cells)
    return f"{line}   {note}" if note else line


def format_table(report: Report) -> str:
    """The report as an aligned plain-text table, one column per system."""
    scores: list[Score] = list(report.scores.values())
    first = scores[0]
    lines = [
        f"dataset: {report.dataset} ({report.format}, {first.pages} pages, "
        f"body metric: {METRIC_NAMES.get(report.body_metric, report.body_metric)})",
        _row("", [s.system for s in scores]),
    ]
    if first.body_pages:
        lines += [
            _row("body precision", [_number(s.precision) for s in scores]),
            _row("body recall", [_number(s.recall) for s in scores]),
            _row("body F1", [_number(s.f1) for s in scores]),
        ]
    if first.with_pages:
        lines.append(_row("`with` snippets found", [_number(s.with_found) for s in scores],
                          f"higher is better; {first.with_pages} pages"))
    if first.without_pages:
        lines.append(_row("`without` snippets found", [_number(s.without_found) for s in scores],
                          f"lower is better; {first.without_pages} pages"))
    if first.snippet_f1 is not None:
        lines += [
            _row("snippet precision", [_number(s.snippet_precision) for s in scores],
                 "over all snippets of the set"),
            _row("snippet recall", [_number(s.snippet_recall) for s in scores]),
            _row("snippet F1", [_number(s.snippet_f1) for s in scores]),
        ]
    if first.without_leak is not None:
        lines.append(_row("`without` leak", [_number(s.without_leak) for s in scores],
                          "share of all `without` snippets found; lower is better"))
    for name in ("title", "authors", "date", "language"):
        count = getattr(first, f"{name}_pages")
        if count:
            lines.append(_row(f"{name} accuracy", [_number(getattr(s, name)) for s in scores],
                              f"{count} pages with gold {name}"))
    lines += [
        _row("pages scored (body)", [str(s.body_pages) for s in scores]),
        _row("extraction returned nothing", [str(s.empty) for s in scores]),
        _row("not an article (crawl drops)", [str(s.not_article) for s in scores],
             "page_type listing or other; the text is scored all the same"),
        _row("pages per second", [_number(s.pages_per_second, 1) for s in scores]),
    ]
    if len(scores) > 1:
        lines.append(_row("nothing where baseline >500", [str(scores[0].lost), "-"],
                          "pages where the baseline found over 500 characters and we none"))
    ratio = report.speed_ratio
    if ratio is not None:
        names = [s.system for s in scores]
        lines.append(f"speed ratio {names[0]} / {names[1]}: {ratio:.2f} "
                     "(pages per second, extraction calls only, same run, alternating order)")
    return "\n".join(lines)


def report_to_json(report: Report) -> dict[str, Any]:
    """All numbers of the report, per system and per page, as JSON-ready data."""
    return {
        "dataset": report.dataset,
        "format": report.format,
        "body_metric": report.body_metric,
        "systems": {name: score.as_dict() for name, score in report.scores.items()},
        "speed_ratio": report.speed_ratio,
        "pages": report.per_page,
    }


def write_json(report: Report, path: str | Path) -> None:
    """Write :func:`report_to_json` to ``path`` (UTF-8, indented)."""
    text = json.dumps(report_to_json(report), ensure_ascii=False, indent=2)
    Path(path).write_text(text + "\n", encoding="utf-8")
