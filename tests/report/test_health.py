"""The extraction-health alarm rule, on hand-made records, and where its alarms are printed."""

from __future__ import annotations

from pathlib import Path

from report_data import days, record, steady, template_change, write_out

from scraper.report.health import (
    BODY,
    MIN_RECENT_RECORDS,
    alarms,
    daily_stats,
    format_alarms,
    health_lines,
    record_day,
)


def _alarmed(records) -> set[tuple[str, str]]:
    return {(a.site, a.field) for a in alarms(daily_stats(records))}


def test_a_site_whose_template_changes_mid_history_raises_an_alarm():
    found = alarms(daily_stats(template_change("changing")))
    assert {(a.site, a.field) for a in found} == {("changing", "authors"), ("changing", "date")}
    authors = next(a for a in found if a.field == "authors")
    assert authors.usual == 1.0 and authors.recent == 0.0
    assert (authors.first_day, authors.last_day) == ("2026-11-12", "2026-11-13")
    assert authors.records == 12
    assert "authors filled 0% over 2026-11-12..2026-11-13 (12 records), usually 100%" in authors.describe()


def test_a_steady_site_raises_nothing():
    assert _alarmed(steady("steady")) == set()


def test_only_the_changed_site_is_named_among_several():
    records = steady("steady") + template_change("changing") + steady("bylineless", authors=False)
    assert _alarmed(records) == {("changing", "authors"), ("changing", "date")}


def test_a_field_the_site_never_fills_raises_nothing():
    assert _alarmed(steady("no-authors", authors=False, dated=False)) == set()


def test_one_odd_article_raises_nothing():
    # ten good days, then the last two days hold fewer records than the minimum, all empty
    records = steady("quiet", count=10)
    records += [record("quiet", d, 0, authors=False, dated=False, titled=False, body=10) for d in days(12)[10:]]
    assert len(records) - 60 < MIN_RECENT_RECORDS
    assert _alarmed(records) == set()


def test_a_new_site_without_history_raises_nothing():
    assert _alarmed(template_change("new", good=2, bad=2)) == set()


def test_a_small_wobble_raises_nothing():
    # usually every record has authors; lately 4 of 6 a day: lower, not broken
    records = steady("wobbly", count=10)
    records += [record("wobbly", d, n, authors=n < 4) for d in days(12)[10:] for n in range(6)]
    assert _alarmed(records) == set()


def test_bodies_cut_short_raise_a_body_length_alarm():
    records = steady("cut", count=10) + [record("cut", d, n, body=150) for d in days(12)[10:] for n in range(6)]
    found = alarms(daily_stats(records))
    assert [(a.field, a.usual, a.recent) for a in found] == [(BODY, 1200.0, 150.0)]
    assert "median body length 150 chars" in found[0].describe()


def test_the_day_is_the_utc_day_of_fetching_else_the_file_s():
    assert record_day({"fetched_at": "2026-12-02T23:30:00-02:00"}) == "2026-12-03"
    assert record_day({"fetched_at": "garbage"}, Path("out/site/2026-12-01.w1.jsonl")) == "2026-12-01"
    assert record_day({}) is None


def test_records_without_a_site_field_belong_to_their_directory():
    r = record("x", days(1)[0], 0)
    del r["site"]
    stats = daily_stats([r], [Path("out/from-dir/2026-11-01.jsonl")])
    assert list(stats) == ["from-dir"] and stats["from-dir"][0].records == 1


def test_no_alarm_is_no_section():
    assert format_alarms([]) == []


def test_health_lines_read_the_sites_output(tmp_path):
    out = write_out(tmp_path / "out", template_change("changing") + steady("steady"))
    lines = health_lines(out, ["changing", "steady", "not-crawled-yet"])
    assert lines[0].startswith("extraction health: 2 alarm(s)")
    assert lines[1:] == [
        "  changing: date filled 0% over 2026-11-12..2026-11-13 (12 records), usually 100%",
        "  changing: authors filled 0% over 2026-11-12..2026-11-13 (12 records), usually 100%",
    ]
    assert health_lines(out, ["steady"]) == []
    assert health_lines(tmp_path / "missing", ["steady"]) == []


def test_the_crawl_summary_prints_the_alarms_and_nothing_when_none(tmp_path, capsys):
    from scraper.cli.crawl import report_run

    out = write_out(tmp_path / "out", template_change("changing") + steady("steady"))
    report_run({"finish_reason": "finished"}, ["changing", "steady"], str(out), 0.0)
    printed = capsys.readouterr().out
    assert "extraction health: 2 alarm(s)" in printed
    assert "  changing: authors filled 0%" in printed
    report_run({"finish_reason": "finished"}, ["steady"], str(out), 0.0)
    assert "extraction health" not in capsys.readouterr().out


def test_schedule_once_prints_the_alarms_of_the_sites_it_crawled(tmp_path):
    from scraper.config.sites import SiteConfig
    from scraper.schedule.runner import CrawlResult
    from scraper.schedule.scheduler import run_once

    out = write_out(tmp_path / "out", template_change("changing") + steady("steady"))

    class Runner:  # crawls nothing: the output is already there
        state_dir, stopping = tmp_path / "state", False

        def __init__(self) -> None:
            self.out = str(out)

        def crawl(self, name: str) -> CrawlResult:
            return CrawlResult(name, "crawled", exit_code=0, seconds=1.0)

    sites = [SiteConfig(name=n, start_urls=[f"https://{n}.example/"]) for n in ("changing", "steady")]
    lines: list[str] = []
    assert run_once(sites, Runner(), 3600.0, emit=lines.append) == 0
    assert lines[:2] == ["changing: crawled in 1.0 s", "steady: crawled in 1.0 s"]
    assert lines[2].startswith("extraction health: 2 alarm(s)")
    lines.clear()
    assert run_once(sites[1:], Runner(), 3600.0, emit=lines.append) == 0
    assert lines == ["steady: crawled in 1.0 s"]


def test_records_with_odd_values_count_as_unfilled_not_as_errors():
    odd = {"url": "https://odd.example/1", "site": "odd", "title": 7, "authors": "A. Writer",
           "date_published": "", "text": None, "language": None, "fetched_at": "2026-11-01T10:00:00Z"}
    (day,) = daily_stats([odd])["odd"]
    assert day.records == 1 and day.filled == {"date": 0, "authors": 0, "title": 0}
    assert day.body_lengths == [0] and day.languages == {"unknown": 1}


def test_health_lines_read_only_the_last_days_of_files(tmp_path):
    from scraper.report import health

    # a long good stretch, then a whole history window without authors
    records = steady("long", count=30)
    for r in records[-health.HISTORY_DAYS * 6:]:
        r["authors"] = []
    out = write_out(tmp_path / "out", records)
    assert _alarmed(records) == {("long", "authors")}  # the whole history (the report page)
    assert health_lines(out, ["long"]) == []  # the window: authors never filled, nothing usual to fall from
