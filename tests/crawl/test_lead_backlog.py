"""The lead backlog: a big sitemap is requested a window at a time, and every lead still is.

Unit tests of :class:`~spiders.lead_backlog.LeadBacklog`, then real crawls (``scraper
crawl`` in subprocesses) of the bench's generated news sites, served over HTTP.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_cli

from scraper.bench.server import ServerProcess
from scraper.bench.site import GeneratedSite
from scraper.discovery.lead import Lead
from spiders.lead_backlog import LeadBacklog

FAST = ["-s", "LOG_SCRAPY_DETAILS=True", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
        "--allow-private"]


def leads(n: int, site: str = "a") -> list[Lead]:
    return [Lead(f"http://{site}.test/{i}", "sitemap") for i in range(n)]


def test_a_site_has_at_most_its_window_out_and_gets_more_as_they_end():
    backlog = LeadBacklog(window=3)
    for lead in leads(10):
        backlog.hold("a", lead)
    first = list(backlog.release("a"))
    assert [lead.url for lead in first] == [f"http://a.test/{i}" for i in range(3)]
    assert list(backlog.release("a")) == [] and backlog.out("a") == 3 and len(backlog) == 7
    backlog.done("a")
    backlog.done("a")
    assert [lead.url for lead in backlog.release("a")] == ["http://a.test/3", "http://a.test/4"]
    assert len(backlog) == 5


def test_one_site_full_window_does_not_hold_back_another():
    backlog = LeadBacklog(window=2)
    for lead in leads(5, "slow"):
        backlog.hold("slow", lead)
    for lead in leads(5, "fast"):
        backlog.hold("fast", lead)
    assert len(list(backlog.release("slow"))) == 2
    assert len(list(backlog.release("fast"))) == 2
    backlog.done("fast")
    assert len(list(backlog.release("fast"))) == 1
    assert list(backlog.release("slow")) == []


def test_releases_of_one_site_consumed_interleaved_let_out_each_lead_once():
    # Scrapy consumes the outputs of several responses of one site in turns
    backlog = LeadBacklog(window=10)
    for lead in leads(2):
        backlog.hold("a", lead)
    first = iter(backlog.release("a"))
    taken = [next(first)]
    backlog.hold("a", leads(3)[2])
    taken += backlog.release("a")
    taken += first
    assert sorted(lead.url for lead in taken) == [f"http://a.test/{i}" for i in range(3)]
    assert backlog.out("a") == 3 and len(backlog) == 0 and backlog.restart() == []


def test_restart_frees_every_window_and_names_the_sites_still_waiting():
    backlog = LeadBacklog(window=1)
    for lead in leads(2):
        backlog.hold("a", lead)
    backlog.hold("b", leads(1, "b")[0])
    list(backlog.release("a"))
    list(backlog.release("b"))
    backlog.done("zzz")  # an end of a site never let out changes nothing
    assert backlog.restart() == ["a"]
    assert backlog.out("a") == 0 and len(list(backlog.release("a"))) == 1
    assert backlog.restart() == []


def test_a_window_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        LeadBacklog(window=0)


# --- real crawls -------------------------------------------------------------------------


def _site_block(name: str, base: str, delay: float) -> str:
    allow = "^" + re.escape(base) + GeneratedSite.article_path_regex.lstrip("^")
    return f"""
[[sites]]
name = "{name}"
start_urls = ["{base}/"]
sitemaps = ["{base}/sitemap.xml"]
allow = ['{allow}']
language = "en"

[sites.politeness]
download_delay = {delay}
"""


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for f in sorted(out.glob("*/*.jsonl")) for line in f.read_text("utf-8").splitlines()]


def _stat(log: str, site: str, name: str) -> int | None:
    match = re.search(rf"'site/{site}/{name}': (\d+)", log)
    return int(match.group(1)) if match else None


def test_a_crawl_with_a_small_window_writes_every_article_once_and_keeps_to_the_window(tmp_path):
    """120 sitemap leads through a window of 4, on a site whose pages also link to articles
    (requested apart, so some leads are dropped as duplicates: their places come back)."""
    with ServerProcess(120, sitemap_size=50) as server:
        config = tmp_path / "sites.toml"
        config.write_text(_site_block("big", server.base, 0.0), encoding="utf-8")
        result = run_cli("crawl", str(config), "--out", str(tmp_path / "out"), *FAST,
                         "-s", "LEAD_BACKLOG_WINDOW=4")
        fetched = server.counts().get("article", 0)
    assert result.returncode == 0, result.stderr[-3000:]
    written = _records(tmp_path / "out")
    assert len(written) == 120 and len({r["url"] for r in written}) == 120
    assert fetched == 120  # each article fetched once
    assert _stat(result.stderr, "big", "leads_out_max") == 4
    assert "'leads_waiting': 0" in result.stderr


def test_a_slow_site_and_a_fast_one_both_finish_through_their_own_windows(tmp_path):
    """Sites are told apart by host, so the fast one is addressed as ``localhost``. The two
    generate the same articles, so the slower one's records are dropped as duplicates:
    what is checked is that each server had every one of its articles asked for, once."""
    with ServerProcess(40) as slow, ServerProcess(40) as fast:
        config = tmp_path / "sites.toml"
        fast_base = fast.base.replace("127.0.0.1", "localhost")
        config.write_text(_site_block("slow", slow.base, 0.05) + _site_block("fast", fast_base, 0.0), encoding="utf-8")
        result = run_cli("crawl", str(config), "--out", str(tmp_path / "out"), *FAST,
                         "-s", "LEAD_BACKLOG_WINDOW=3")
        fetched = {"slow": slow.counts().get("article", 0), "fast": fast.counts().get("article", 0)}
    assert result.returncode == 0, result.stderr[-3000:]
    assert fetched == {"slow": 40, "fast": 40}
    assert len(_records(tmp_path / "out")) == 40
    assert _stat(result.stderr, "slow", "leads_out_max") == 3
    assert _stat(result.stderr, "fast", "leads_out_max") == 3
