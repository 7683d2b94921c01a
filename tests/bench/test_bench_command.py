"""``scraper bench`` end to end: a real server, real crawls of 30 pages, every number in
the JSON. Benchmarks print numbers; these tests never assert a speed."""

from __future__ import annotations

import json

from scraper.bench.site import GeneratedSite

TOP_KEYS = {"pages", "source", "html_dir", "cores", "workers", "concurrency", "sitemap_size", "started_at",
            "python", "platform", "load_before", "load_after", "configs", "ratios"}
ROW_KEYS = {"config", "label", "exit_code", "pages_fetched", "not_modified", "requests", "records_written",
            "wall_seconds", "pages_per_second", "records_per_second", "cpu_seconds", "cpu_one_core",
            "cpu_all_cores", "main_cpu_seconds", "main_cpu_one_core", "cores", "peak_rss_bytes", "final_rss_bytes",
            "peak_pss_bytes", "final_pss_bytes", "max_processes", "server_cpu_seconds", "rss_trace",
            "rss_growth_bytes"}


def _records(directory):
    return [json.loads(line) for file in sorted(directory.glob("*/*.jsonl"))
            for line in file.read_text("utf-8").splitlines()]


def test_bench_crawls_30_pages_with_every_configuration(cli, tmp_path):
    result = cli("bench", "--pages", "30", "--json", str(tmp_path / "out.json"), "--work-dir", str(tmp_path / "w"))
    assert result.returncode == 0, result.stderr[-3000:]
    for label in ("(a) project, 1 process", "(b) project, pool of K", "(r) b re-run, unchanged", "(c) plain Scrapy",
                  "(b)/(a) pages/s", "(a)/(c) pages/s"):
        assert label in result.stdout
    assert "bench: (a) done in" in result.stderr  # progress goes to stderr, the table to stdout
    assert "bench: (" not in result.stdout

    document = json.loads((tmp_path / "out.json").read_text())
    assert set(document) == TOP_KEYS
    assert document["pages"] == 30 and document["source"] == "generated"
    rows = {row["config"]: row for row in document["configs"]}
    assert list(rows) == ["a", "b", "r", "c"]
    for row in rows.values():
        assert set(row) == ROW_KEYS
        assert row["exit_code"] == 0 and row["cpu_seconds"] > 0 and row["peak_rss_bytes"] > 0
        assert 0 < row["peak_pss_bytes"] <= row["peak_rss_bytes"]
        # a 30-page crawl may end before the first 5-second tick; any tick it has counts
        # pages as they come (never more than in the end) and memory within the peak
        pages = [fetched for fetched, _ in row["rss_trace"]]
        assert pages == sorted(pages) and all(0 <= p <= row["pages_fetched"] for p in pages)
        assert all(0 <= rss <= row["peak_rss_bytes"] for _, rss in row["rss_trace"])
    for key in ("a", "b", "c"):
        assert rows[key]["pages_fetched"] == rows[key]["records_written"] == 30, rows[key]
    # The re-run finds every article in its crawl state with an unchanged sitemap lastmod:
    # it fetches none and writes nothing (only robots.txt, sitemaps and start pages).
    assert rows["r"]["pages_fetched"] == rows["r"]["records_written"] == 0
    assert set(document["ratios"]) == {"b_over_a_pages_per_second", "a_over_c_pages_per_second"}
    assert all(value > 0 for value in document["ratios"].values())

    for key in ("a", "b"):
        records = _records(tmp_path / "w" / key / "out")
        assert len(records) == 30 and len({r["text"] for r in records}) == 30
    baseline = (tmp_path / "w" / "c" / "records.jsonl").read_text("utf-8").splitlines()
    assert len({json.loads(line)["text"] for line in baseline}) == 30


def test_bench_serves_a_directory_of_html_files(cli, tmp_path):
    site = GeneratedSite(4)
    pages = tmp_path / "pages"
    pages.mkdir()
    for number in range(1, 5):
        (pages / f"story-{number}.html").write_bytes(site.render(site.path(number), "http://x", {}).body)
    result = cli("bench", "--html-dir", str(pages), "--configs", "a", "--json", str(tmp_path / "out.json"))
    assert result.returncode == 0, result.stderr[-3000:]
    document = json.loads((tmp_path / "out.json").read_text())
    assert document["source"] == "html-dir" and document["pages"] == 4
    assert [(r["config"], r["pages_fetched"], r["records_written"]) for r in document["configs"]] == [("a", 4, 4)]
    assert document["ratios"] == {"b_over_a_pages_per_second": None, "a_over_c_pages_per_second": None}


def test_bad_configurations_are_usage_errors(cli, tmp_path):
    result = cli("bench", "--configs", "a,x")
    assert result.returncode == 2 and "unknown configuration(s) x" in result.stderr
    result = cli("bench", "--configs", "r")
    assert result.returncode == 2 and "r re-runs b" in result.stderr
    result = cli("bench", "--html-dir", str(tmp_path / "missing"))
    assert result.returncode == 2 and "not a directory" in result.stderr
    (tmp_path / "w" / "b").mkdir(parents=True)  # an earlier run's: the crawl would start from its state
    result = cli("bench", "--configs", "a,b", "--work-dir", str(tmp_path / "w"))
    assert result.returncode == 2 and "already exist" in result.stderr
