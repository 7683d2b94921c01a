"""Per-site crawl summary, read from the crawl stats."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scraper.crawl import stats as keys

UNCHANGED_REASON = "unchanged"
RUNS_DIR = "runs"
"""The directory, under the state directory, of each site's last summary."""


def run_summary_path(state_dir: Path, site: str) -> Path:
    """Where the last crawl of ``site`` left its summary (see :mod:`scraper.crawl.run_summaries`)."""
    return state_dir / RUNS_DIR / f"{site}.json"


@dataclass
class SiteSummary:
    """What one crawl did on one site."""

    name: str
    pages_fetched: int = 0
    robots_fetched: int = 0
    articles_written: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_seen: int = 0
    seen_dropped: int = 0
    skipped_old: int = 0
    not_modified: int = 0
    same_body: int = 0
    failed: int = 0
    gone: int = 0
    refused: int = 0
    blocked: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    output: str | None = None


def summarise(stats: dict[str, Any], site_names: list[str]) -> list[SiteSummary]:
    """One :class:`SiteSummary` per site, in config order."""
    summaries = []
    for name in site_names:
        def count(what: str, name: str = name) -> int:
            return int(stats.get(keys.site_key(name, what), 0))

        drop_prefix = keys.drop_key("", name)
        dropped = {
            key[len(drop_prefix):]: int(value)
            for key, value in sorted(stats.items())
            if key.startswith(drop_prefix)
        }
        started = stats.get(keys.site_key(name, keys.STARTED))
        finished = stats.get(keys.site_key(name, keys.FINISHED))
        summaries.append(
            SiteSummary(
                name=name,
                pages_fetched=count(keys.PAGES_FETCHED),
                robots_fetched=count(keys.ROBOTS_FETCHED),
                articles_written=count(keys.ARTICLES_WRITTEN),
                new=count(keys.ARTICLES_NEW),
                updated=count(keys.ARTICLES_UPDATED),
                unchanged=dropped.pop(UNCHANGED_REASON, 0),
                skipped_seen=count(keys.SKIPPED_SEEN),
                seen_dropped=count(keys.SEEN_DROPPED),
                skipped_old=count(keys.SKIPPED_OLD),
                not_modified=count(keys.NOT_MODIFIED),
                same_body=count(keys.SAME_BODY),
                failed=count(keys.FETCH_FAILED),
                gone=count(keys.GONE),
                refused=count(keys.REFUSED),
                blocked=count(keys.BLOCKED),
                dropped=dropped,
                seconds=max(0.0, (finished or 0) - (started or 0)) if started else 0.0,
                output=stats.get(keys.site_key(name, "output")),
            )
        )
    return summaries


COLUMNS = (
    ("fetched", "pages_fetched"),
    ("written", "articles_written"),
    ("new", "new"),
    ("updated", "updated"),
    ("unchanged", "unchanged"),
    ("seen", "skipped_seen"),
    ("304", "not_modified"),
    ("same-body", "same_body"),
    ("failed", "failed"),
    ("seen-drop", "seen_dropped"),
    ("gone", "gone"),
    ("refused", "refused"),
    ("blocked", "blocked"),
)


def unreachable(summary: SiteSummary) -> str | None:
    """Why nothing at all could be fetched from the site, when that is so: requests
    were made (and failed or were refused) but not one answer came back. A crawl
    that read nothing must not look like one that found nothing new."""
    if summary.pages_fetched > summary.robots_fetched or not (summary.failed or summary.refused or summary.blocked):
        return None
    if summary.blocked and not (summary.failed or summary.refused):
        return (f"every page was a bot wall's challenge or block page ({summary.blocked} blocked); the site "
                "does not let this crawler in: ask the site, or lower the crawl rate and try later")
    if summary.refused and not summary.failed:
        return (f"every request was refused by the address guard ({summary.refused}): the site is on a "
                "private, loopback or metadata address; pass --allow-private for sites on this machine "
                "or network")
    answered = " (only robots.txt answered)" if summary.robots_fetched else ""
    return (f"nothing could be fetched{answered}: {summary.failed} failed, {summary.refused} refused; "
            "is the site up and are its start URLs right?")


def summary_document(summaries: list[SiteSummary], finish_reason: str | None) -> dict[str, Any]:
    """The summary for programs (``SUMMARY_FILE``): the table's numbers, by field name.

    ``{"finish_reason": ..., "sites": {name: {"pages_fetched": ..., "dropped": {...}, ...}}}``;
    :data:`COLUMNS` maps the table's column titles to these names.
    """
    sites = {}
    for s in summaries:
        counts = asdict(s)
        del counts["name"]
        sites[s.name] = counts
    return {"finish_reason": finish_reason, "sites": sites}


def format_summary(summaries: list[SiteSummary], finish_reason: str | None = None) -> str:
    """A small plain-text table, one row per site, then where the output is.

    ``unchanged``: refetched because a date moved, same text; ``seen``: known articles
    not fetched at all; ``304``: feeds, sitemaps and listing pages answered 304; ``same-body``: ones
    answered in full with last run's bytes;
    ``seen-drop``: URLs an earlier run dropped or found gone, not fetched again;
    ``gone``: pages answered 404 or 410; ``refused``: requests the address guard refused;
    ``blocked``: bot-wall challenge or block pages served instead of the page.
    """
    header = f"{'site':<20}" + "".join(f" {title:>9}" for title, _ in COLUMNS) + f" {'seconds':>8}  dropped (by reason)"
    lines = [header, "-" * len(header)]
    for s in summaries:
        drops = ", ".join(f"{reason} {count}" for reason, count in s.dropped.items()) or "none"
        if s.skipped_old:
            drops += f"; too old (not fetched) {s.skipped_old}"
        values = "".join(f" {getattr(s, attr):>9}" for _, attr in COLUMNS)
        lines.append(f"{s.name:<20}{values} {s.seconds:>8.1f}  {drops}")
    outputs = [s.output for s in summaries if s.output]
    if outputs:
        lines.append("")
        lines.extend(f"output: {path}" for path in outputs)
    if finish_reason:
        lines.append(f"finish reason: {finish_reason}")
    return "\n".join(lines)
