"""DNS rebinding: the address policy holds for the address actually connected to.

A name whose every lookup alternates an allowed address (127.0.0.1, allowed with
``ADDRESSGUARD_ALLOW`` for the test) and a refused one (127.0.0.2) must never get a
connection to the refused one. Unit tests of :class:`GuardedResolver` with a stand-in
lookup, then real Scrapy crawls (a subprocess running this file) of a local server on
0.0.0.0 with ``socket.getaddrinfo``/``gethostbyname`` patched: no network needed.
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import logging
import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from twisted.internet.address import IPv4Address

from scraper.fetch.resolver import GuardedResolver

ROOT = Path(__file__).resolve().parents[2]
ALLOWED, REFUSED = "127.0.0.1", "127.0.0.2"
HOST = "rebind.test"
REQUESTS = 24


# --- the resolver on its own ---------------------------------------------------------


class _Pool:
    """Runs "threaded" calls at once, so the resolver's Deferreds fire synchronously."""

    def callInThreadWithCallback(self, on_result, f, *args, **kwargs):  # noqa: N802
        try:
            result = f(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001
            on_result(False, exc)
        else:
            on_result(True, result)


class _Reactor:
    def getThreadPool(self):  # noqa: N802
        return _Pool()

    def callFromThread(self, f, *args, **kwargs):  # noqa: N802
        f(*args, **kwargs)


class _Receiver:
    def __init__(self) -> None:
        self.addresses: list = []
        self.complete = False

    def resolutionBegan(self, resolution):  # noqa: N802
        pass

    def addressResolved(self, address):  # noqa: N802
        self.addresses.append(address)

    def resolutionComplete(self):  # noqa: N802
        self.complete = True


def _alternating():
    answers = itertools.cycle([ALLOWED, REFUSED])
    return lambda host: (ipaddress.ip_address(next(answers)),)


def _resolver(lookup, **kwargs) -> GuardedResolver:
    options = {"allow": [ALLOWED], "allow_private": False, "dns_ttl": 0.0, "dns_timeout": 0.0, **kwargs}
    return GuardedResolver(_Reactor(), lookup=lookup, **options)


def _resolve(resolver: GuardedResolver, host: str = HOST) -> list[str]:
    receiver = _Receiver()
    resolver.resolveHostName(receiver, host, 80)
    assert receiver.complete
    assert all(isinstance(a, IPv4Address) and a.port == 80 for a in receiver.addresses)
    return [a.host for a in receiver.addresses]


def test_a_refused_answer_hands_twisted_no_address_and_is_reported(caplog):
    resolver = _resolver(_alternating())
    refusals = []
    resolver.add_listener(lambda host, refusal: refusals.append((host, refusal.reason)))
    with caplog.at_level(logging.WARNING):
        answers = [_resolve(resolver) for _ in range(6)]
    assert answers == [[ALLOWED], [], [ALLOWED], [], [ALLOWED], []]
    assert refusals == [(HOST, "loopback")] * 3
    logged = [r.getMessage() for r in caplog.records if "Refused connection" in r.getMessage()]
    assert logged == [f"Refused connection to {HOST}: host {HOST} resolves to {REFUSED}, a loopback address"]


def test_one_bad_address_refuses_the_whole_answer():
    resolver = _resolver(lambda host: (ipaddress.ip_address("93.184.216.34"), ipaddress.ip_address("10.0.0.1")))
    assert _resolve(resolver) == []


def test_the_answer_checked_is_the_answer_connected_to_within_the_ttl():
    resolver = _resolver(_alternating(), dns_ttl=300.0)
    assert [_resolve(resolver) for _ in range(4)] == [[ALLOWED]] * 4


def test_allow_private_and_allowed_names_pass_everything():
    assert _resolve(_resolver(_alternating(), allow=[], allow_private=True)) == [ALLOWED]
    resolver = _resolver(_alternating(), allow=[HOST])
    assert [_resolve(resolver) for _ in range(2)] == [[ALLOWED], [REFUSED]]
    assert _resolve(_resolver(_alternating(), allow=[]), "localhost") == []


def test_a_failed_lookup_completes_with_no_address():
    def fail(host):
        raise OSError("no such host")

    assert _resolve(_resolver(fail)) == []


def test_the_project_settings_install_it():
    from scraper.config.project import project_settings

    assert project_settings()["TWISTED_DNS_RESOLVER"] == "scraper.fetch.resolver.GuardedResolver"


# --- real crawls ------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def server() -> Iterator[tuple[int, Counter]]:
    """An HTTP server on 0.0.0.0, counting requests by the local address they reached."""
    reached: Counter = Counter()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002
            pass

        def do_GET(self):  # noqa: N802
            reached[self.connection.getsockname()[0]] += 1
            body = b"<html><body>ok</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = _Server(("0.0.0.0", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], reached
    finally:
        httpd.shutdown()
        httpd.server_close()


def _crawl(port: int, ttl: float, concurrency: int, root: Path = ROOT) -> dict:
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, __file__, str(port), str(ttl), str(concurrency)],
        capture_output=True, text=True, timeout=120, cwd=root, env=env, check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return {"stats": json.loads(result.stdout.strip().splitlines()[-1]), "log": result.stderr}


