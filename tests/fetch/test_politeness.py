"""Politeness under faults: robots.txt Crawl-delay, 429 Retry-After, failing-host backoff.

Pure helpers are tested directly; the middlewares in real crawls (`scraper crawl` in a
subprocess) of tiny threaded HTTP servers on 127.0.0.1 / 127.0.0.2 that record when
each request arrives. Timing assertions are lower bounds with some tolerance and
generous upper bounds: the test machine is shared and noisy.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from conftest import run_cli
from scrapy.core.downloader import Slot

from scraper.fetch.backoff import backoff_delay, is_failure_status, parse_retry_after
from scraper.fetch.crawldelay import effective_crawl_delay, hold_at_least, narrowed_jitter

TOLERANCE = 0.15  # seconds a timer, a socket or a busy CPU may shave off a measured gap


# --- pure helpers ------------------------------------------------------------------------

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 2 ", 2.0),
        (b"7", 7.0),
        ("1.5", 1.5),
        ("0", 0.0),
        (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
        ("Wed, 01 May 2024 12:00:30 GMT", 30.0),
        ("Wed, 01 May 2024 11:00:00 GMT", 0.0),  # in the past: no wait
        ("-5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value, now=NOW) == expected


@pytest.mark.parametrize(
    ("failures", "expected"),
    [(0, 0.0), (1, 2.0), (2, 4.0), (3, 8.0), (8, 256.0), (9, 300.0), (10_000, 300.0)],
)
def test_backoff_delay_doubles_from_base_up_to_the_cap(failures, expected):
    assert backoff_delay(failures, base=2.0, cap=300.0) == expected


def test_failure_statuses():
    assert [s for s in (200, 301, 304, 404, 408, 429, 500, 503, 522) if is_failure_status(s)] == [
        408, 429, 500, 503, 522,
    ]


def test_a_robots_txt_answer_does_not_lift_a_failing_hosts_backoff():
    from scrapy.http import Request, Response
    from scrapy.utils.test import get_crawler

    from scraper.config.project import project_defaults
    from scraper.fetch.backoff import BackoffMiddleware

    backoff = BackoffMiddleware.from_crawler(get_crawler(settings_dict=project_defaults()))
    backoff._slot = lambda key: None  # no engine outside a crawl, so no download slot to adjust

    def answer(path: str, status: int) -> None:
        url = f"http://h.test{path}"
        backoff.response_downloaded(Response(url, status=status), Request(url, meta={"download_slot": "h.test"}))

    answer("/a", 500)
    answer("/b", 503)
    assert backoff.hosts["h.test"].failures == 2
    answer("/robots.txt", 200)  # often an edge cache's answer while the pages fail
    assert backoff.hosts["h.test"].failures == 2
    answer("/c", 200)
    assert backoff.hosts["h.test"].failures == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (0.0, None), (-1.0, None), (float("nan"), None), (1.0, 1.0), (0.5, 0.5), (3600.0, 60.0)],
)
def test_effective_crawl_delay_ignores_nonsense_and_caps(value, expected):
    assert effective_crawl_delay(value, cap=60.0) == expected


def test_narrowed_jitter_keeps_the_shortest_randomised_delay_above_the_floor():
    assert narrowed_jitter(delay=1.0, floor=1.0, jitter=0.5) == 0.0
    assert narrowed_jitter(delay=4.0, floor=1.0, jitter=0.5) == 0.5
    assert narrowed_jitter(delay=2.0, floor=1.5, jitter=0.5) == pytest.approx(0.25)
    assert narrowed_jitter(delay=0.0, floor=0.0, jitter=0.5) == 0.5


def test_hold_at_least_raises_but_never_lowers():
    slot = Slot(concurrency=2, delay=0.0, jitter=0.5)
    assert hold_at_least(slot, 1.0)
    assert (slot.delay, slot.jitter) == (1.0, 0.0)
    assert all(slot.download_delay() >= 1.0 for _ in range(100))
    slot = Slot(concurrency=2, delay=5.0, jitter=0.5)
    assert not hold_at_least(slot, 1.0)
    assert (slot.delay, slot.jitter) == (5.0, 0.5)


# --- a tiny recording web server ---------------------------------------------------------

PARAGRAPH = (
    "The harbour authority confirmed on Tuesday that the new breakwater, planned for more "
    "than a decade, will be finished before the winter storms arrive. Engineers said the "
    "structure had been tested against waves twice as high as any recorded in the bay, "
    "and fishermen who had long complained about damaged boats welcomed the announcement. "
)


def article_html(title: str) -> bytes:
    paragraphs = "".join(f"<p>{PARAGRAPH} ({title}, part {i}.)</p>\n" for i in range(1, 5))
    return (
        f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
        f"</head><body><article><h1>{title}</h1>\n{paragraphs}</article></body></html>"
    ).encode()


def home_html(links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{link}">{link}</a></li>' for link in links)
    return f"<!doctype html><html><head><title>Home</title></head><body><ul>{items}</ul></body></html>".encode()


Reply = tuple[int, dict[str, str], bytes]


class Site:
    """An HTTP server on ``host`` answering with ``route(path, hit_number)``; records hits."""

    def __init__(self, host: str, route: Callable[[str, int], Reply]) -> None:
        self.route = route
        self.hits: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                with site._lock:
                    site.hits.append((time.monotonic(), self.path))
                    count = sum(1 for _, p in site.hits if p == self.path)
                status, headers, body = site.route(self.path, count)
                self.send_response(status)
                headers = {"Content-Type": "text/html; charset=utf-8", **headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://{host}:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def times(self, skip_robots: bool = False) -> list[float]:
        return [t for t, p in self.hits if not (skip_robots and p == "/robots.txt")]

    def paths(self) -> list[str]:
        return [p for _, p in self.hits]


def gaps(times: list[float]) -> list[float]:
    times = sorted(times)
    return [b - a for a, b in zip(times, times[1:])]


def news_route(articles: list[str], robots: str = "User-agent: *\nAllow: /\n",
               special: Callable[[str, int], Reply | None] | None = None) -> Callable[[str, int], Reply]:
    def route(path: str, count: int) -> Reply:
        if special is not None and (reply := special(path, count)) is not None:
            return reply
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, robots.encode()
        if path == "/":
            return 200, {}, home_html(articles)
        if path in articles:
            return 200, {}, article_html(f"Story {path.rsplit('-', 1)[-1]}")
        return 404, {}, b"<html><body>not here</body></html>"

    return route


def write_config(path: Path, sites: dict[str, Site]) -> Path:
    blocks = [
        f'[[sites]]\nname = "{name}"\nstart_urls = ["{site.base}/"]\n'
        f"allow = ['/news/story-\\d+$']\nlanguage = \"en\"\nmax_depth = 1\n"
        for name, site in sites.items()
    ]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def crawl(config: Path, out: Path, *settings: str, exit_code: int = 0) -> str:
    args = ["crawl", str(config), "--out", str(out), "--no-state", "-s", "SCRAPER_ALLOW_PRIVATE=True",
            "-s", "LOG_SCRAPY_DETAILS=True"]  # the tests read the stats dump
    for setting in settings:
        args += ["-s", setting]
    result = run_cli(*args, timeout=180)
    assert result.returncode == exit_code, result.stdout[-2000:] + result.stderr[-4000:]
    # an exception in a signal handler is only logged by Scrapy: it must fail the test
    assert "Error caught on signal handler" not in result.stderr, result.stderr[-4000:]
    return result.stderr


def written_urls(out: Path) -> set[str]:
    return {
        json.loads(line)["url"]
        for f in out.glob("*/*.jsonl")
        for line in f.read_text(encoding="utf-8").splitlines()
    }


FAST = ("LOG_SCRAPY_DETAILS=True", "AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS_PER_DOMAIN=4")


@pytest.fixture
def articles() -> list[str]:
    return [f"/news/story-{i}" for i in range(1, 4)]


# --- real crawls -------------------------------------------------------------------------


def test_robots_crawl_delay_spaces_requests_even_with_autothrottle(tmp_path, articles):
    robots = "User-agent: *\nCrawl-delay: 1\nAllow: /\n"
    with Site("127.0.0.1", news_route(articles, robots=robots)) as site:
        config = write_config(tmp_path / "sites.toml", {"delayed": site})
        # AutoThrottle on, starting at 0 s with 0 s minimum: it alone would go flat out.
        log = crawl(config, tmp_path / "out", "AUTOTHROTTLE_ENABLED=True", "AUTOTHROTTLE_START_DELAY=0",
                    "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS_PER_DOMAIN=4")
    assert written_urls(tmp_path / "out") == {site.base + a for a in articles}
    assert len(site.hits) >= 5  # robots.txt, home page, 3 articles
    assert min(gaps(site.times())) >= 1.0 - TOLERANCE, site.hits
    assert "Crawl-delay: at least 1 s between requests" in log
    assert "'crawldelay/applied': 1" in log


def test_crawl_delay_is_capped_by_crawldelay_max(tmp_path, articles):
    robots = "User-agent: *\nCrawl-delay: 3600\n"
    with Site("127.0.0.1", news_route(articles[:1], robots=robots)) as site:
        config = write_config(tmp_path / "sites.toml", {"capped": site})
        started = time.monotonic()
        log = crawl(config, tmp_path / "out", *FAST, "CRAWLDELAY_MAX=0.5")
        took = time.monotonic() - started
    assert written_urls(tmp_path / "out") == {site.base + articles[0]}
    assert min(gaps(site.times())) >= 0.5 - TOLERANCE, site.hits
    assert took < 60
    assert "capped by CRAWLDELAY_MAX" in log


SLOW_429 = 0.4  # seconds the 429 takes: separates requests already in flight from later ones


def test_429_retry_after_is_waited_for_then_the_page_is_crawled(tmp_path, articles):
    target = articles[0]

    def too_many_first(path: str, count: int) -> Reply | None:
        if path == target and count == 1:
            time.sleep(SLOW_429)
            return 429, {"Retry-After": "2"}, b"<html><body>slow down</body></html>"
        return None

    with Site("127.0.0.1", news_route(articles, special=too_many_first)) as site:
        config = write_config(tmp_path / "sites.toml", {"limited": site})
        log = crawl(config, tmp_path / "out", *FAST)
    hits = [t for t, p in site.hits if p == target]
    assert len(hits) == 2, site.hits
    assert hits[1] - hits[0] >= 2.0 - TOLERANCE
    assert hits[1] - hits[0] < 30
    # The whole host was paused, not only the one URL. Requests sent together with the
    # first hit arrive within milliseconds of it; any sent after the (slow) 429 arrived
    # must wait for the pause.
    later = [t - hits[0] for t, p in site.hits if t - hits[0] > SLOW_429 / 2 and p != target]
    assert all(t >= 2.0 - TOLERANCE for t in later), site.hits
    assert written_urls(tmp_path / "out") == {site.base + a for a in articles}
    assert "answered 429 with Retry-After: no request to it for 2 s" in log
    assert "'backoff/retry_after': 1" in log


def test_a_failing_host_is_backed_off_while_another_is_crawled_at_full_speed(tmp_path):
    healthy_articles = [f"/news/story-{i}" for i in range(1, 7)]
    failing_starts = ["/", "/world", "/sport"]

    def always_500(path: str, count: int) -> Reply | None:
        return None if path == "/robots.txt" else (500, {}, b"<html><body>oops</body></html>")

    with Site("127.0.0.1", news_route(healthy_articles)) as healthy, \
            Site("127.0.0.2", news_route([], special=always_500)) as failing:
        config = tmp_path / "sites.toml"
        write_config(config, {"healthy": healthy, "failing": failing})
        text = config.read_text(encoding="utf-8").replace(
            f'start_urls = ["{failing.base}/"]',
            "start_urls = [" + ", ".join(f'"{failing.base}{p}"' for p in failing_starts) + "]",
        )
        config.write_text(text, encoding="utf-8")
        # exit 3 (exit_codes.UNREACHABLE): nothing but robots.txt of the failing site answered
        log = crawl(config, tmp_path / "out", *FAST, "BACKOFF_BASE=0.5", "BACKOFF_MAX=1.0", exit_code=3)

    # The failing host: 3 start pages x (1 + RETRY_TIMES=2) = 9 requests, which after the
    # first failures are at least BACKOFF_BASE, then BACKOFF_MAX apart.
    failing_pages = failing.times(skip_robots=True)
    assert len(failing_pages) == 9, failing.hits
    spaced = gaps(failing_pages)
    assert sum(g >= 0.5 - TOLERANCE for g in spaced) >= 6, spaced
    assert sum(g >= 1.0 - TOLERANCE for g in spaced) >= 4, spaced
    assert max(failing_pages) - min(failing_pages) >= 5.0, spaced

    # The healthy host was not slowed down: every page, at full speed, while the
    # failing host was still being backed off.
    assert written_urls(tmp_path / "out") == {healthy.base + a for a in healthy_articles}
    healthy_times = healthy.times()
    assert max(gaps(healthy_times)) < 0.5, gaps(healthy_times)
    assert max(healthy_times) < max(failing_pages)

    assert "Host 127.0.0.2 is failing" in log
    assert "Host 127.0.0.1 is failing" not in log
    # 0.5 s, then the 1.0 s cap, no more: the host's robots.txt, which it serves fine,
    # does not lift the backoff (its answer says nothing about the pages).
    delayed = re.search(r"'backoff/host_delayed': (\d+)", log)
    assert delayed and int(delayed.group(1)) == 2, log[-3000:]


def test_a_host_that_never_answers_is_given_up_after_backoff_give_up_seconds(tmp_path):
    starts = [f"/section-{i}" for i in range(8)]

    def hang(path: str, count: int) -> Reply | None:
        if path == "/robots.txt":
            return None  # its robots.txt answers (an edge cache); its pages never do
        time.sleep(4)
        return 200, {}, b"<html><body>too late</body></html>"

    with Site("127.0.0.1", news_route([], special=hang)) as dead:
        config = tmp_path / "sites.toml"
        write_config(config, {"dead": dead})
        text = config.read_text(encoding="utf-8").replace(
            f'start_urls = ["{dead.base}/"]', "start_urls = [" + ", ".join(f'"{dead.base}{p}"' for p in starts) + "]")
        config.write_text(text, encoding="utf-8")
        result = run_cli("crawl", str(config), "--out", str(tmp_path / "out"), "--no-state",
                         "-s", "SCRAPER_ALLOW_PRIVATE=True", *(f"-s{s}" for s in FAST),
                         "-s", "DOWNLOAD_TIMEOUT=1", "-s", "BACKOFF_BASE=0.2", "-s", "BACKOFF_MAX=0.5",
                         "-s", "BACKOFF_GIVE_UP=2", timeout=180)
    log = result.stderr
    assert "Error caught on signal handler" not in log, log[-4000:]
    # without giving up: 8 pages x (1 + RETRY_TIMES=2) = 24 attempts, each a timeout
    pages = [p for p in dead.paths() if p != "/robots.txt"]
    assert len(pages) < 24, pages
    assert "giving up on it for this crawl (BACKOFF_GIVE_UP)" in log
    assert "'backoff/hosts_given_up': 1" in log
    assert re.search(r"'site/dead/fetch_failed/host_given_up': [1-9]", log), log[-3000:]
    assert result.returncode == 3, log[-3000:]  # exit_codes.UNREACHABLE: only robots.txt answered
    assert "scraper: dead: nothing could be fetched (only robots.txt answered): 8 failed" in log
