"""Small inline SVG charts: a line chart over days and a horizontal bar chart.

Written here rather than taken from a plotting library because the page must be one
self-contained file (no JavaScript, no external URL) and the charts needed are few and
plain; each function returns an ``<svg>`` element as text, with its marks (``path``,
``circle``, ``rect``) drawn at fixed sizes so they show in any browser.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

__all__ = ["PALETTE", "bar_chart", "colour", "line_chart"]

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#7f7f7f", "#bcbd22")
"""Series colours, in order; they repeat past ten series."""

WIDTH = 900
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 34, 44
LINE_HEIGHT = 260
BAR_HEIGHT = 22
MAX_X_LABELS = 8


def colour(index: int) -> str:
    """The colour of the ``index``-th series."""
    return PALETTE[index % len(PALETTE)]


def _fmt(value: float, percent: bool) -> str:
    if percent:
        return f"{value:.0%}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2g}"


def _nice_step(top: float, most: int = 5) -> float:
    """A grid step of 1, 2 or 5 times a power of ten giving at most ``most`` steps up to ``top``."""
    if top <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(top / most))
    return next(m * power for m in (1, 2, 5, 10) if top / (m * power) <= most)


def line_chart(
    title: str, days: Sequence[str], series: dict[str, Sequence[float | None]], *,
    percent: bool = False, y_max: float | None = None,
) -> str:
    """One line per series over ``days`` (values parallel to ``days``; None: no point that
    day, and a gap in the line). ``percent``: values are shares, the axis runs 0..100 %."""
    values = [v for vs in series.values() for v in vs if v is not None]
    tick = 0.25 if percent else _nice_step(max(values, default=0) if y_max is None else y_max)
    top = 1.0 if percent else (y_max if y_max is not None else tick * max(1, math.ceil(max(values, default=0) / tick)))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, LINE_HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(days) - 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(days) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h - plot_h * min(v, top) / top

    parts = [_open(title, LINE_HEIGHT), _title(title)]
    for k in range(round(top / tick) + 1):  # horizontal grid and y labels
        v = tick * k
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{_fmt(v, percent)}</text>')
    every = max(1, -(-len(days) // MAX_X_LABELS))
    for i, day in enumerate(days):
        if i % every == 0 or i == len(days) - 1:
            anchor = "end" if i == len(days) - 1 and len(days) > 1 else "middle"
            parts.append(f'<text x="{x(i):.1f}" y="{LINE_HEIGHT - BOTTOM + 18}" text-anchor="{anchor}">'
                         f'{escape(day)}</text>')
    for n, (name, vs) in enumerate(series.items()):
        c = colour(n)
        # earlier series drawn wider, so that a later one on the same values still shows both
        layer = min(2, len(series) - 1 - n)
        width, radius = 2 + 2.5 * layer, 3.5 + 2 * layer
        segments: list[list[str]] = [[]]
        for i, v in enumerate(vs):
            if v is None:
                segments.append([])
            else:
                segments[-1].append(f"{x(i):.1f},{y(v):.1f}")
        for seg in segments:
            if len(seg) > 1:
                parts.append(f'<path class="mark" d="M{" L".join(seg)}" fill="none" stroke="{c}" '
                             f'stroke-width="{width}"/>')
        for i, v in enumerate(vs):
            if v is not None:
                parts.append(f'<circle class="mark" cx="{x(i):.1f}" cy="{y(v):.1f}" r="{radius}" fill="{c}">'
                             f'<title>{escape(name)} {escape(days[i])}: {_fmt(v, percent)}</title></circle>')
    parts.append(_legend(list(series), LINE_HEIGHT - 10))
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(title: str, bars: Sequence[tuple[str, float]], *, percent: bool = False) -> str:
    """One horizontal bar per ``(label, value)``, longest scale first as given."""
    height = TOP + BAR_HEIGHT * len(bars) + 12
    label_w = 220
    top = max((v for _, v in bars), default=0) or 1.0
    plot_w = WIDTH - LEFT - label_w - RIGHT - 60
    parts = [_open(title, height), _title(title)]
    for i, (label, value) in enumerate(bars):
        y = TOP + i * BAR_HEIGHT
        w = max(1.0, plot_w * value / top)
        parts.append(f'<text x="{LEFT + label_w - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect class="mark" x="{LEFT + label_w}" y="{y + 3}" width="{w:.1f}" '
                     f'height="{BAR_HEIGHT - 6}" fill="{colour(0)}"><title>{escape(label)}: '
                     f'{_fmt(value, percent)}</title></rect>')
        parts.append(f'<text x="{LEFT + label_w + w + 6:.1f}" y="{y + 15}">{_fmt(value, percent)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _open(title: str, height: int) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" '
            'font-family="sans-serif" font-size="12">')


def _title(title: str) -> str:
    return f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>'


def _legend(names: Sequence[str], y: float) -> str:
    parts, x = [], LEFT
    for n, name in enumerate(names):
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour(n)}"/>'
                     f'<text x="{x + 14}" y="{y}">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    return "".join(parts)
