"""Hostile web: nothing a site does may crash, hang or corrupt the crawl, or turn it on its host.

A real crawl (``scraper crawl`` in a subprocess) of the fault site in ``tests/faultsite``:
slow, failing, resetting, truncated, redirect-looping, oversize, compression-bomb,
mislabelled and malformed pages, entity-bomb and XXE feeds and sitemaps, among good
articles in legacy encodings with wrong or conflicting charset declarations. Every good
article must be saved with its exact text; every bad page must be a counted, logged
skip with its reason. Unit tests of the discovery parsers' defences follow.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT
from faultsite.articles import BY_SLUG
from faultsite.server import BAD, DOWNLOAD_MAXSIZE, GOOD, HUGE_SITEMAP_ENTRIES, XXE_MARKER, FaultSite

from scraper.discovery import parse_feed, parse_sitemap
from scraper.discovery.sitemap import MAX_SITEMAP_ENTRIES
from scraper.discovery.xmlguard import declares_entities

CRAWL_TIMEOUT = 120  # seconds: a hang fails the test instead of the suite
EXPECTED_SECONDS = 60  # the crawl takes ~10 s; DOWNLOAD_TIMEOUT=2 bounds every slow page
SETTINGS = {
    "SCRAPER_ALLOW_PRIVATE": "True",
    "DOWNLOAD_TIMEOUT": "2",
    "RETRY_TIMES": "1",
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "DOWNLOAD_MAXSIZE": str(DOWNLOAD_MAXSIZE),
    "DOWNLOAD_WARNSIZE": str(DOWNLOAD_MAXSIZE // 2),
    # the politeness middlewares honour Retry-After and back off from failing hosts;
    # keep their waits short so the test measures robustness, not patience
    "LOG_SCRAPY_DETAILS": "True",  # the tests read the stats dump
    "BACKOFF_BASE": "0.1",
    "BACKOFF_MAX": "0.5",
    "BACKOFF_MAX_RETRY_AFTER": "1",
    "CRAWLDELAY_MAX": "0.5",
}
MOJIBAKE = re.compile(r"[ÃØÙ][\x80-\xbf\u0152-\u02dc\u2013-\u203a]|Ø§|Ù„|â€|ã‚|ï»¿")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    work = tmp / "cwd"
    work.mkdir()
    out = work / "out"
    with FaultSite(tmp / "xxe-marker.txt") as site:
        config = site.write_config(tmp / "sites.toml")
        args = [sys.executable, "-m", "scraper.cli", "crawl", str(config), "--out", str(out)]
        for name, value in SETTINGS.items():
            args += ["-s", f"{name}={value}"]
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}
        started = time.monotonic()
        result = subprocess.run(
            args, capture_output=True, text=True, encoding="utf-8", errors="replace",
            timeout=CRAWL_TIMEOUT, cwd=work, env=env, check=False,
        )
        seconds = time.monotonic() - started
        base = site.base_url
        requests = dict(site.requests)
    lines = [
        (path, line)
        for path in sorted(out.glob("*/*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return {
        "result": result, "seconds": seconds, "base": base, "requests": requests,
        "tmp": tmp, "work": work, "out": out, "lines": lines,
    }


def _records(crawl) -> dict[str, dict]:
    return {urlsplit(r["url"]).path: r for r in (json.loads(line) for _, line in crawl["lines"])}


def _stat(stderr: str, key: str) -> int:
    """A counter from Scrapy's stats dump in the log (0 when absent)."""
    found = re.search(rf"'{re.escape(key)}': (\d+)", stderr)
    return int(found.group(1)) if found else 0


def _words(text: str) -> str:
    return " ".join(text.split())


def test_crawl_finishes_in_bounded_time_without_tracebacks(crawl):
    result = crawl["result"]
    assert result.returncode == 0, result.stderr[-4000:]
    assert "finish reason: finished" in result.stdout
    assert "Traceback" not in result.stderr, result.stderr[result.stderr.find("Traceback") - 500:][:4000]
    assert "Traceback" not in result.stdout
    assert crawl["seconds"] < EXPECTED_SECONDS, f"crawl took {crawl['seconds']:.1f} s"


