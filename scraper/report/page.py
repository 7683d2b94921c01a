"""The report page: one HTML file holding its styles and its SVG charts, nothing to fetch.

Self-contained so that it can be mailed, archived beside the dataset or opened from a
CI artifact years later: no script, no font, no stylesheet or image from elsewhere.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html import escape

from scraper.report import health
from scraper.report.health import BODY, FILL_FIELDS, Alarm, DayStats
from scraper.report.plots import bar_chart, line_chart
from scraper.report.runs import RunReasons

__all__ = ["ReportInput", "build_page", "day_axis"]

MAX_CALENDAR_DAYS = 400
"""Up to this span the day axis is every calendar day (gaps show as zero articles);
beyond, only days with records, so the charts stay readable."""

STYLE = """
body { font-family: sans-serif; margin: 24px; color: #222; max-width: 960px; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 8px 0; } td, th { border: 1px solid #ccc; padding: 3px 8px; }
th { background: #f3f3f3; text-align: left; } td.num { text-align: right; }
.alarm { color: #b00020; font-weight: bold; } .ok { color: #2a7a2a; } .note { color: #555; }
svg.chart { display: block; margin: 12px 0; }
"""


@dataclass
class ReportInput:
    """Everything the page shows: per-site days, the alarms, persisted reasons, counts."""

    out: str
    by_site: dict[str, list[DayStats]]
    alarms: list[Alarm]
    reasons: list[RunReasons]
    files_read: int
    lines_skipped: int


def day_axis(by_site: dict[str, list[DayStats]]) -> list[str]:
    """The days of the x axis: every calendar day from the first to the last record
    (up to :data:`MAX_CALENDAR_DAYS`), else only the days with records."""
    days = sorted({d.day for days in by_site.values() for d in days})
    if not days:
        return []
    try:
        first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    except ValueError:
        return days
    span = (last - first).days
    if span >= MAX_CALENDAR_DAYS:
        return days
    return [(first + timedelta(n)).isoformat() for n in range(span + 1)]


def build_page(data: ReportInput, generated: datetime | None = None) -> str:
    """The whole HTML page as text."""
    generated = generated or datetime.now(UTC)
    axis = day_axis(data.by_site)
    total = sum(d.records for days in data.by_site.values() for d in days)
    body = [
        f"<h1>Crawl report: {escape(data.out)}</h1>",
        f'<p class="note">Generated {generated.strftime("%Y-%m-%d %H:%M UTC")}: {len(data.by_site)} sites, '
        f"{total} records from {data.files_read} files"
        + (f", {axis[0]} to {axis[-1]}" if axis else "")
        + f"; {data.lines_skipped} bad lines skipped.</p>",
        _health_section(data.alarms),
        _sites_table(data.by_site),
    ]
    if axis:
        body.append("<h2>Articles per day</h2>")
        body.append(line_chart("Records per day, by site (day fetched, UTC)", axis,
                               _series(data.by_site, axis, lambda d: float(d.records), missing=0.0)))
        body.append("<h2>Fill rates over time</h2>")
        body.append('<p class="note">Share of each day\'s records with the field filled, by site; '
                    "no point on days without records.</p>")
        for name, (source, _) in FILL_FIELDS.items():
            body.append(line_chart(f"{name} filled ({source})", axis,
                                   _series(data.by_site, axis, lambda d, n=name: d.rate(n)), percent=True))
        body.append(line_chart("Median body length (characters of text)", axis,
                               _series(data.by_site, axis, lambda d: d.median_body)))
    body.append(_reasons_section(data.reasons))
    body.append(_languages_section(data.by_site))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Crawl report: {escape(data.out)}</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def _series(
    by_site: dict[str, list[DayStats]], axis: Sequence[str], value: Callable[[DayStats], float],
    missing: float | None = None,
) -> dict[str, list[float | None]]:
    """Each site's ``value`` on each day of ``axis``; ``missing`` on its days without records."""
    series = {}
    for site, days in by_site.items():
        by_day = {d.day: d for d in days}
        series[site] = [value(by_day[day]) if day in by_day else missing for day in axis]
    return series


def _health_section(alarms: Sequence[Alarm]) -> str:
    rule = (f"A site's fill rate of a field over its last {health.RECENT_DAYS} days with records "
            f"(at least {health.MIN_RECENT_RECORDS} records) is compared with its usual level, the median "
            f"of its earlier days (at least {health.MIN_BASELINE_DAYS}): an alarm when it is below "
            f"{health.FALL_RATIO:.0%} of it and at least {health.MIN_FALL:.0%} lower, for fields usually "
            f"filled at least {health.MIN_USUAL_RATE:.0%}; body length: the recent median below "
            f"{health.FALL_RATIO:.0%} of the usual median.")
    parts = ["<h2>Extraction health</h2>", f'<p class="note">{escape(rule)}</p>']
    if not alarms:
        parts.append('<p class="ok">No alarm: every site\'s recent fill rates are at their usual level '
                     "(or the site has too little history to tell).</p>")
        return "\n".join(parts)
    parts.append(f'<p class="alarm">{len(alarms)} alarm(s): a template change?</p>')
    parts.append('<table id="alarms"><tr><th>site</th><th>field</th><th>usual</th><th>recent</th>'
                 "<th>recent days</th><th>records</th></tr>")
    for a in alarms:
        fmt = (lambda v: f"{v:.0f}") if a.field == BODY else (lambda v: f"{v:.0%}")
        days = a.first_day if a.first_day == a.last_day else f"{a.first_day} to {a.last_day}"
        parts.append(f'<tr class="alarm"><td>{escape(a.site)}</td><td>{escape(a.field)}</td>'
                     f'<td class="num">{fmt(a.usual)}</td><td class="num">{fmt(a.recent)}</td>'
                     f'<td>{days}</td><td class="num">{a.records}</td></tr>')
    parts.append("</table>")
    return "\n".join(parts)


def _sites_table(by_site: dict[str, list[DayStats]]) -> str:
    head = "".join(f"<th>{escape(n)}</th>" for n in FILL_FIELDS)
    rows = [f"<h2>Sites</h2><table><tr><th>site</th><th>records</th><th>days</th>{head}"
            "<th>median body</th></tr>"]
    for site, days in by_site.items():
        n = sum(d.records for d in days)
        rates = "".join(f'<td class="num">{sum(d.filled[f] for d in days) / n:.0%}</td>' for f in FILL_FIELDS)
        lengths = [x for d in days for x in d.body_lengths]
        median = f"{statistics.median(lengths):.0f}" if lengths else "0"
        rows.append(f'<tr><td>{escape(site)}</td><td class="num">{n}</td><td class="num">{len(days)}</td>'
                    f'{rates}<td class="num">{median}</td></tr>')
    rows.append("</table>")
    return "\n".join(rows)


def _reasons_section(reasons: Sequence[RunReasons]) -> str:
    parts = ["<h2>Drop and skip reasons</h2>",
             '<p class="note">From each site\'s last crawl summary, which a crawl keeps '
             "under its state directory, <code>runs/&lt;site&gt;.json</code>.</p>"]
    drops = [(f"{r.site}: {reason}", float(n)) for r in reasons for reason, n in sorted(r.dropped.items())]
    skips = [(f"{r.site}: {reason}", float(n)) for r in reasons for reason, n in r.skipped.items()]
    if drops:
        parts.append(bar_chart("Pages dropped, by site and reason (last crawl)", drops))
    if skips:
        parts.append(bar_chart("URLs skipped, by site and reason (last crawl)", skips))
    if not drops and not skips:
        parts.append('<p class="note" id="no-reasons">No drop or skip reasons persisted: '
                     + ("the kept crawl summaries dropped and skipped nothing." if reasons else
                        "no crawl summary was kept (a crawl with <code>--no-state</code> or <code>--redis</code> "
                        "keeps none).") + "</p>")
    return "\n".join(parts)


def _languages_section(by_site: dict[str, list[DayStats]]) -> str:
    bars = []
    for site, days in by_site.items():
        languages: Counter[str] = Counter()
        for d in days:
            languages.update(d.languages)
        bars.extend((f"{site}: {lang}", float(n)) for lang, n in languages.most_common())
    if not bars:
        return ""
    return "<h2>Languages</h2>\n" + bar_chart("Records by site and language", bars)
