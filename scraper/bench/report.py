"""The numbers of one ``scraper bench`` run: a row per configuration, the table, the JSON.

A row (:class:`Row`, one object of the JSON's ``configs`` list):

- ``config``, ``label``: ``a``, ``b``, ``r``, ``c`` and what each is (:mod:`scraper.bench.configs`);
- ``exit_code``: the crawl process's;
- ``pages_fetched``: article pages the server answered 200 during the run; ``not_modified``
  the answers 304; ``requests`` every request it received (robots.txt, sitemaps, home
  and section pages included);
- ``records_written``: JSON lines the run added to its output;
- ``wall_seconds``: from starting the process to its exit (interpreter start-up included);
- ``pages_per_second``, ``records_per_second``: the counts over ``wall_seconds``;
- ``cpu_seconds``: user + system time of the process and its descendants;
  ``cpu_one_core`` = ``cpu_seconds / wall_seconds`` (1.0 is one core busy all the time),
  ``cpu_all_cores`` = that over ``cores`` (1.0 is the whole machine);
  ``main_cpu_seconds``, ``main_cpu_one_core``: the same for the crawl process alone, its
  workers left out (near 1.0: the reactor's process is the bottleneck);
- ``peak_rss_bytes``, ``final_rss_bytes``: summed RSS of the process and its descendants,
  the largest sample and the last one before it exited; ``peak_pss_bytes``,
  ``final_pss_bytes`` the same for the summed proportional set size, which counts the
  pages a pool's workers share with their parent once (0 where /proc does not give it);
  ``max_processes`` at one sample;
- ``server_cpu_seconds``: CPU time the bench server spent answering it (same machine);
- ``rss_trace``: ``[pages fetched, summed RSS in bytes]`` every few seconds of the run,
  and ``rss_growth_bytes`` read from it: how much the RSS rose after the first fifth of
  the pages was fetched (the largest later sample less the first one past that fifth;
  null when the run was too short to have one). At N = 100,000 that is the growth from
  20,000 pages on: a crawl whose memory grows with the pages it has seen shows it there.

The JSON: ``{"pages", "source", "html_dir", "cores", "workers", "concurrency",
"sitemap_size", "started_at", "python", "platform", "load_before", "load_after" (the
machine's 1-minute load average), "configs": [row, ...],
"ratios": {"b_over_a_pages_per_second", "a_over_c_pages_per_second"}}`` (a ratio is
null when a configuration did not run or fetched nothing).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["RATIOS", "Row", "format_table", "ratios", "write_json"]

MB = 1024 * 1024
GROWTH_FROM = 5  # memory growth is read from the first 1/GROWTH_FROM of the pages on
RATIOS = {
    "b_over_a_pages_per_second": ("b", "a", "(b)/(a) pages/s: what the extraction pool gains"),
    "a_over_c_pages_per_second": ("a", "c", "(a)/(c) pages/s: the project in one process against plain Scrapy"),
}


@dataclass(frozen=True)
class Row:
    config: str
    label: str
    exit_code: int
    pages_fetched: int
    not_modified: int
    requests: int
    records_written: int
    wall_seconds: float
    cpu_seconds: float
    main_cpu_seconds: float
    cores: int
    peak_rss_bytes: int
    final_rss_bytes: int
    peak_pss_bytes: int
    final_pss_bytes: int
    max_processes: int
    server_cpu_seconds: float
    rss_trace: tuple[tuple[int, int], ...] = ()  # (pages fetched, RSS bytes) at each progress tick

    def _per_wall_second(self, amount: float) -> float:
        return amount / self.wall_seconds if self.wall_seconds else 0.0

    @property
    def pages_per_second(self) -> float:
        return self._per_wall_second(self.pages_fetched)

    @property
    def records_per_second(self) -> float:
        return self._per_wall_second(self.records_written)

    @property
    def cpu_one_core(self) -> float:
        return self._per_wall_second(self.cpu_seconds)

    @property
    def main_cpu_one_core(self) -> float:
        return self._per_wall_second(self.main_cpu_seconds)

    @property
    def cpu_all_cores(self) -> float:
        return self.cpu_one_core / self.cores

    @property
    def rss_growth_bytes(self) -> int | None:
        """RSS growth from the first tick past a fifth of the pages to the largest later tick."""
        fifth = self.pages_fetched / GROWTH_FROM
        later = [rss for fetched, rss in self.rss_trace if fetched >= fifth and rss]
        return max(later) - later[0] if len(later) > 1 else None

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["rss_growth_bytes"] = self.rss_growth_bytes
        for name in ("pages_per_second", "records_per_second", "cpu_one_core", "cpu_all_cores", "main_cpu_one_core"):
            data[name] = round(getattr(self, name), 4)
        for name in ("wall_seconds", "cpu_seconds", "main_cpu_seconds", "server_cpu_seconds"):
            data[name] = round(data[name], 3)
        return data


def ratios(rows: list[Row]) -> dict[str, float | None]:
    by_key = {row.config: row for row in rows}
    out: dict[str, float | None] = {}
    for name, (top, bottom, _) in RATIOS.items():
        a, b = by_key.get(top), by_key.get(bottom)
        out[name] = round(a.pages_per_second / b.pages_per_second, 3) if a and b and b.pages_per_second else None
    return out


COLUMNS = (  # heading, width, value
    ("config", 24, lambda r: f"({r.config}) {r.label}"),
    ("pages/s", 8, lambda r: f"{r.pages_per_second:.1f}"),
    ("records/s", 9, lambda r: f"{r.records_per_second:.1f}"),
    ("CPU all", 7, lambda r: f"{r.cpu_all_cores:.0%}"),
    ("CPU 1core", 9, lambda r: f"{r.cpu_one_core:.0%}"),
    ("main 1core", 10, lambda r: f"{r.main_cpu_one_core:.0%}"),
    ("peak MB", 7, lambda r: f"{r.peak_rss_bytes / MB:.0f}"),
    ("final MB", 8, lambda r: f"{r.final_rss_bytes / MB:.0f}"),
    ("peak PSS", 8, lambda r: f"{r.peak_pss_bytes / MB:.0f}"),
    ("grow MB", 7, lambda r: "-" if r.rss_growth_bytes is None else f"{r.rss_growth_bytes / MB:.0f}"),
    ("fetched", 7, lambda r: str(r.pages_fetched)),
    ("written", 7, lambda r: str(r.records_written)),
    ("304", 5, lambda r: str(r.not_modified)),
    ("requests", 8, lambda r: str(r.requests)),
    ("wall s", 7, lambda r: f"{r.wall_seconds:.1f}"),
    ("exit", 4, lambda r: str(r.exit_code)),
)


def format_table(rows: list[Row]) -> str:
    """The rows side by side, then the ratios."""
    lines = ["  ".join(f"{h:<{w}}" if i == 0 else f"{h:>{w}}" for i, (h, w, _) in enumerate(COLUMNS))]
    lines.append("-" * len(lines[0]))
    for row in rows:
        lines.append("  ".join(f"{v(row):<{w}}" if i == 0 else f"{v(row):>{w}}"
                               for i, (_, w, v) in enumerate(COLUMNS)))
    lines.append("")
    for name, value in ratios(rows).items():
        text = "n/a" if value is None else f"{value:.2f}"
        lines.append(f"{RATIOS[name][2]}: {text}")
    return "\n".join(lines)


def write_json(path: str | Path, header: dict[str, Any], rows: list[Row]) -> None:
    document = {**header, "configs": [row.as_dict() for row in rows], "ratios": ratios(rows)}
    Path(path).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
