"""RobotsTxtMiddleware (scraper.fetch.robots): robots.txt per RFC 9309 in real crawls.

Each crawl is ``scraper crawl`` in a subprocess against a tiny threaded HTTP server on
127.0.0.1 that records every request and answers robots.txt slowly, with a status, a
reset, a timeout, a gzip bomb ... The start URLs are article pages, so "pages
requested" and "records written" show what robots.txt let through.
"""

from __future__ import annotations

import gzip
import http.server
import re
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from scrapy.http import Request
from test_politeness import FAST, article_html, crawl, written_urls

from scraper.fetch.robots import ALLOW_ALL, RULES, UNREACHABLE, exception_reason, origin_of, robots_verdict

# --- pure helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "verdict"),
    [(200, RULES), (204, RULES), (404, ALLOW_ALL), (401, ALLOW_ALL), (403, ALLOW_ALL), (410, ALLOW_ALL),
     (429, UNREACHABLE), (500, UNREACHABLE), (503, UNREACHABLE), (304, UNREACHABLE), (100, UNREACHABLE)],
)
def test_robots_verdict_follows_rfc_9309(status, verdict):
    assert robots_verdict(status) == verdict


def test_origin_is_scheme_host_and_port():
    assert origin_of(Request("http://News.Example:8080/a?b")) == "http://news.example:8080"
    assert origin_of(Request("https://news.example/a")) == "https://news.example"


def test_exception_reason_is_short_and_secret_free():
    reason = exception_reason(ValueError("to http://user:pw@host/x " + "y" * 300))
    assert reason.startswith("ValueError: to http://host/x")
    assert len(reason) < 200
    assert exception_reason(TimeoutError()) == "TimeoutError"


# --- a recording server whose robots.txt misbehaves ---------------------------------------

RESET = "reset"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering


Route = Callable[[str], "Reply | str"]


class Site:
    """HTTP server on ``host``: ``robots(path)`` answers robots.txt paths, articles the rest."""

    def __init__(self, host: str, robots: Route) -> None:
        self.hits: list[str] = []
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: a reset stays local

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                with site._lock:
                    site.hits.append(self.path)
                reply = site.route(self.path, robots)
                if reply == RESET:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                assert isinstance(reply, Reply)
                if reply.delay and site.stopping.wait(reply.delay):
                    return
                try:
                    self.send_response(reply.status)
                    for name, value in {"Content-Type": "text/plain", **reply.headers}.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except ConnectionError:  # the crawler timed out and left
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://{host}:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def route(self, path: str, robots: Route) -> Reply | str:
        if path.startswith("/robots"):
            return robots(path)
        if re.fullmatch(r"/news/story-\d+", path):
            html = article_html(f"Story {path.rsplit('-', 1)[-1]} from {self.base}")  # no duplicates across sites
            return Reply(200, html, {"Content-Type": "text/html; charset=utf-8"})
        return Reply(404, b"not here")

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def robots_hits(self) -> int:
        return sum(1 for p in self.hits if p.startswith("/robots"))

    def page_hits(self) -> list[str]:
        return [p for p in self.hits if not p.startswith("/robots")]


ARTICLES = [f"/news/story-{i}" for i in range(1, 7)]

# Small and fast: no Scrapy retries (the middleware's own are what is measured), one
# second to time out, a 64 KiB size cap for the bomb.
QUICK = (*FAST, "RETRY_TIMES=0", "DOWNLOAD_TIMEOUT=1", "DOWNLOAD_MAXSIZE=65536", "DOWNLOAD_WARNSIZE=0",
         "BACKOFF_ENABLED=False", "NEARDUP_ENABLED=False")
SLOW_ROBOTS = 2.0  # seconds a slow robots.txt takes to answer


def run(tmp_path: Path, robots: dict[str, Route], *settings: str,
        exit_code: int = 0) -> tuple[dict[str, Site], dict[str, set[str]], str]:
    """One crawl of one site per ``robots`` entry, each on its own loopback address (its
    own download slot) with the six start articles: the servers, each site's URLs
    written, the log."""
    sites = {name: Site(f"127.0.0.{10 + i}", route) for i, (name, route) in enumerate(robots.items())}
    for site in sites.values():
        site.__enter__()
    try:
        config = tmp_path / "sites.toml"
        blocks = []
        for name, site in sites.items():
            starts = ", ".join(f'"{site.base}{a}"' for a in ARTICLES)
            blocks.append(f'[[sites]]\nname = "{name}"\nstart_urls = [{starts}]\n'
                          "allow = ['/news/story-\\d+$']\nlanguage = \"en\"\nmax_depth = 0\n")
        config.write_text("\n".join(blocks), encoding="utf-8")
        log = crawl(config, tmp_path / "out", *QUICK, *settings, exit_code=exit_code)
    finally:
        for site in sites.values():
            site.__exit__()
    urls = written_urls(tmp_path / "out")
    written = {name: {u for u in urls if u.startswith(site.base + "/")} for name, site in sites.items()}
    return sites, written, log


