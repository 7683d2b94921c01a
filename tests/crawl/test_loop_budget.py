"""Work per response on the event loop is bounded: hostile pages cost a crawl seconds, not minutes.

A real crawl (``scraper crawl`` in a subprocess) of a local site whose 40 good articles are
mixed with pages that each froze the crawl before: one tag with 300,000 attributes (libxml2
compares each attribute with every earlier one), 50,000 unclosed ``<script>`` tags (a
quadratic regex in the decoder), a feed of 115,000 items, a page of 400,000 links and a
sitemap index of 50,000 sitemaps. The crawl must write all 40 in about the time a clean
crawl of the same articles takes, count each cut, and stop within seconds on SIGTERM.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT

GOOD = 40
ATTRIBUTES = 300_000
SCRIPTS = 50_000
FEED_ITEMS = 115_000
LINKS = 400_000
INDEX_SITEMAPS = 50_000
JUNK_DELAY = 0.25  # seconds per junk 404: keeps the crawl busy long enough to be signalled
SETTINGS = {
    "SCRAPER_ALLOW_PRIVATE": "True",
    "LOG_SCRAPY_DETAILS": "True",  # the tests read the stats dump
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "RETRY_TIMES": "0",
    # lower than the defaults so the junk these caps let through stays a few dozen 404s
    "SITEMAP_MAX_SITEMAPS": "20",
    "SITE_MAX_REQUESTS": "100",
}
CRAWL_TIMEOUT = 120  # seconds: a freeze fails the test instead of hanging the suite
WORDS = (
    "council budget river bridge school teacher market price harvest water minister farmer "
    "road train station hospital doctor patient court judge museum library festival season "
    "storm coast harbour factory worker union wage report survey election mayor village city "
    "north south east west morning evening winter summer spring autumn plan project delay "
    "contract engineer energy solar wind grid tax loan bank shop street park garden forest"
).split()


def _article(i: int) -> tuple[str, str]:
    rng = random.Random(i)
    title = f"Report {i}: the {rng.choice(WORDS)} and the {rng.choice(WORDS)} of district {i}"
    sentences = [
        " ".join(rng.choice(WORDS) for _ in range(18)).capitalize() + f" said official number {i * 7 + k}."
        for k in range(6)
    ]
    paragraphs = "".join(f"<p>{s}</p>" for s in sentences)
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2024-05-02T09:30:00+00:00"></head><body>'
        f'<header><nav><a href="/">Home</a></nav></header><main><article><h1>{title}</h1>'
        f'<time datetime="2024-05-02T09:30:00+00:00">2024-05-02</time>{paragraphs}</article></main>'
        "</body></html>"
    )
    return title, html


def _listing(links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{u}">{u}</a></li>' for u in links)
    head = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>News</title></head>'
    return f"{head}<body><ul>{items}</ul></body></html>".encode()


class Site:
    """The pages, served from a background thread; counts requests by path."""

    def __init__(self) -> None:
        self.requests: Counter[str] = Counter()
        self.pages: dict[str, tuple[str, bytes]] = {}
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._build()
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _build(self) -> None:
        html = "text/html; charset=utf-8"
        good = [f"/news/good-{i}.html" for i in range(GOOD)]
        for i, path in enumerate(good):
            self.pages[path] = (html, _article(i)[1].encode())
        self.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nAllow: /\n")
        self.pages["/clean/"] = (html, _listing(good))
        # the good articles are queued from this page before /more/ (and the junk) is fetched
        self.pages["/hostile/"] = (html, _listing([*good, "/more/"]))
        self.pages["/more/"] = (html, _listing(["/news/attrs.html", "/news/scripts.html", "/lists/links.html"]))
        attributes = " ".join(f"a{i}=x" for i in range(ATTRIBUTES))
        self.pages["/news/attrs.html"] = (html, (
            f"<html><head><title>Attributes</title></head><body><div {attributes}>x</div>"
            f"<p>{'word ' * 100}</p></body></html>"
        ).encode())
        # no charset and not UTF-8: the decoder measures the text, which is where it was slow
        self.pages["/news/scripts.html"] = (
            "text/html", ("<html><head><title>Café</title></head><body>" + "<script>x" * SCRIPTS).encode("cp1252")
        )
        anchors = "".join(f'<a href="/news/l{i}">l</a>' for i in range(LINKS))
        self.pages["/lists/links.html"] = (html, f"<html><body>{anchors}</body></html>".encode())
        items = "".join(
            f"<item><title>t{i}</title><link>http://elsewhere.example/news/{i}</link></item>" for i in range(FEED_ITEMS)
        )
        self.pages["/feed.xml"] = ("application/rss+xml", (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'
        ).encode())
        sitemaps = "".join(f"<sitemap><loc>{self.base}/sitemaps/{i}.xml</loc></sitemap>" for i in range(INDEX_SITEMAPS))
        self.pages["/sitemap-index.xml"] = ("application/xml", (
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{sitemaps}</sitemapindex>"
        ).encode())

    def config(self, path: Path, hostile: bool) -> Path:
        if hostile:
            start = "/hostile/"
            extra = [f'feeds = ["{self.base}/feed.xml"]', f'sitemaps = ["{self.base}/sitemap-index.xml"]']
        else:
            start, extra = "/clean/", ["feeds = []", "sitemaps = []"]
        path.write_text("\n".join([
            "[[sites]]", 'name = "loop"', f'start_urls = ["{self.base}{start}"]', *extra,
            "allow = ['/news/']", 'language = "en"', "max_depth = 2", "",
            "[sites.politeness]", "download_delay = 0.0", "concurrency = 16", "",
        ]), encoding="utf-8")
        return path

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format, *args):  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                site.requests[path] += 1
                found = site.pages.get(path)
                if found is None:
                    time.sleep(JUNK_DELAY)
                    content_type, body, status = "text/plain", b"not found", 404
                else:
                    (content_type, body), status = found, 200
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler


def _command(config: Path, out: Path) -> list[str]:
    args = [sys.executable, "-m", "scraper.cli", "crawl", str(config), "--out", str(out)]
    for name, value in SETTINGS.items():
        args += ["-s", f"{name}={value}"]
    return args


ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}


def _crawl(config: Path, out: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        _command(config, out), capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=CRAWL_TIMEOUT, cwd=out.parent, env=ENV, check=False,
    )
    return result, time.monotonic() - started


def _written(out: Path) -> set[str]:
    return {
        urlsplit(json.loads(line)["url"]).path
        for path in out.glob("*/*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    }


def _stat(log: str, key: str) -> int:
    found = re.search(rf"'{re.escape(key)}': (\d+)", log)
    return int(found.group(1)) if found else 0


@pytest.fixture(scope="module")
def site():
    served = Site()
    yield served
    served.close()


@pytest.fixture(scope="module")
def runs(site, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("loop")
    clean, clean_seconds = _crawl(site.config(tmp / "clean.toml", hostile=False), tmp / "clean-out")
    hostile, hostile_seconds = _crawl(site.config(tmp / "hostile.toml", hostile=True), tmp / "hostile-out")
    return {
        "clean": clean, "clean_seconds": clean_seconds, "clean_out": tmp / "clean-out",
        "hostile": hostile, "hostile_seconds": hostile_seconds, "hostile_out": tmp / "hostile-out",
    }


def test_hostile_pages_cost_the_crawl_no_more_than_a_clean_one(runs):
    good = {f"/news/good-{i}.html" for i in range(GOOD)}
    for name in ("clean", "hostile"):
        result = runs[name]
        assert result.returncode == 0, result.stderr[-3000:]
        assert "Traceback" not in result.stderr, result.stderr[result.stderr.find("Traceback") - 300:][:3000]
        assert good <= _written(runs[f"{name}_out"]), (name, sorted(good - _written(runs[f"{name}_out"])))
    bound = 2 * runs["clean_seconds"] + 10
    assert runs["hostile_seconds"] < bound, (runs["hostile_seconds"], runs["clean_seconds"])


def test_each_cut_is_counted_and_logged_once(runs):
    log = runs["hostile"].stderr
    for reason, where in [
        ("pathological_markup", "/news/attrs.html"),
        ("links_truncated", "/lists/links.html"),
        ("feed_truncated", "/feed.xml"),
        ("sitemap_index_truncated", "/sitemap-index.xml"),
        ("site_max_requests", None),
    ]:
        assert _stat(log, f"dropped/{reason}") == 1, reason
        logged = re.findall(rf"Skipped (\S+): {reason} ", log)
        assert len(logged) == 1, (reason, logged)
        if where:
            assert logged[0].endswith(where), (reason, logged)
    assert _stat(log, "ignored/links_truncated") == LINKS - 2_000
    assert _stat(log, "ignored/site_max_requests") > 0


def test_sigterm_stops_a_crawl_busy_with_hostile_pages(site, tmp_path):
    out = tmp_path / "out"
    config = site.config(tmp_path / "hostile.toml", hostile=True)
    before = site.requests["/news/attrs.html"]
    proc = subprocess.Popen(
        _command(config, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        encoding="utf-8", errors="replace", cwd=tmp_path, env=ENV,
    )
    try:
        deadline = time.monotonic() + 60
        while site.requests["/news/attrs.html"] == before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.1)  # the spider is on the hostile pages now
        assert proc.poll() is None, "the crawl ended before it could be signalled"
        proc.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        _, stderr = proc.communicate(timeout=30)
        stopped = time.monotonic() - signalled
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert stopped < 10, f"stopped {stopped:.1f} s after SIGTERM"
    assert "shutting down gracefully" in stderr


# --- The spider's caps, one callback at a time ---------------------------------------------

SPIDER_CONFIG = """
[[sites]]
name = "a"
start_urls = ["http://a.test/"]
allow = ['/news/']
language = "en"
max_depth = 2
"""


def _spider(tmp_path: Path, **settings: object):
    from scrapy.utils.test import get_crawler

    from scraper.config.project import project_defaults
    from spiders.news import NewsSpider

    config = tmp_path / "sites.toml"
    config.write_text(SPIDER_CONFIG, encoding="utf-8")
    crawler = get_crawler(NewsSpider, settings_dict={**project_defaults(), "SCRAPER_STATE": "memory", **settings})
    crawler.stats.open_spider()
    crawler.settings.frozen = False
    spider = NewsSpider.from_crawler(crawler, config=str(config))
    crawler.spider = spider
    return spider


def _response(cls, url: str, body: bytes, **meta):
    from scrapy import Request

    request = Request(url, meta={"site": "a", "depth": 0, **meta})
    return cls(url=url, body=body, request=request, encoding="utf-8")


def _page(links: int) -> bytes:
    anchors = "".join(f'<a href="/news/{i}">story {i}</a>' for i in range(links))
    return f"<html><body>{anchors}</body></html>".encode()


def test_links_past_the_cap_are_ignored_and_counted(tmp_path):
    from scrapy.http import HtmlResponse

    spider = _spider(tmp_path, LINKS_MAX_PER_PAGE=10)
    stats = spider.crawler.stats
    urls = [r.url for r in spider.parse_page(_response(HtmlResponse, "http://a.test/", _page(25)))]
    assert urls == [f"http://a.test/news/{i}" for i in range(10)]  # the first ones, in page order
    assert stats.get_value("dropped/links_truncated") == 1
    assert stats.get_value("ignored/links_truncated") == 15
    assert len(list(spider.parse_page(_response(HtmlResponse, "http://a.test/x", _page(10))))) == 10
    assert stats.get_value("dropped/links_truncated") == 1  # at the cap: nothing cut


def test_a_page_with_a_tag_of_too_many_attributes_is_skipped_unparsed(tmp_path):
    from scrapy.http import HtmlResponse

    spider = _spider(tmp_path, HTML_MAX_TAG_ATTRIBUTES=50)
    tag = "<div " + " ".join(f"a{i}=1" for i in range(51)) + ">"
    body = f"<html><body>{tag}<a href='/news/1'>x</a></body></html>".encode()
    assert list(spider.parse_page(_response(HtmlResponse, "http://a.test/news/big", body))) == []
    assert spider.crawler.stats.get_value("dropped/pathological_markup") == 1


def test_nothing_is_queued_for_a_site_past_its_request_cap(tmp_path):
    from scrapy.http import HtmlResponse, XmlResponse

    spider = _spider(tmp_path, SITE_MAX_REQUESTS=12)
    stats = spider.crawler.stats
    first = list(spider.parse_page(_response(HtmlResponse, "http://a.test/", _page(10))))
    again = list(spider.parse_page(_response(HtmlResponse, "http://a.test/y", _page(10))))
    assert len(first) == 10 and len(again) == 10  # the same URLs do not count twice
    entries = "".join(f"<url><loc>http://a.test/news/s{i}</loc></url>" for i in range(10))
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()
    response = _response(XmlResponse, "http://a.test/sitemap.xml", sitemap, validator_key="k")
    leads = list(spider.parse_sitemap(response))
    assert [r.url for r in leads] == ["http://a.test/news/s0", "http://a.test/news/s1"]
    assert stats.get_value("dropped/site_max_requests") == 1
    assert stats.get_value("ignored/site_max_requests") == 8
    assert "k" not in spider._validators  # read again next crawl, for the leads not queued


def test_a_feed_past_its_item_cap_is_a_counted_cut(tmp_path):
    from scrapy.http import XmlResponse

    spider = _spider(tmp_path, FEED_MAX_ITEMS=3)
    items = "".join(f"<item><title>t{i}</title><link>http://a.test/news/f{i}</link></item>" for i in range(9))
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'.encode()
    requests = list(spider.parse_feed(_response(XmlResponse, "http://a.test/feed", body)))
    assert [r.url for r in requests] == [f"http://a.test/news/f{i}" for i in range(3)]
    assert spider.crawler.stats.get_value("dropped/feed_truncated") == 1


def test_a_sitemap_index_past_its_cap_is_a_counted_cut(tmp_path):
    from scrapy.http import XmlResponse

    spider = _spider(tmp_path, SITEMAP_MAX_SITEMAPS=4)
    entries = "".join(f"<sitemap><loc>http://a.test/s{i}.xml</loc></sitemap>" for i in range(9))
    body = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'.encode()
    requests = list(spider.parse_sitemap(_response(XmlResponse, "http://a.test/index.xml", body)))
    assert [r.url for r in requests] == [f"http://a.test/s{i}.xml" for i in range(4)]
    assert spider.crawler.stats.get_value("dropped/sitemap_index_truncated") == 1
