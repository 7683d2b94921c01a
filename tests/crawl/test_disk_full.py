"""A full disk and unencodable text in real crawls (``scraper crawl`` in subprocesses).

The demo sites are crawled into a small tmpfs (see ``tests/smalldisk.py``) that fills
after a few records: the crawl must stop at once, exit 1 with one line saying why, and
leave no listing validators and no crawled mark, so that the re-run after space is
freed writes every missing article exactly once. A page whose JSON-LD holds a lone
surrogate must be written, with U+FFFD, and counted.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ARTICLE_BODY, run_cli
from smalldisk import resize, small_tmpfs

from scraper.demo import DemoServer
from scraper.store.sqlite import SqliteState
from scraper.store.state import STATE_FILE, url_key

FAST = ["-s", "LOG_SCRAPY_DETAILS=True",  # the tests read the stats dump
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "--allow-private"]
OUTPUT_DISK_KB = 16
"""The demo's records are 1.4–3.5 KB (one of 8 KB), in two files: 16 KiB holds a few."""
STATE_DISK_KB = 160
"""An empty state is ~100 KiB with its WAL; each commit adds a few pages to the WAL."""
BIG_DISK_KB = 4096


@pytest.fixture
def server():
    with DemoServer() as demo:
        yield demo


def records(out: Path) -> list[dict]:
    found = []
    for path in sorted(out.glob("*/*.jsonl")):
        raw = path.read_bytes()
        assert raw == b"" or raw.endswith(b"\n"), f"{path} ends in a torn line"
        found.extend(json.loads(line) for line in raw.splitlines())
    return found


def all_articles(server: DemoServer) -> int:
    return sum(len(server.site(n).article_paths()) for n in server.site_names())


def assert_nothing_remembered_for_the_run(server: DemoServer, state_dir: Path) -> None:
    """No validators of feeds or listing pages and no crawled mark: the re-run reads them."""
    state = SqliteState(state_dir / STATE_FILE)
    try:
        for name in server.site_names():
            assert state.last_crawl(name) is None, name
            for path in ("/", server.site(name).feed_path):
                assert state.validators(url_key(server.url(name, path))) is None, (name, path)
    finally:
        state.close()


def assert_one_clear_failure(result, reason: str, path_pattern: str) -> None:
    assert result.returncode == 1, result.stderr[-3000:]
    lines = [x for x in result.stderr.splitlines() if x.startswith("scraper:")]
    assert len(lines) == 1, lines
    assert re.fullmatch(rf"scraper: export failed: {re.escape(reason)}: {path_pattern}", lines[0]), lines[0]
    assert len(re.findall(r"\] ERROR: ", result.stderr)) == 1, "one error logged, not one per record"
    assert "Traceback" not in result.stderr
    assert "finish reason: export_failed" in result.stdout


def assert_every_article_once(server: DemoServer, out: Path, first: list[dict]) -> None:
    final = records(out)
    urls = [r["url"] for r in final]
    assert len(urls) == len(set(urls)) == all_articles(server), "every article exactly once"
    assert all(r in final for r in first), "earlier lines stay as they were"


def test_a_full_output_disk_stops_the_crawl_and_the_rerun_writes_every_missing_article_once(server, tmp_path):
    config = server.write_config(tmp_path / "sites.toml")
    state_dir = tmp_path / "state"
    with small_tmpfs(tmp_path / "disk", OUTPUT_DISK_KB) as disk:
        out = disk / "out"
        started = time.monotonic()
        result = run_cli("crawl", str(config), "--out", str(out), "--state", str(state_dir), *FAST)
        seconds = time.monotonic() - started
        partition = rf"{re.escape(str(out))}/[a-z-]+/\d{{4}}-\d\d-\d\d\.jsonl"
        assert_one_clear_failure(result, "No space left on device", partition)
        first = records(out)
        assert 0 < len(first) < all_articles(server) // 2, len(first)
        assert seconds < 60
        assert_nothing_remembered_for_the_run(server, state_dir)

        resize(disk, BIG_DISK_KB)
        result = run_cli("crawl", str(config), "--out", str(out), "--state", str(state_dir), *FAST)
        assert result.returncode == 0, result.stderr[-3000:]
        assert_every_article_once(server, out, first)
        state = SqliteState(state_dir / STATE_FILE)
        assert all(state.last_crawl(name) for name in server.site_names())
        state.close()


