"""Drop and skip reasons, from the crawl summaries a crawl left on disk.

Records are only what a crawl kept; why it dropped or skipped the rest is in its summary
(:func:`scraper.crawl.summary.summary_document`), which every crawl with a state directory
keeps in ``<state>/runs/<site>.json``, the last crawl of each site
(:class:`scraper.crawl.run_summaries.RunSummaries`). A crawl with in-memory or Redis state
keeps none, and the page says so.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from scraper.crawl.summary import RUNS_DIR

__all__ = ["SKIP_COUNTS", "RunReasons", "read_run_reasons"]

log = logging.getLogger(__name__)

SKIP_COUNTS: dict[str, str] = {
    "seen": "skipped_seen",
    "seen-drop": "seen_dropped",
    "too old": "skipped_old",
    "unchanged": "unchanged",
    "304": "not_modified",
    "same-body": "same_body",
}
"""Skip reasons shown, by the summary table's names, and their summary-file fields."""


@dataclass
class RunReasons:
    """One site's drop reasons and skip counts from its last persisted crawl summary."""

    site: str
    source: Path
    dropped: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)


def read_run_reasons(state_dir: Path, sites: list[str] | None = None) -> list[RunReasons]:
    """The sites' (all when None) reasons from ``state_dir/runs/*.json``, by site name.

    An unreadable or malformed file is logged and left out: it only costs a plot."""
    found: list[RunReasons] = []
    for path in sorted((state_dir / RUNS_DIR).glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            entries = document["sites"].items()
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("skipped the crawl summary %s: %s", path, exc)
            continue
        for site, counts in entries:
            if (sites is not None and site not in sites) or not isinstance(counts, dict):
                continue
            dropped = counts.get("dropped") if isinstance(counts.get("dropped"), dict) else {}
            found.append(RunReasons(
                site, path,
                dropped={str(k): v for k, v in dropped.items() if _count(v)},
                skipped={name: counts[key] for name, key in SKIP_COUNTS.items() if _count(counts.get(key))},
            ))
    return found


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
