"""End to end: a real Scrapy crawl (in a subprocess) of the demo sites served on 127.0.0.1."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from conftest import run_cli

from scraper.demo import DemoServer
from scraper.record.schema import record_validator

SEED_TITLE = "داخل سوريا .. “داعش” يعيد ترتيب صفوفه !"
SEED_CHROME = [
    "Search",
    "Close this search box.",
    "خاص : ترجمة",
    "أخبار ذات صلة",
    "نوفمبر",  # the header clock's month name; the seed body never mentions November
]
SEED_SUBHEADINGS = ["تركيز مشتت..", "العودة من بوابة الصحراء.."]


@pytest.fixture(scope="module", params=["allow-rules", "extractor-decides"])
def crawl(request, tmp_path_factory):
    """Serve the demo sites, crawl them once with `scraper crawl`, read every record.

    Twice: with the config's article URL rules, and with no rules at all, where every
    page of the site reaches the extractor, which alone must tell articles apart.
    """
    tmp = tmp_path_factory.mktemp("e2e")
    with DemoServer() as server:
        config = server.write_config(tmp / "sites.toml")
        if request.param == "extractor-decides":
            config.write_text(re.sub(r"(?m)^allow = .*$", "allow = []", config.read_text()))
        result = run_cli(
            "crawl", str(config), "--out", str(tmp / "out"),
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "--allow-private",
        )
        requested = {name: list(server.requested_paths(name)) for name in server.site_names()}
        sites = {name: server.site(name) for name in server.site_names()}
        bases = {name: server.base_url(name) for name in server.site_names()}
    records = []
    for path in sorted((tmp / "out").glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            records.append(json.loads(line))
    return result, records, requested, sites, bases


def _path(url: str) -> str:
    return urlsplit(url).path


def test_crawl_exits_0_and_prints_a_summary_per_site(crawl):
    result, _, _, sites, _ = crawl
    assert result.returncode == 0, result.stderr[-3000:]
    for name in sites:
        assert re.search(rf"^{re.escape(name)}\s+\d+\s+\d+", result.stdout, re.M), result.stdout


def test_every_demo_article_becomes_exactly_one_record(crawl):
    _, records, _, sites, _ = crawl
    for name, site in sites.items():
        expected = sorted(site.article_paths())
        got = sorted(_path(r["url"]) for r in records if r["site"] == name)
        assert got == expected, name
        assert len(expected) >= 20


def test_no_non_article_page_becomes_a_record(crawl):
    _, records, _, sites, _ = crawl
    for name, site in sites.items():
        non_articles = set(site.non_article_paths())
        assert non_articles, name
        assert not [r["url"] for r in records if r["site"] == name and _path(r["url"]) in non_articles]


def test_the_robots_disallowed_path_is_never_requested(crawl):
    _, _, requested, sites, _ = crawl
    for name, site in sites.items():
        assert "/robots.txt" in requested[name]
        assert not [p for p in requested[name] if p.startswith(site.disallowed_prefix)], name


def test_every_record_validates_against_the_json_schema(crawl):
    _, records, _, _, _ = crawl
    validator = record_validator()
    for record in records:
        validator.validate(record)
    assert len({r["fingerprint"] for r in records}) == len(records)


def test_every_record_dates_in_one_form(crawl):
    _, records, _, _, _ = crawl
    for record in records:
        published, precision = record["date_published"], record["date_precision"]
        assert published and precision == ("second" if "T" in published else "day"), record["url"]
        if precision == "second":
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", published), published


def test_article_bodies_match_the_published_text(crawl):
    _, records, _, sites, _ = crawl
    for name, site in sites.items():
        by_path = {_path(r["url"]): r for r in records if r["site"] == name}
        for article in site.articles:
            record = by_path[site.article_path(article)]
            assert record["title"] == article.title
            lines = record["text"].split("\n")
            expected = site.published_text(article).split("\n")
            assert lines == expected, (name, article.slug)
            assert record["language"] == site.language


def test_the_seed_article_record_is_clean(crawl):
    _, records, _, _, _ = crawl
    (seed,) = [r for r in records if r["title"] == SEED_TITLE]
    text = seed["text"]
    for chrome in SEED_CHROME:
        assert chrome not in text, chrome
    assert not text.startswith(SEED_TITLE) and SEED_TITLE not in text
    positions = [text.index(heading) for heading in SEED_SUBHEADINGS]
    assert positions == sorted(positions)
    assert "\n".join(SEED_SUBHEADINGS[:1]) in text.split("\n")
    assert "لميس السيد" in seed["authors"]
    assert seed["date_published"].startswith("2018-01-30")
    assert seed["language"] == "ar"
    assert text.startswith("على مدى العام الماضي")
    assert text.rstrip().endswith("إرضاء إحتياجاتهم الإرهابية”.") or text.rstrip().endswith("الإرهابية”.")


def test_scrapy_crawl_with_a_site_argument_crawls_only_that_site(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    with DemoServer() as server:
        config = server.write_config(tmp_path / "sites.toml")
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"config={config}",
             "-a", "site=english-demo", "-s", f"SCRAPER_OUTPUT_DIR={tmp_path / 'out'}",
             "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
             "-s", "SCRAPER_ALLOW_PRIVATE=True"],
            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        )
        arabic_requests = server.requested_paths("arabic-demo")
        expected = len(server.site("english-demo").article_paths())
    assert result.returncode == 0, result.stderr[-3000:]
    assert arabic_requests == []
    assert [p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")] == ["english-demo"]
    lines = [line for f in (tmp_path / "out").glob("*/*.jsonl") for line in f.read_text().splitlines()]
    assert len(lines) == expected


def test_demo_command_serves_crawls_and_summarises(tmp_path):
    result = run_cli("demo", "--out", str(tmp_path / "demo"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Demo crawl summary" in result.stdout
    assert "arabic-demo" in result.stdout and "english-demo" in result.stdout
    for name in ("arabic-demo", "english-demo"):
        files = list((tmp_path / "demo" / name).glob("*.jsonl"))
        assert files and files[0].read_text(encoding="utf-8").count("\n") >= 20
