"""A page dropped in one run is not fetched again in the next: real crawls of a local site."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import run_cli
from dropsite.site import MIN_TEXT_CHARS, DropSite

FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "--allow-private",
        "-s", f"VALIDATE_MIN_TEXT_CHARS={MIN_TEXT_CHARS}"]


def crawl(site: DropSite, tmp_path: Path, *extra: str) -> str:
    config = tmp_path / "sites.toml"
    config.write_text(site.config(), encoding="utf-8")
    result = run_cli("crawl", str(config), "--out", str(tmp_path / "out"), *FAST, *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def records(out: Path) -> list[dict]:
    return [json.loads(line) for f in sorted(out.glob("*/*.jsonl")) for line in f.read_text("utf-8").splitlines()]


def summary_line(stdout: str) -> str:
    return next(line for line in stdout.splitlines() if line.startswith("drops "))


@pytest.fixture
def site():
    with DropSite(per_kind=20) as served:
        yield served


@pytest.fixture(params=["sqlite", "redis"])
def state_args(request):
    """The crawl state on disk (the default), or in Redis as a worker of a shared crawl."""
    if request.param == "sqlite":
        return []
    server = request.getfixturevalue("redis_server")
    return ["--redis", server.url, "--worker", "w1",
            "-s", f"SCRAPER_REDIS_PREFIX={request.getfixturevalue('redis_prefix')}"]


def test_after_one_new_article_the_next_crawl_fetches_exactly_that_page(site, tmp_path, state_args):
    first = crawl(site, tmp_path, *state_args)
    assert len(site.article_requests()) == 101  # and one that is gone (404)
    assert len(records(tmp_path / "out")) == 20
    line = summary_line(first)
    drops = {reason: int(n) for reason, n in re.findall(r"(\w+) (\d+)(?:,|$)", line.split("  ")[-1])}
    assert (drops["not_article"], drops["too_short"]) == (20, 20), line
    assert drops["duplicate_fingerprint"] + drops["near_duplicate"] == 40 and drops["near_duplicate"], line

    site.clear()
    new = site.publish(99)
    second = crawl(site, tmp_path, *state_args)
    assert site.article_requests() == [new]
    assert len(records(tmp_path / "out")) == 21
    header = next(line for line in second.splitlines() if line.startswith("site ")).split()
    columns = summary_line(second).split()
    # seen-drop: the 80 dropped URLs and the gone one, not fetched again
    assert columns[header.index("seen-drop")] == "81", second


def test_a_sitemap_date_after_the_fetch_makes_a_dropped_page_due_again(site, tmp_path):
    crawl(site, tmp_path)
    site.clear()
    site.lastmod["/news/thin-3"] = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() + 60))
    crawl(site, tmp_path)
    assert site.article_requests() == ["/news/thin-3"]


def test_a_changed_policy_re_decides_remembered_drops(site, tmp_path):
    crawl(site, tmp_path)
    written = {urlsplit(r["url"]).path for r in records(tmp_path / "out")}
    site.clear()
    new = site.publish(99)  # the sitemap changes, so its URLs are read again
    crawl(site, tmp_path, "-s", "NEARDUP_ACTION=mark")
    # the 80 dropped and the new one; not the gone one (a 404 is not a decision of the policy)
    assert set(site.article_requests()) == set(site.pages) - written
    assert new in site.article_requests()


def test_a_ttl_of_zero_remembers_nothing(site, tmp_path):
    crawl(site, tmp_path, "-s", 'DROP_MEMORY_TTL={"gone": 0}')
    site.clear()
    site.publish(99)
    crawl(site, tmp_path, "-s", 'DROP_MEMORY_TTL={"gone": 0}')
    assert len(site.article_requests()) == 82  # the 80 dropped again, the gone one and the new one
