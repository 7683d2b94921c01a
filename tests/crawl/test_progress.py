"""Progress lines while a crawl runs, and -q / -v."""

from __future__ import annotations

import re

from conftest import run_cli
from dropsite.site import DropSite

SLOW = ["--allow-private", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.05",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "PROGRESS_INTERVAL=0.3"]


def _crawl(site: DropSite, tmp_path, *extra: str):
    config = tmp_path / "sites.toml"
    config.write_text(site.config(), encoding="utf-8")
    return run_cli("crawl", str(config), "--out", str(tmp_path / "out"), "--no-state", *SLOW, *extra)


def test_a_running_crawl_reports_its_progress_per_site(tmp_path):
    with DropSite(per_kind=4) as site:
        result = _crawl(site, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = re.findall(r"progress drops: fetched (\d+), written (\d+), failed (\d+), blocked (\d+), "
                       r"queued (\d+), \d+ s", result.stderr)
    assert len(lines) >= 2, result.stderr[-3000:]
    fetched = [int(f) for f, *_ in lines]
    assert fetched == sorted(fetched) and fetched[-1] > 0  # counts only grow


def test_quiet_prints_the_summary_and_nothing_else_but_problems(tmp_path):
    with DropSite(per_kind=4) as site:
        result = _crawl(site, tmp_path, "-q")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "progress drops" not in result.stderr
    assert " INFO: " not in result.stderr and "Dumping Scrapy stats" not in result.stderr
    assert "drops " in result.stdout and "finish reason: finished" in result.stdout


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and re.fullmatch(r"scraper \d+\.\d+\.\d+\S*\n", result.stdout), result


def test_scrapys_banner_and_stats_dump_only_with_verbose(tmp_path):
    with DropSite(per_kind=1) as site:
        plain = _crawl(site, tmp_path)
        site.clear()
        verbose = _crawl(site, tmp_path, "-v")
    for marker in ("Scrapy 2.", "Enabled downloader middlewares", "Dumping Scrapy stats"):
        assert marker not in plain.stderr, marker
        assert marker in verbose.stderr, marker
    assert "drops " in plain.stdout
