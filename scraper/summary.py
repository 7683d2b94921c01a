"""Per-site crawl summary, read from the crawl stats."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scraper import stats as keys


@dataclass
class SiteSummary:
    """What one crawl did on one site."""

    name: str
    pages_fetched: int = 0
    articles_written: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    output: str | None = None


def summarise(stats: dict[str, Any], site_names: list[str]) -> list[SiteSummary]:
    """One :class:`SiteSummary` per site, in config order."""
    summaries = []
    for name in site_names:
        prefix = keys.site_key(name, "")
        drop_prefix = keys.drop_key("", name)
        started = stats.get(keys.site_key(name, keys.STARTED))
        finished = stats.get(keys.site_key(name, keys.FINISHED))
        summaries.append(
            SiteSummary(
                name=name,
                pages_fetched=int(stats.get(prefix + keys.PAGES_FETCHED, 0)),
                articles_written=int(stats.get(prefix + keys.ARTICLES_WRITTEN, 0)),
                dropped={
                    key[len(drop_prefix):]: int(value)
                    for key, value in sorted(stats.items())
                    if key.startswith(drop_prefix)
                },
                seconds=max(0.0, (finished or 0) - (started or 0)) if started else 0.0,
                output=stats.get(prefix + "output"),
            )
        )
    return summaries


def format_summary(summaries: list[SiteSummary], finish_reason: str | None = None) -> str:
    """A small plain-text table, one row per site, then where the output is."""
    header = f"{'site':<20} {'fetched':>8} {'written':>8} {'seconds':>8}  dropped (by reason)"
    lines = [header, "-" * len(header)]
    for s in summaries:
        drops = ", ".join(f"{reason} {count}" for reason, count in s.dropped.items()) or "none"
        lines.append(
            f"{s.name:<20} {s.pages_fetched:>8} {s.articles_written:>8} {s.seconds:>8.1f}  {drops}"
        )
    outputs = [s.output for s in summaries if s.output]
    if outputs:
        lines.append("")
        lines.extend(f"output: {path}" for path in outputs)
    if finish_reason:
        lines.append(f"finish reason: {finish_reason}")
    return "\n".join(lines)