def test_a_full_state_disk_stops_the_crawl_and_commits_nothing_not_written(server, tmp_path):
    config = server.write_config(tmp_path / "sites.toml")
    out = tmp_path / "out"
    with small_tmpfs(tmp_path / "disk", STATE_DISK_KB) as disk:
        state_dir = disk / "state"
        settings = [*FAST, "-s", "EXPORT_FSYNC_EVERY=2"]
        result = run_cli("crawl", str(config), "--out", str(out), "--state", str(state_dir), *settings)
        assert_one_clear_failure(result, "database or disk is full", re.escape(str(state_dir / STATE_FILE)))
        first = records(out)
        assert len(first) < all_articles(server)
        state = SqliteState(state_dir / STATE_FILE)
        written = {r["article_id"] for r in first}
        committed = {row[0] for row in state._db.execute("SELECT article_id FROM articles")}
        state.close()
        assert committed <= written
        assert_nothing_remembered_for_the_run(server, state_dir)

        resize(disk, BIG_DISK_KB)
        result = run_cli("crawl", str(config), "--out", str(out), "--state", str(state_dir), *settings)
        assert result.returncode == 0, result.stderr[-3000:]
        assert_every_article_once(server, out, first)


def test_a_state_that_cannot_be_created_is_one_line_before_the_crawl_starts(server, tmp_path):
    config = server.write_config(tmp_path / "sites.toml")
    with small_tmpfs(tmp_path / "disk", 48) as disk:
        result = run_cli("crawl", str(config), "--out", str(tmp_path / "out"), "--state", str(disk / "s"), *FAST)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"scraper: cannot open the crawl state: database or disk is full: {disk / 's' / STATE_FILE}"
    ]


# --- A page whose JSON-LD holds lone surrogates -------------------------------------------

SURROGATE_PAGE = f"""<!doctype html><html lang="en"><head>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "A \\ud800 b",
 "author": [{{"@type": "Person", "name": "Jo \\udc00 Smith"}}], "description": "Said \\ud83d here",
 "datePublished": "2024-01-02T10:00:00Z"}}</script></head>
<body><article>{ARTICLE_BODY}</article></body></html>"""
PLAIN_PAGE = f"""<!doctype html><html lang="en"><head><title>A plain story</title></head>
<body><article><h1>A plain story</h1>{ARTICLE_BODY.replace("story", "tale")}</article></body></html>"""
PAGES = {
    "/": '<html><body><a href="/2024/01/02/surrogate/">one</a> <a href="/2024/01/03/plain/">two</a></body></html>',
    "/2024/01/02/surrogate/": SURROGATE_PAGE,
    "/2024/01/03/plain/": PLAIN_PAGE,
}


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        page = PAGES.get(self.path)
        body = (page or "not found").encode("utf-8")
        self.send_response(200 if page else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def surrogate_site(tmp_path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    config = tmp_path / "sites.toml"
    config.write_text("\n".join([
        "[[sites]]", 'name = "odd"', f'start_urls = ["{base}/"]', "feeds = []", "sitemaps = []",
        r"allow = ['/\d{4}/\d\d/\d\d/[a-z]+/$']", "deny = []", 'language = "en"', "",
    ]), encoding="utf-8")
    yield config
    httpd.shutdown()
    httpd.server_close()


def test_a_page_with_lone_surrogates_in_its_json_ld_is_written_and_counted(surrogate_site, tmp_path):
    out, summary = tmp_path / "out", tmp_path / "summary.json"
    result = run_cli("crawl", str(surrogate_site), "--out", str(out), *FAST, "-s", f"SUMMARY_FILE={summary}")
    assert result.returncode == 0, result.stderr[-3000:]
    written = {r["url"].rsplit("/", 2)[-2]: r for r in records(out)}
    assert set(written) == {"surrogate", "plain"}
    odd = written["surrogate"]
    assert odd["title"] == "A \ufffd b"
    assert odd["authors"] == ["Jo \ufffd Smith"]
    assert odd["description"] == "Said \ufffd here"
    assert "\ufffd" not in json.dumps(written["plain"], ensure_ascii=False)
    assert "'export/unencodable_records': 1" in result.stderr
    assert "'export/unencodable_replaced': 3" in result.stderr
    assert len(re.findall(r"Replaced 3 unencodable character", result.stderr)) == 1
    assert "UnicodeEncodeError" not in result.stderr
    assert json.loads(summary.read_text("utf-8"))["sites"]["odd"]["articles_written"] == 2
