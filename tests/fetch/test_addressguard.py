"""The address guard: no requests to non-web schemes or non-public addresses (SSRF).

Unit tests of the classification and of the middleware on real Scrapy requests (with a
stand-in resolver), then real crawls (`scraper crawl` subprocesses) of a small site
served on 127.0.0.1: refused by default, fetched with `--allow-private`, and a redirect
from an allowlisted address to a private one refused.

A crawl whose every request is refused exits 0: refusing is the policy working, not the
crawl failing; the refusals are in the log and in the stats (`addressguard/refused/*`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import run_cli
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError

from scraper.config.project import project_defaults
from scraper.fetch.addressguard import (
    AddressGuardMiddleware,
    AddressPolicy,
    address_problem,
    name_problem,
    parse_address,
)

ANY = object()  # refused, for whatever reason
FAST = ["-s", "LOG_SCRAPY_DETAILS=True",  # the tests read the stats dump
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_ENABLED=False"]


# --- Classification ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("93.184.216.34", None),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("fe80::1%2", "link-local"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("100.64.0.1", "shared"),
        ("100.127.255.254", "shared"),
        # Special-purpose blocks: which word Python's tables give varies by version.
        ("240.0.0.1", ANY),  # reserved
        ("255.255.255.255", ANY),  # broadcast
        ("192.0.2.10", ANY),  # documentation (TEST-NET-1)
        ("198.18.0.1", ANY),  # benchmarking
        ("2001:db8::1", ANY),  # documentation
        ("100::1", ANY),  # discard-only
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped IPv6
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:169.254.169.254", "metadata"),
        ("::ffff:0.0.0.0", "unspecified"),
        ("::ffff:8.8.8.8", None),  # the same address as 8.8.8.8
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("2002:a9fe:a9fe::", "metadata"),  # 6to4 of 169.254.169.254
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("64:ff9b::808:808", None),  # NAT64 of 8.8.8.8
    ],
)
def test_address_classification(address, reason):
    problem = address_problem(ipaddress.ip_address(address))
    if reason is ANY:
        assert problem is not None
    else:
        assert problem == reason


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("::1", "::1"),
        ("example.com", None),
        ("cafe.be", None),
        ("", None),
    ],
)
def test_shorthand_ipv4_forms_are_read_as_addresses(host, address):
    parsed = parse_address(host)
    assert (str(parsed) if parsed else None) == address


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("localhost", "loopback"),
        ("LOCALHOST.", "loopback"),
        ("app.localhost", "loopback"),
        ("metadata.google.internal", "metadata"),
        ("metadata", "metadata"),
        ("example.com", None),
        ("notlocalhost.com", None),
    ],
)
def test_local_and_metadata_names(host, reason):
    assert name_problem(host) == reason


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.com/x", "scheme"),
        ("data:text/html,<p>hi</p>", "scheme"),
        ("gopher://example.com/", "scheme"),
        ("http://user:secret@example.com/", "userinfo"),
        ("http://127.0.0.1:8080/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:7f00:1]/", "loopback"),
        ("http://0x7f000001/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://metadata.google.internal/computeMetadata/v1/", "metadata"),
        ("https://localhost/", "loopback"),
        ("http://10.0.0.5/", "private"),
        ("http://[fe80::1%25eth0]/", "link-local"),
        ("http://0.0.0.0/", "unspecified"),
    ],
)
def test_urls_refused_without_resolution(url, reason):
    refusal, host = AddressPolicy().check_url(url)
    assert host is None
    assert refusal is not None and refusal.reason == reason
    assert "secret" not in refusal.detail


def test_public_literals_pass_and_names_need_resolution():
    policy = AddressPolicy()
    assert policy.check_url("https://93.184.216.34/a") == (None, None)
    assert policy.check_url("HTTPS://News.Example.COM./a") == (None, "news.example.com")


def test_allowlist_of_networks_and_names():
    policy = AddressPolicy(["127.0.0.2", "10.20.0.0/16", "Intranet.Example"])
    assert policy.check_url("http://127.0.0.2:8000/") == (None, None)
    assert policy.check_url("http://[::ffff:127.0.0.2]/") == (None, None)
    assert policy.check_url("http://intranet.example/") == (None, None)
    assert policy.check_address(ipaddress.ip_address("10.20.3.4")) is None
    assert policy.check_address(ipaddress.ip_address("10.21.0.1")) == "private"
    assert policy.check_url("http://127.0.0.1/")[0].reason == "loopback"
    # The scheme and credential checks hold for allowlisted hosts too.
    assert policy.check_url("ftp://127.0.0.2/")[0].reason == "scheme"


# --- The middleware on real requests ------------------------------------------------------


class FakeDNS:
    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    async def __call__(self, host: str) -> list[str]:
        self.calls.append(host)
        if host not in self.answers:
            raise OSError(-2, "Name or service not known")
        return self.answers[host]


DNS = {
    "news.example.com": ["93.184.216.34", "2606:2800:220:1::1"],
    "rebind.example.com": ["93.184.216.34", "10.0.0.7"],  # one bad address is enough
    "inside.example.com": ["::ffff:192.168.0.10"],
    "meta.example.com": ["169.254.169.254"],
}


def guard(settings: dict | None = None, dns: FakeDNS | None = None):
    crawler = get_crawler(settings_dict={**project_defaults(), **(settings or {})})
    mw = AddressGuardMiddleware.from_crawler(crawler)
    mw.resolver = dns or FakeDNS(DNS)
    return mw, crawler.stats


def outcome(mw, url: str):
    """None if the request passes, else the exception the middleware raised."""
    async def run():
        return await mw.process_request(Request(url))
    try:
        assert asyncio.run(run()) is None
    except (IgnoreRequest, DNSLookupError) as exc:
        return exc
    return None


def test_resolved_addresses_decide(caplog):
    mw, stats = guard()
    caplog.set_level(logging.WARNING, logger="scraper.fetch.addressguard")
    assert outcome(mw, "https://news.example.com/2024/a") is None
    assert isinstance(outcome(mw, "https://rebind.example.com/"), IgnoreRequest)
    assert isinstance(outcome(mw, "http://inside.example.com/"), IgnoreRequest)
    assert isinstance(outcome(mw, "http://meta.example.com/latest"), IgnoreRequest)
    assert stats.get_value("addressguard/refused/private") == 2
    assert stats.get_value("addressguard/refused/metadata") == 1
    lines = [r.getMessage() for r in caplog.records]
    assert lines[0] == ("Refused https://rebind.example.com/: host rebind.example.com resolves to "
                        "10.0.0.7, a private address")
    assert len(lines) == 3  # one line per refused URL, none for the allowed one


def test_literal_and_scheme_refusals_are_counted_by_reason():
    mw, stats = guard()
    for url in ("http://127.0.0.1/", "http://[::1]:8080/", "file:///etc/passwd",
                "http://localhost:8000/", "http://169.254.169.254/"):
        assert isinstance(outcome(mw, url), IgnoreRequest), url
    assert stats.get_value("addressguard/refused/loopback") == 3
    assert stats.get_value("addressguard/refused/scheme") == 1
    assert stats.get_value("addressguard/refused/metadata") == 1


def test_credentials_are_refused_and_never_logged(caplog):
    mw, stats = guard()
    caplog.set_level(logging.DEBUG)
    exc = outcome(mw, "https://alice:hunter2@news.example.com/private")
    assert isinstance(exc, IgnoreRequest) and "hunter2" not in str(exc)
    assert stats.get_value("addressguard/refused/userinfo") == 1
    assert "hunter2" not in caplog.text and "alice" not in caplog.text
    assert "Refused https://news.example.com/private" in caplog.text


def test_an_unresolvable_host_fails_like_a_download_would():
    mw, stats = guard()
    exc = outcome(mw, "https://nowhere.example.com/")
    assert isinstance(exc, DNSLookupError) and "nowhere.example.com" in str(exc)
    assert not any(k.startswith("addressguard/") for k in stats.get_stats())


def test_resolutions_are_cached_for_the_ttl():
    dns = FakeDNS(DNS)
    mw, _ = guard({"ADDRESSGUARD_DNS_TTL": 60}, dns)
    now = [1000.0]
    mw.cache.clock = lambda: now[0]

    async def run():
        for path in ("a", "b", "c"):
            await mw.process_request(Request(f"https://news.example.com/{path}"))
        now[0] += 61
        await mw.process_request(Request("https://news.example.com/d"))

    asyncio.run(run())
    assert dns.calls == ["news.example.com", "news.example.com"]


def test_the_real_resolver_runs_off_the_event_loop():
    mw = AddressGuardMiddleware.from_crawler(get_crawler(settings_dict=project_defaults()))

    async def run():
        ticks = 0

        async def ticker():
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0)

        task = asyncio.ensure_future(ticker())
        try:
            await mw.process_request(Request("http://localhost.example.invalid./"))
        except DNSLookupError:
            pass  # no DNS here, or .invalid resolves nowhere: either way, no refusal
        task.cancel()
        return ticks

    assert asyncio.run(run()) >= 1
    # `localhost` itself resolves locally, to loopback addresses: refused by name first.
    assert isinstance(outcome(mw, "http://LocalHost./"), IgnoreRequest)


def test_allowlist_setting_is_read():
    mw, _ = guard({"ADDRESSGUARD_ALLOW": "127.0.0.2,inside.example.com"})
    assert outcome(mw, "http://127.0.0.2:8000/") is None
    assert outcome(mw, "http://inside.example.com/") is None
    assert isinstance(outcome(mw, "http://127.0.0.1:8000/"), IgnoreRequest)


def test_allow_private_switches_the_guard_off_and_says_so(caplog):
    caplog.set_level(logging.WARNING)
    with pytest.raises(NotConfigured):
        AddressGuardMiddleware.from_crawler(
            get_crawler(settings_dict={**project_defaults(), "SCRAPER_ALLOW_PRIVATE": "True"}))
    assert "SCRAPER_ALLOW_PRIVATE is on" in caplog.text


def test_the_project_settings_enable_the_guard_and_refuse_private_addresses():
    from scraper.config import settings

    assert settings.DOWNLOADER_MIDDLEWARES["scraper.fetch.addressguard.AddressGuardMiddleware"] == 60
    assert settings.SCRAPER_ALLOW_PRIVATE is False


# --- Real crawls of a site on 127.0.0.1 ---------------------------------------------------

ARTICLE_PATH = "/2024/03/05/harbour/"
ARTICLE = (
    '<html lang="en"><head><title>Harbour news</title>'
    '<meta property="og:type" content="article">'
    '<meta property="article:published_time" content="2024-03-05T08:00:00+01:00"></head>'
    "<body><article><h1>Harbour news</h1>"
    + "".join(
        f"<p>Paragraph {i} of a long enough article body about the harbour and its ships, "
        f"written so that the extractor sees real prose in sentence number {i}.</p>"
        for i in range(8)
    )
    + "</article></body></html>"
)


class Site:
    """A tiny site on one loopback address: a home page, one article, maybe a redirect."""

    def __init__(self, host: str, redirect_to: str | None = None) -> None:
        site = self
        self.requested: list[str] = []
        self.redirect_to = redirect_to

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.requested.append(self.path)
                if self.path == "/" and site.redirect_to:
                    self.send_response(302)
                    self.send_header("Location", site.redirect_to)
                    self.end_headers()
                    return
                if self.path == "/":
                    body = f'<html><body><a href="{ARTICLE_PATH}">Harbour</a></body></html>'
                elif self.path == ARTICLE_PATH:
                    body = ARTICLE
                else:
                    self.send_error(404)
                    return
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def local_site() -> Iterator[Site]:
    site = Site("127.0.0.1")
    yield site
    site.close()


def write_config(path: Path, start_url: str, domains: list[str]) -> Path:
    path.write_text(
        "[[sites]]\n"
        'name = "local"\n'
        f'start_urls = ["{start_url}"]\n'
        f"domains = {json.dumps(domains)}\n"
        "allow = ['/\\d{4}/\\d{2}/\\d{2}/[^/]+/$']\n"
        'language = "en"\n',
        encoding="utf-8",
    )
    return path


def records(out: Path) -> list[dict]:
    return [json.loads(line) for f in out.glob("*/*.jsonl") for line in f.read_text("utf-8").splitlines()]


def _summary_rows(stdout: str) -> tuple[list[str], str, list[str]]:
    """The summary table's header and first row, split into columns."""
    lines = stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("site "))
    return lines[at].split(), lines[at + 1], lines[at + 2].split()