def stat(log: str, key: str) -> int:
    found = re.search(rf"'{re.escape(key)}': (\d+)", log)
    return int(found.group(1)) if found else 0


def robots_reply(body: str, status: int = 200, delay: float = 0.0) -> Route:
    return lambda path: Reply(status, body.encode(), delay=delay)


def redirected(path: str) -> Reply:
    if path == "/robots.txt":
        return Reply(301, headers={"Location": "/robots-moved.txt"})
    return Reply(200, b"User-agent: *\nDisallow: /\n")


def gzip_bomb(path: str) -> Reply:
    """1 MiB of robots.txt comments in 1 KiB of gzip, over the test's 64 KiB DOWNLOAD_MAXSIZE."""
    body = gzip.compress(b"User-agent: *\nAllow: /\n" + b"#" * (1 << 20))
    return Reply(200, body, {"Content-Encoding": "gzip"})


def too_many_redirects(path: str) -> Reply:
    hop = int(path.removeprefix("/robots.txt").removeprefix("-") or 0)
    return Reply(302, headers={"Location": f"/robots.txt-{hop + 1}"})


TRUNCATED = "User-agent: *\n" + "# padding\n" * 200 + "Disallow: /\n"  # the Disallow is past 1000 bytes

# Robots.txt that answer: settled once, each request of the site judged by the answer.
ANSWERS: dict[str, Route] = {
    "disallow-all": robots_reply("User-agent: *\nDisallow: /\n", delay=SLOW_ROBOTS),
    "by-path": robots_reply("User-agent: *\nDisallow: /news/story-1\nCrawl-delay: 0.01\nSitemap: /sitemap.xml\n",
                            delay=SLOW_ROBOTS),
    "not-found": robots_reply("User-agent: *\nDisallow: /\n", status=404, delay=SLOW_ROBOTS),
    "redirected": redirected,
    "truncated": robots_reply(TRUNCATED),
    "slow-503": robots_reply("", status=503, delay=SLOW_ROBOTS),  # not refetched before ROBOTSTXT_RETRY_AFTER
}
ANSWER_SETTINGS = ("DOWNLOAD_TIMEOUT=5", "ROBOTSTXT_MAX_BYTES=1000", "ROBOTSTXT_RETRY_AFTER=60")

# Robots.txt that cannot be had: every request refused, robots.txt refetched.
UNREACHABLE: dict[str, Route] = {
    "http-500": robots_reply("User-agent: *\nAllow: /\n", status=500),
    "http-503": robots_reply("User-agent: *\nAllow: /\n", status=503),
    "http-429": robots_reply("", status=429),
    "timeout": robots_reply("User-agent: *\nAllow: /\n", delay=3.0),
    "reset": lambda path: RESET,
    "gzip-bomb": gzip_bomb,
    "binary": robots_reply("User-agent: *\x00\x01\x02Allow: /\n"),
    "redirect-loop": too_many_redirects,
}
# One request at a time: each request reaches the middleware after the previous one was
# settled, so the refetches (no wait, two at most) are deterministic.
UNREACHABLE_SETTINGS = ("CONCURRENT_REQUESTS=1", "ROBOTSTXT_RETRY_AFTER=0", "ROBOTSTXT_MAX_RETRIES=2")


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    # exit 3 (exit_codes.UNREACHABLE): a site whose robots.txt never answers is not read at all
    return run(tmp_path_factory.mktemp("answers"), ANSWERS, *ANSWER_SETTINGS, exit_code=3)


@pytest.fixture(scope="module")
def unreachable(tmp_path_factory):
    return run(tmp_path_factory.mktemp("unreachable"), UNREACHABLE, *UNREACHABLE_SETTINGS, exit_code=3)


