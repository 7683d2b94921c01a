"""The raw archive (``scraper crawl --warc``) and re-extraction from it and from other
crawlers' WARC files (``scraper reextract``): real crawls of the demo sites on 127.0.0.1,
files checked with warcio, the reader's own writer and another's conventions."""

from __future__ import annotations

import gzip
import json
import os
import urllib.request
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from conftest import run_cli
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.archive.warc_file import RECOVERY_CHUNK, ReadCounts, WarcWriter, read_pages, recover
from scraper.crawl.page import FetchedPage
from scraper.crawl.warc_archive import WarcArchiveMiddleware
from scraper.demo import DemoServer

FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"]
SAME_RECORD = ("article_id", "version", "url", "canonical_url", "title", "text", "authors", "date_published",
               "date_source", "language", "fetched_at", "site")


def records_under(root: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(root.glob("*/*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]


def as_set(records: list[dict]) -> set[tuple]:
    return {tuple(json.dumps(r.get(k), ensure_ascii=False) for k in SAME_RECORD) for r in records}


def warc_records(directory: Path) -> list[tuple[str, str, str | None]]:
    """``(WARC version, record type, target URI)`` of every record of every file, read by warcio."""
    found = []
    for path in sorted(directory.glob("*.warc.gz")):
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                found.append((record.rec_headers.protocol, record.rec_type,
                              record.rec_headers.get_header("WARC-Target-URI")))
    return found


@pytest.fixture(scope="module")
def demo_sites():
    with DemoServer() as server:
        yield server


@pytest.fixture(scope="module")
def archived_crawl(demo_sites, tmp_path_factory):
    """The demo sites crawled once with --warc: (output, WARC directory, config)."""
    tmp = tmp_path_factory.mktemp("archived")
    config = demo_sites.write_config(tmp / "sites.toml")
    result = run_cli("crawl", str(config), "--out", str(tmp / "out"), "--warc", str(tmp / "warc"),
                     "--allow-private", "-q", *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp / "out", tmp / "warc", config


def test_a_crawl_keeps_every_article_page_as_request_response_and_metadata_records(archived_crawl):
    out, warc, _ = archived_crawl
    records = records_under(out)
    found = warc_records(warc)
    assert {version for version, _, _ in found} == {"WARC/1.1"}
    kinds = [kind for _, kind, _ in found]
    assert kinds[0] == "warcinfo" and kinds[1:] == ["response", "request", "metadata"] * (len(kinds) // 3)
    assert {uri for _, kind, uri in found if kind == "response"} == {r["url"] for r in records}
    assert not list(warc.glob("*.open")), "the crawl closed its file"


def test_reextraction_gives_the_records_the_crawl_gave_and_then_nothing_new(archived_crawl, tmp_path):
    out, warc, config = archived_crawl
    again = tmp_path / "again"
    result = run_cli("reextract", str(warc), "--config", str(config), "--out", str(again), "-q")
    assert result.returncode == 0, result.stderr[-3000:]
    assert as_set(records_under(again)) == as_set(records_under(out))
    assert f"read {len(records_under(out))} HTML pages from 1 WARC files" in result.stdout

    repeat = run_cli("reextract", str(warc), "--config", str(config), "--out", str(again), "-q")
    assert repeat.returncode == 0, repeat.stderr[-3000:]
    assert len(records_under(again)) == len(records_under(out)), "the state knows them: no duplicates"


def test_the_archive_copy_carries_the_fetch_time_of_the_page_it_keeps(tmp_path):
    """One moment for both: a re-extraction then gives the record's own ``fetched_at``, even
    when the page reaches the archive a second after it was fetched."""
    crawler = get_crawler(settings_dict={"WARC_DIR": str(tmp_path)})
    archive = WarcArchiveMiddleware.from_crawler(crawler)
    url = "https://news.example.com/2024/05/01/story.html"
    response = HtmlResponse(url, body=b"<html><body><p>story</p></body></html>", request=Request(url))
    page = FetchedPage(url=url, site="news", html=response.text, fetched_at="2024-05-01T09:15:07+00:00")
    assert list(archive.process_spider_output(response, [page])) == [page]
    archive.spider_closed()
    [path] = tmp_path.glob("*.warc.gz")
    [archived] = read_pages(path, ReadCounts())
    assert archived.fetched_at == page.fetched_at


def test_a_file_left_open_by_a_killed_crawl_is_cut_to_its_last_whole_record(tmp_path):
    writer = WarcWriter(tmp_path, "w1")
    for n in range(40):  # more than one RECOVERY_CHUNK of whole records
        writer.write(f"https://news.example.com/{n}", 200, "OK", [("Content-Type", "text/html")],
                     f"<html><body><p>{os.urandom(2000).hex()}</p></body></html>".encode(), [("User-Agent", "test")],
                     datetime.now(UTC), {"site": "news", "lead": {}})
    open_file = next(tmp_path.glob("*.warc.gz.open"))
    whole = open_file.stat().st_size
    assert whole > 2 * RECOVERY_CHUNK
    with open(open_file, "ab") as handle:  # the crawl was killed half-way through a record
        handle.write(gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n" + os.urandom(5000))[:700])
    [(closed, cut)] = recover(tmp_path)
    assert closed.name.endswith(".w1.warc.gz") and cut == 700 and closed.stat().st_size == whole
    counts = ReadCounts()
    assert [p.url for p in read_pages(closed, counts)] == [f"https://news.example.com/{n}" for n in range(40)]
    assert counts.skipped == {}


def _other_crawlers_warc(path: Path, article: bytes, other: bytes) -> None:
    """A CC-NEWS-like file: WARC/1.0, responses as sent (gzip-encoded, chunked), no metadata
    records, and records a reader must skip."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="1.0")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "another-crawler/1.0"}))

        def response(url: str, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                                          http_headers=http))

        encoded = gzip.compress(article)
        response("https://news.example.com/2024/05/01/story.html", "200 OK",
                 [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
                  ("Content-Length", str(len(encoded)))], encoded)
        response("https://elsewhere.example.org/2024/05/01/other.html", "200 OK",
                 [("Content-Type", "text/html"), ("Content-Length", str(len(other)))], other)
        response("https://news.example.com/logo.png", "200 OK", [("Content-Type", "image/png")], b"\x89PNG....")
        response("https://news.example.com/2024/05/01/missing.html", "404 Not Found",
                 [("Content-Type", "text/html")], b"<html>gone</html>")
        writer.write_record(writer.create_revisit_record(
            "https://news.example.com/2024/05/01/story.html", "sha1:AAAA", "https://news.example.com/x",
            "2024-05-01T00:00:00Z"))


def test_another_crawlers_warc_is_read_for_the_configured_sites_or_for_all(demo_sites, tmp_path):
    [site] = [s for s in demo_sites.site_names() if "english" in s]
    config = demo_sites.write_config(tmp_path / "demo.toml")
    crawl = run_cli("crawl", str(config), "--out", str(tmp_path / "crawl"), "--allow-private", "-q",
                    "--site", site, *FAST)
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    article, other = records_under(tmp_path / "crawl")[:2]
    html, other_html = (urllib.request.urlopen(r["url"], timeout=30).read() for r in (article, other))
    warc = tmp_path / "cc-news.warc.gz"
    _other_crawlers_warc(warc, html, other_html)
    sites = tmp_path / "sites.toml"
    sites.write_text('[[sites]]\nname = "news"\nstart_urls = ["https://news.example.com/"]\n'
                     'allow = ["/\\\\d{4}/\\\\d{2}/\\\\d{2}/"]\n', encoding="utf-8")

    kept = run_cli("reextract", str(warc), "--config", str(sites), "--out", str(tmp_path / "one"), "-q")
    assert kept.returncode == 0, kept.stderr[-3000:]
    [record] = records_under(tmp_path / "one")
    assert record["url"] == "https://news.example.com/2024/05/01/story.html" and record["site"] == "news"
    assert record["title"] == article["title"] and record["text"] == article["text"]
    assert "other_site 1" in kept.stdout and "not_html 1" in kept.stdout and "not_ok 1" in kept.stdout

    every = run_cli("reextract", str(warc), "--out", str(tmp_path / "all"), "-q")
    assert every.returncode == 0, every.stderr[-3000:]
    assert sorted(r["site"] for r in records_under(tmp_path / "all")) == ["elsewhere.example.org", "news.example.com"]


def test_a_broken_or_missing_warc_file_is_a_clear_skip_or_error(archived_crawl, tmp_path):
    _, warc, config = archived_crawl
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"this is not a WARC file\n" * 20)
    result = run_cli("reextract", str(broken), *map(str, sorted(warc.glob("*.warc.gz"))),
                     "--config", str(config), "--out", str(tmp_path / "out"), "-q")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "broken.warc.gz" in result.stderr and records_under(tmp_path / "out")
    assert "unreadable_file 1" in result.stdout

    missing = run_cli("reextract", str(tmp_path / "nothing.warc.gz"), "--out", str(tmp_path / "out2"))
    assert missing.returncode == 2 and "no such WARC file" in missing.stderr


def test_an_archive_that_cannot_be_written_stops_the_crawl_with_one_line(demo_sites, tmp_path):
    config = demo_sites.write_config(tmp_path / "sites.toml")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = run_cli("crawl", str(config), "--out", str(tmp_path / "out"), "--warc", str(blocker / "warc"),
                     "--allow-private", "-q", *FAST)
    assert result.returncode == 1
    assert "export failed" in result.stderr and str(blocker / "warc") in result.stderr
    assert records_under(tmp_path / "out") == [], "nothing written that is not archived"


def test_files_rotate_past_their_size_and_each_is_whole(tmp_path):
    writer = WarcWriter(tmp_path, max_bytes=2000)
    for n in range(6):
        writer.write(f"https://news.example.com/{n}", 200, "OK", [("Content-Type", "text/html")],
                     os.urandom(3000).hex().encode(), [], datetime.now(UTC), {"site": "news", "lead": {}})
    writer.close()
    files = sorted(tmp_path.glob("*.warc.gz"))
    assert len(files) == 6 and not list(tmp_path.glob("*.open"))
    assert writer.total_bytes == sum(f.stat().st_size for f in files)
    counts = ReadCounts()
    assert [p.url for f in files for p in read_pages(f, counts)] == [f"https://news.example.com/{n}" for n in range(6)]