def test_a_crawl_of_a_loopback_site_is_refused_by_default(local_site, tmp_path):
    config = write_config(tmp_path / "sites.toml", local_site.url, ["127.0.0.1"])
    result = run_cli("crawl", str(config), "--out", str(tmp_path / "out"), *FAST, timeout=120)
    assert result.returncode == 3, result.stderr[-3000:]  # exit_codes.UNREACHABLE: nothing was read
    assert "scraper: local: every request was refused by the address guard" in result.stderr
    assert "pass --allow-private" in result.stderr
    header, _, row = _summary_rows(result.stdout)
    assert row[header.index("refused")] != "0" and row[header.index("fetched")] == "0"
    assert local_site.requested == []  # not even robots.txt
    assert records(tmp_path / "out") == []
    from scraper.store.state import open_state

    state = open_state(tmp_path / "out" / ".state")
    try:
        assert state.last_crawl("local") is None  # not crawled: the scheduler will try again
    finally:
        state.close()
    assert f"Refused {local_site.url}: 127.0.0.1 is a loopback address" in result.stderr
    assert "'addressguard/refused/loopback': 2" in result.stderr  # the page and robots.txt


def test_the_same_crawl_with_allow_private_fetches_the_article(local_site, tmp_path):
    config = write_config(tmp_path / "sites.toml", local_site.url, ["127.0.0.1"])
    result = run_cli("crawl", str(config), "--out", str(tmp_path / "out"), *FAST, "--allow-private",
                     timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert ARTICLE_PATH in local_site.requested
    assert [r["url"] for r in records(tmp_path / "out")] == [local_site.url.rstrip("/") + ARTICLE_PATH]
    assert "SCRAPER_ALLOW_PRIVATE is on" in result.stderr
    assert "Refused" not in result.stderr


def test_a_redirect_from_an_allowed_host_to_a_private_address_is_refused(local_site, tmp_path):
    try:
        entry = Site("127.0.0.2", redirect_to=local_site.url.rstrip("/") + ARTICLE_PATH)
    except OSError:
        pytest.skip("127.0.0.2 cannot be bound here (only 127.0.0.1 is configured)")
    try:
        config = write_config(tmp_path / "sites.toml", entry.url, ["127.0.0.1", "127.0.0.2"])
        # 127.0.0.2 stands in for a public address; 127.0.0.1 stays private.
        result = run_cli("crawl", str(config), "--out", str(tmp_path / "out"), *FAST,
                         "-s", "ADDRESSGUARD_ALLOW=127.0.0.2", timeout=120)
    finally:
        entry.close()
    assert result.returncode == 3, result.stderr[-3000:]  # its one page led to a refusal: nothing read
    assert "/" in entry.requested  # the allowed host was fetched and redirected ...
    assert local_site.requested == []  # ... but the private target never contacted
    assert records(tmp_path / "out") == []
    target = local_site.url.rstrip("/") + ARTICLE_PATH
    assert f"Refused {target}: 127.0.0.1 is a loopback address" in result.stderr


# --- Log hygiene ------------------------------------------------------------------------------


def test_log_lines_carry_no_credentials_cookies_or_authorization():
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler
    from twisted.python.failure import Failure

    from scraper.crawl.logformatter import ConciseLogFormatter, redact_url

    secret_url = "https://alice:hunter2@news.example.com/2024/03/05/harbour/?page=2#top"
    request = Request(secret_url, headers={
        "Authorization": "Basic YWxpY2U6aHVudGVyMg==",
        "Cookie": "session=s3cr3tcookie",
        "Referer": "https://bob:pa55@news.example.com/",
    })
    response = HtmlResponse(secret_url, request=request, body=b"<html></html>",
                            headers={"Set-Cookie": "session=s3cr3tcookie"})
    crawler = get_crawler()
    spider = crawler.spidercls.from_crawler(crawler, "news")
    item = {"url": secret_url, "html": "<html>whole page</html>"}
    try:
        raise ValueError(f"cannot fetch {secret_url}")
    except ValueError:
        failure = Failure()
    formatter = ConciseLogFormatter()
    results = [
        formatter.crawled(request, response, spider),
        formatter.scraped(item, response, spider),
        formatter.dropped(item, ValueError(f"duplicate of {secret_url}"), response, spider),
        formatter.item_error(item, ValueError("bad"), response, spider),
        formatter.spider_error(failure, request, response, spider),
        formatter.download_error(failure, request, spider, errmsg=f"timeout on {secret_url}"),
        formatter.download_error(failure, request, spider),
    ]
    lines = [r["msg"] % r["args"] for r in results]
    for line in lines:
        for secret in ("alice", "hunter2", "bob", "pa55", "s3cr3tcookie", "YWxpY2U6aHVudGVyMg", "whole page"):
            assert secret not in line, line
    assert lines[0].startswith("Crawled (200) <GET https://news.example.com/2024/03/05/harbour/?page=2#top>")
    assert lines[0].endswith("(referer: https://news.example.com/)")
    assert lines[1] == "Scraped https://news.example.com/2024/03/05/harbour/?page=2#top"
    assert redact_url(b"http://u@h.example/x") == "http://h.example/x"
    assert redact_url("http://h.example/a@b") == "http://h.example/a@b"  # '@' in the path is no userinfo