def test_every_good_page_is_saved_with_its_exact_text(crawl):
    records = _records(crawl)
    missing = [path for path, (_, final) in GOOD.items() if final not in records]
    assert not missing, f"good pages not saved: {missing}\n{crawl['result'].stdout}"
    for path, (slug, final) in GOOD.items():
        article, record = BY_SLUG[slug], records[final]
        text = _words(record["text"])
        assert record["title"] == article.title, path
        for sentence in article.sentences:
            assert _words(sentence) in text, (path, sentence, record["text"])
        assert record["language"] == article.lang, path
        assert not MOJIBAKE.search(record["text"] + record["title"]), (path, record["text"])
        if "invalid-bytes" not in path:
            assert "\ufffd" not in record["text"], path


def test_nothing_but_the_good_pages_becomes_a_record(crawl):
    expected = sorted(final for _, final in GOOD.values())
    got = sorted(urlsplit(json.loads(line)["url"]).path for _, line in crawl["lines"])
    assert got == expected


def test_every_bad_page_is_a_counted_logged_skip_with_its_reason(crawl):
    stderr, base = crawl["result"].stderr, crawl["base"]
    for path, reasons in BAD.items():
        url = re.escape(base + path)
        alternatives = "|".join(re.escape(r) for r in reasons)
        logged = re.search(rf"(?:Skipped|Fetch failed) {url}: ({alternatives})\b", stderr)
        assert logged, f"{path}: no skip logged with reason {reasons}"
    counted: dict[str, int] = {}
    for reasons in BAD.values():
        counted[reasons[0]] = counted.get(reasons[0], 0) + 1
    for reason, at_least in counted.items():
        alternatives = [r for rs in BAD.values() if rs[0] == reason for r in rs]
        total = sum(
            _stat(stderr, f"{prefix}/{r}") for r in set(alternatives) for prefix in ("dropped", "fetch_failed")
        )
        assert total >= at_least, (reason, total, at_least)


def test_summary_lists_the_drop_reasons(crawl):
    stdout = crawl["result"].stdout
    for reason in ("too_large", "not_html", "invalid_sitemap", "empty_or_invalid_feed", "empty_body"):
        assert reason in stdout, stdout


def test_output_lines_are_all_whole_json_records(crawl):
    assert crawl["lines"]
    for path, line in crawl["lines"]:
        record = json.loads(line)
        assert record["text"] and record["url"], path


def test_no_file_is_written_outside_the_output_dir(crawl):
    assert sorted(p.name for p in crawl["work"].iterdir()) == ["out"]
    assert sorted(p.name for p in crawl["tmp"].iterdir()) == ["cwd", "sites.toml", "xxe-marker.txt"]
    for path in crawl["out"].rglob("*"):
        assert path.resolve().is_relative_to(crawl["out"].resolve())


def test_external_entities_are_never_read(crawl):
    result = crawl["result"]
    for path in crawl["out"].rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert XXE_MARKER.encode() not in data, path
            assert b"root:x:0:0" not in data, path
    assert XXE_MARKER not in result.stdout + result.stderr
    assert "root:x:0:0" not in result.stdout + result.stderr


def test_the_site_is_not_hammered(crawl):
    """Each URL fetched at most 1 + RETRY_TIMES times; loops and chains stop at the redirect cap."""
    for path, count in crawl["requests"].items():
        if path.startswith(("/news/loop-", "/news/chain/")):
            assert count <= 12, (path, count)
        else:
            assert count <= 2, (path, count)
    assert "/news/chain/12" not in crawl["requests"]
    assert "/sitemap-deep/4.xml" not in crawl["requests"]
    assert "/private/secret" not in crawl["requests"]  # robots.txt still obeyed


PERMANENT = {
    "/news/redirect-to-file": "unsupported_redirect",
    "/news/redirect-to-ftp": "unsupported_redirect",
    "/news/redirect-to-gopher": "unsupported_redirect",
    "/news/gzip-corrupt": "bad_encoding",
    "/news/header-flood": "too_many_headers",
}