def test_a_rebinding_name_never_gets_a_connection_to_the_refused_address(server):
    port, reached = server
    crawl = _crawl(port, ttl=0.0, concurrency=8)
    assert reached[REFUSED] == 0, (reached, crawl["log"][-3000:])
    stats = crawl["stats"]
    assert stats.get("addressguard/refused/loopback", 0) >= REQUESTS // 2, stats
    assert f"Refused connection to {HOST}" in crawl["log"] or reached[ALLOWED] == REQUESTS


def test_with_a_ttl_the_checked_answer_is_the_one_connected_to(server):
    port, reached = server
    crawl = _crawl(port, ttl=300.0, concurrency=1)
    assert reached == Counter({ALLOWED: REQUESTS}), (reached, crawl["log"][-3000:])
    assert not any(k.startswith("addressguard/refused") for k in crawl["stats"]), crawl["stats"]


def _drive(port: int, ttl: float, concurrency: int) -> None:
    """In the subprocess: a real Scrapy crawl of ``REQUESTS`` pages of the rebinding name."""
    import socket

    import scrapy
    from scrapy.crawler import CrawlerProcess

    from scraper.config.project import project_settings

    answers = itertools.cycle([ALLOWED, REFUSED])
    lock = threading.Lock()
    real_getaddrinfo, real_gethostbyname = socket.getaddrinfo, socket.gethostbyname

    def next_answer() -> str:
        with lock:
            return next(answers)

    def getaddrinfo(host, *args, **kwargs):
        return real_getaddrinfo(next_answer() if host == HOST else host, *args, **kwargs)

    def gethostbyname(host):
        return next_answer() if host == HOST else real_gethostbyname(host)

    socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname

    class Rebind(scrapy.Spider):
        name = "rebind"

        async def start(self):
            for i in range(REQUESTS):
                yield scrapy.Request(f"http://{HOST}:{port}/page/{i}", dont_filter=True, errback=self.failed)

        def parse(self, response):
            pass

        def failed(self, failure):
            pass

    settings = project_settings({
        "ADDRESSGUARD_ALLOW": [ALLOWED], "ADDRESSGUARD_DNS_TTL": ttl, "ROBOTSTXT_OBEY": False,
        "RETRY_ENABLED": False, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "BACKOFF_ENABLED": False,
        "CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "ITEM_PIPELINES": {}, "LOG_LEVEL": "INFO",
    })
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(Rebind)
    process.crawl(crawler)
    process.start()
    stats = {k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, int)}
    print(json.dumps(stats))


if __name__ == "__main__":
    _drive(int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]))
