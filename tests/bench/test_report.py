"""The bench report's memory growth: read from the RSS trace, from a fifth of the pages on."""

from __future__ import annotations

import json

from scraper.bench.report import MB, Row, format_table, write_json


def _row(trace: tuple[tuple[int, int], ...], pages: int = 1000) -> Row:
    return Row(config="b", label="project, pool of K", exit_code=0, pages_fetched=pages, not_modified=0,
               requests=pages + 5, records_written=pages, wall_seconds=10.0, cpu_seconds=15.0,
               main_cpu_seconds=6.0, cores=2, peak_rss_bytes=400 * MB, final_rss_bytes=200 * MB,
               peak_pss_bytes=300 * MB, final_pss_bytes=150 * MB, max_processes=3, server_cpu_seconds=2.0,
               rss_trace=trace)


def test_growth_runs_from_the_first_tick_past_a_fifth_to_the_largest_later_one():
    # warm-up before 200 pages is left out; 0 (a sample taken while a process exited) too
    row = _row(((50, 100 * MB), (190, 390 * MB), (210, 250 * MB), (600, 0), (800, 280 * MB), (1000, 260 * MB)))
    assert row.rss_growth_bytes == 30 * MB


def test_growth_is_unknown_without_two_ticks_past_a_fifth():
    assert _row(()).rss_growth_bytes is None
    assert _row(((100, 100 * MB), (900, 200 * MB))).rss_growth_bytes is None
    assert _row(((0, 100 * MB),), pages=0).rss_growth_bytes is None


def test_growth_is_in_the_table_and_the_json(tmp_path):
    row = _row(((300, 200 * MB), (900, 212 * MB)))
    header, _, line = format_table([row]).splitlines()[:3]
    end = header.index("grow MB") + len("grow MB")  # the columns are right-aligned under their heading
    assert line[end - len("grow MB"):end].strip() == "12"
    write_json(tmp_path / "out.json", {"pages": 1000}, [row])
    data = json.loads((tmp_path / "out.json").read_text())["configs"][0]
    assert data["rss_growth_bytes"] == 12 * MB
    assert data["rss_trace"] == [[300, 200 * MB], [900, 212 * MB]]