def test_non_http_redirects_corrupt_gzip_and_header_floods_are_permanent_skips(crawl):
    """Counted as dropped/<reason>, not fetch_failed (which would re-crawl the site each run), nor retried."""
    stderr, base = crawl["result"].stderr, crawl["base"]
    for path, reason in PERMANENT.items():
        url = re.escape(base + path)
        assert re.search(rf"Skipped {url}: {reason} \(", stderr), path
        assert not re.search(rf"Fetch failed {url}:", stderr), path
        assert crawl["requests"][path] == 1, (path, crawl["requests"][path])
    assert _stat(stderr, "dropped/unsupported_redirect") == 3
    assert _stat(stderr, "dropped/bad_encoding") == 1
    assert _stat(stderr, "dropped/too_many_headers") == 1
    assert "/etc/passwd" not in str(crawl["requests"])


# --- the discovery parsers' defences, without a crawl ---------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE %s [\n<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
    + b"".join(
        b'<!ENTITY %s "%s">\n' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10) for i in range(9)
    )
    + b"]>\n"
)


def _xxe(root: bytes, marker: Path) -> bytes:
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE ' + root + b' [<!ENTITY x SYSTEM "file://'
        + str(marker).encode() + b'">]>\n'
    )


def test_sitemap_entity_bomb_and_xxe_are_refused(tmp_path):
    marker = tmp_path / "secret.txt"
    marker.write_text(XXE_MARKER)
    urlset = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a.test/%s</loc></url></urlset>'
    for body in (BILLION_LAUGHS % b"urlset" + urlset % b"&j;", _xxe(b"urlset", marker) + urlset % b"&x;"):
        started = time.perf_counter()
        page = parse_sitemap(body, base_url="http://a.test/")
        assert time.perf_counter() - started < 1
        assert page.kind == "invalid" and not page.leads and page.problem
        assert XXE_MARKER not in repr(page)


def test_sitemap_parser_expands_no_entities_even_without_the_guard(tmp_path, monkeypatch):
    """Defence in depth: lxml itself is set up not to resolve or fetch entities."""
    import scraper.discovery.sitemap as sitemap

    monkeypatch.setattr(sitemap, "declares_entities", lambda body: False)
    marker = tmp_path / "secret.txt"
    marker.write_text(XXE_MARKER)
    urlset = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a.test/%s</loc></url></urlset>'
    page = sitemap.parse_sitemap(_xxe(b"urlset", marker) + urlset % b"n&x;", base_url="http://a.test/")
    assert XXE_MARKER not in repr(page)
    page = sitemap.parse_sitemap(BILLION_LAUGHS % b"urlset" + urlset % b"&j;", base_url="http://a.test/")
    assert all(len(lead.url) < 100 for lead in page.leads)


def test_feed_entity_bomb_and_xxe_are_refused(tmp_path, monkeypatch):
    marker = tmp_path / "secret.txt"
    marker.write_text(XXE_MARKER)
    rss = b'<rss version="2.0"><channel><title>%s</title><item><title>%s</title><link>http://a.test/n/1</link></item></channel></rss>'
    bomb = BILLION_LAUGHS % b"rss" + rss % (b"&j;", b"&j;")
    xxe = _xxe(b"rss", marker) + rss % (b"&x;", b"&x;")
    assert declares_entities(bomb) and declares_entities(xxe)
    assert parse_feed(bomb, "http://a.test/") == [] and parse_feed(xxe, "http://a.test/") == []
    # and feedparser, should the guard miss one, neither expands nor fetches them
    import scraper.discovery.feed as feed

    monkeypatch.setattr(feed, "declares_entities", lambda body: False)
    started = time.perf_counter()
    leads = feed.parse_feed(bomb, "http://a.test/") + feed.parse_feed(xxe, "http://a.test/")
    assert time.perf_counter() - started < 2
    assert all(len(lead.title or "") < 100 for lead in leads)
    assert XXE_MARKER not in repr(leads)


def test_declares_entities_ignores_ordinary_doctypes():
    assert not declares_entities(b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "rss.dtd"><rss/>')
    assert not declares_entities(b"<rss><channel><title>&amp; &lt;!ENTITY</title></channel></rss>")
    assert declares_entities("<!DOCTYPE r [<!ENTITY a 'b'>]><r/>".encode("utf-16-le"))


def test_huge_sitemaps_are_capped():
    body = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>/a/{i}</loc></url>" for i in range(HUGE_SITEMAP_ENTRIES))
        + "</urlset>"
    ).encode()
    page = parse_sitemap(body, base_url="http://a.test/")
    assert page.truncated and len(page.leads) == MAX_SITEMAP_ENTRIES