def fetch_lines(log: str, site: Site) -> list[str]:
    return re.findall(rf"robots\.txt of {re.escape(site.base)} unreachable \(([^\n]*)", log)


# --- real crawls: robots.txt that answers --------------------------------------------------


def test_no_page_goes_out_while_a_slow_disallow_all_robots_txt_is_fetched(answers):
    sites, written, log = answers
    site = sites["disallow-all"]
    assert site.page_hits() == []
    assert written["disallow-all"] == set()
    assert site.robots_hits() == 1  # the middleware's; the spider's own (for Sitemap:) gets its answer
    assert stat(log, "robotstxt/reused") >= 1
    assert len(re.findall(rf"Forbidden by robots\.txt of {re.escape(site.base)}:", log)) == 1  # once per host


def test_a_slow_robots_txt_is_obeyed_path_by_path_and_its_sitemaps_still_read(answers):
    sites, written, log = answers
    site = sites["by-path"]
    assert sorted(site.page_hits()) == [*ARTICLES[1:], "/sitemap.xml"]
    assert written["by-path"] == {site.base + a for a in ARTICLES[1:]}
    # six refused on disallow-all and on redirected, one here; none on the other sites that
    # answered (the spider's robots.txt requests get the middleware's answer, redirect followed)
    assert stat(log, "robotstxt/forbidden") == 2 * len(ARTICLES) + 1
    assert stat(log, "crawldelay/applied") == 1  # CrawlDelayMiddleware still gets the parser


def test_a_404_robots_txt_allows_everything_whatever_its_body_says(answers):
    sites, written, log = answers
    site = sites["not-found"]
    assert sorted(site.page_hits()) == ARTICLES
    assert written["not-found"] == {site.base + a for a in ARTICLES}
    assert f"robots.txt of {site.base} answered 404: no robots.txt, every path allowed" in log


def test_a_redirected_robots_txt_is_followed(answers):
    sites, written, _ = answers
    assert sites["redirected"].page_hits() == []
    assert written["redirected"] == set()


def test_only_the_first_robots_max_bytes_are_read(answers):
    sites, written, log = answers
    site = sites["truncated"]
    assert sorted(site.page_hits()) == ARTICLES  # the Disallow line is past the cap
    assert f"robots.txt of {site.base} is {len(TRUNCATED)} bytes: only the first 1000 are read" in log


def test_an_unreachable_robots_txt_is_not_refetched_before_robots_retry_after(answers):
    sites, written, log = answers
    site = sites["slow-503"]
    assert site.page_hits() == []
    assert written["slow-503"] == set()
    assert site.robots_hits() == 1
    assert fetch_lines(log, site) == [
        "HTTP 503): every request to it is refused; robots.txt is fetched again after 60 s (3 more times at most)"
    ]
    assert stat(log, "robotstxt/unreachable") == len(ARTICLES) + 1  # and the spider's robots.txt request


# --- real crawls: robots.txt that cannot be had -------------------------------------------


@pytest.mark.parametrize("name", [n for n in UNREACHABLE if n != "redirect-loop"])
def test_an_unreachable_robots_txt_disallows_all_and_is_refetched_a_bounded_number_of_times(unreachable, name):
    sites, written, log = unreachable
    site = sites[name]
    assert site.page_hits() == []
    assert written[name] == set()
    assert site.robots_hits() == 3  # the first fetch and ROBOTSTXT_MAX_RETRIES=2 refetches
    lines = fetch_lines(log, site)  # one log line per fetch, none per refused URL
    assert len(lines) == 3, lines
    assert lines[-1].endswith("not fetched again in this crawl")


def test_more_than_five_robots_redirects_make_it_unreachable(unreachable):
    sites, written, log = unreachable
    site = sites["redirect-loop"]
    assert site.page_hits() == []
    assert site.robots_hits() == 3 * 6  # three fetches of robots.txt and 5 redirects each
    assert fetch_lines(log, site)[0].startswith("IgnoreRequest: max redirections reached)")


def test_every_unreachable_request_is_refused_and_counted(unreachable):
    _, _, log = unreachable
    # per site: the six articles and the spider's robots.txt request
    assert stat(log, "robotstxt/unreachable") == len(UNREACHABLE) * (len(ARTICLES) + 1)
    assert stat(log, "robotstxt/request_count") == len(UNREACHABLE) * 3
    assert stat(log, "robotstxt/retry_count") == len(UNREACHABLE) * 2
    assert stat(log, "robotstxt/forbidden") == 0
