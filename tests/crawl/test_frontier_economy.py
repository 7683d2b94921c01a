"""The frontier economy (issue 12): a news site of 60 articles costs about 60 requests.

Real crawls (``scraper crawl`` in subprocesses) of the chrome site, whose article pages
link to ~50 in-site non-article URLs each, with default settings except politeness
(no delay, so the test counts requests, not seconds; ``tools/frontier_bench.py``
measures the times at default politeness).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from chromesite.site import ARTICLE_CHROME_LINKS, ARTICLES, SECTIONS, ChromeSite
from conftest import run_cli

FAST = ["-s", "LOG_SCRAPY_DETAILS=True",  # the tests read the stats dump
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "--allow-private"]


def crawl(site: ChromeSite, tmp_path: Path, *extra: str) -> list[tuple[str, int]]:
    """One crawl; the requests the site received during it (Scrapy's log in ``tmp_path/log``)."""
    config = tmp_path / "sites.toml"
    config.write_text(site.config(), encoding="utf-8")
    site.clear()
    result = run_cli("crawl", str(config), "--out", str(tmp_path / "out"), *FAST, *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    (tmp_path / "log").write_text(result.stderr, encoding="utf-8")
    return site.requests()


def records(out: Path) -> list[dict]:
    return [json.loads(line) for f in sorted(out.glob("*/*.jsonl")) for line in f.read_text("utf-8").splitlines()]


def stat(tmp_path: Path, name: str) -> int:
    """A per-site counter of the last crawl, from Scrapy's stats dump."""
    match = re.search(rf"'site/chrome-news/{name}': (\d+)", (tmp_path / "log").read_text("utf-8"))
    return int(match.group(1)) if match else 0


def articles(requests: list[tuple[str, int]]) -> list[str]:
    return [path for path, _ in requests if re.search(r"/\d{4}/\d{2}/\d{2}/", path)]


@pytest.fixture
def site():
    with ChromeSite() as served:
        yield served


def test_first_crawl_new_articles_and_nothing_changed(site, tmp_path):
    first = crawl(site, tmp_path)
    written = records(tmp_path / "out")
    assert len(written) == ARTICLES
    assert len({r["url"] for r in written}) == ARTICLES  # every article once
    assert sorted(articles(first)) == sorted(a.path for a in site.articles)  # each fetched once
    assert len(first) <= ARTICLES + 25, sorted(p for p, _ in first)
    assert [p for p, _ in first].count("/robots.txt") == 1  # the spider's request reuses the middleware's
    assert "/feed.xml" in [p for p, _ in first]  # found on the home page: the config names no feed
    gone = {path for path, status in first if status == 404}
    assert gone  # the listings' own 404 links (subscribe, privacy)

    second = crawl(site, tmp_path)
    assert articles(second) == []
    assert len(second) <= 0.05 * len(first), second
    assert len(records(tmp_path / "out")) == ARTICLES

    new = site.publish(5)
    third = crawl(site, tmp_path)
    assert sorted(articles(third)) == sorted(new)
    assert len(third) <= 20, third
    # the home page changed: its sections and page 2, read by the first crawl, are not due yet
    assert stat(tmp_path, "listings_not_due") == len(SECTIONS) + 1
    assert not gone & {path for path, _ in third}  # gone non-article links are remembered
    assert len(records(tmp_path / "out")) == ARTICLES + 5


def test_article_pages_are_leaves(site, tmp_path):
    requests = crawl(site, tmp_path)
    asked = {path for path, _ in requests}
    for prefix in ("/share/", "/print/", "/amp/", "/comments/", "/tag/", "/author/", "/topic/", "/local/"):
        assert not any(p.startswith(prefix) for p in asked), prefix  # only article pages link there
    # each article page's chrome links but the home page and the sections' (the listings' links)
    assert stat(tmp_path, "leaf_links_skipped") >= ARTICLES * (ARTICLE_CHROME_LINKS - 10)


def test_listing_budget_cuts_only_non_article_pages(site, tmp_path):
    first = crawl(site, tmp_path, "-s", "SITE_MAX_LISTING_REQUESTS=3")
    assert len(records(tmp_path / "out")) == ARTICLES  # articles come from the sitemap and feed
    assert sum(1 for path in {p for p, _ in first} if path.startswith(("/section/", "/page/"))) <= 3
    # the home page is read again next time (its links were cut), and more listings with it
    second = crawl(site, tmp_path, "-s", "SITE_MAX_LISTING_REQUESTS=3")
    assert ("/", 200) in second
    assert articles(second) == []


def test_listings_are_read_again_once_their_time_to_live_runs_out(site, tmp_path):
    ttl = '{"gone": 2592000, "listing": 0, "no_article_links": 2592000}'
    crawl(site, tmp_path, "-s", f"DROP_MEMORY_TTL={ttl}")
    site.publish(1)
    again = crawl(site, tmp_path, "-s", f"DROP_MEMORY_TTL={ttl}")
    asked = {path for path, _ in again}
    assert {"/section/politics/", "/page/2/"} <= asked  # due every crawl with a TTL of 0
    assert not asked & {"/about/", "/contact/", "/subscribe/", "/privacy/"}  # thin or gone: remembered
