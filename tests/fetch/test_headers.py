"""The response-header cap (``DOWNLOAD_MAXHEADERS``, ``DOWNLOAD_MAXHEADERSIZE``).

The parser on its own (Twisted's in-memory transport, no network), then a real
``scraper crawl`` of a local server whose article sends 10,000 headers: aborted, counted
as ``dropped/too_many_headers`` and not retried, while an ordinary article is saved.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import run_cli
from twisted.internet.testing import StringTransport
from twisted.web._newclient import Request, ResponseFailed
from twisted.web.http_headers import Headers

from scraper.config.project import project_settings
from scraper.fetch.headercap import HeaderLimits, TooManyHeaders, _CappedFactory

FLOOD = 10_000


def _respond(head: bytes, limits: HeaderLimits) -> tuple[list, list]:
    """Feed ``head`` to a capped protocol; return (responses, failures) and the transport."""
    protocol = _CappedFactory(lambda p: None, "test", limits=limits).buildProtocol(None)
    transport = StringTransport()
    protocol.makeConnection(transport)
    responses, failures = [], []
    d = protocol.request(Request(b"GET", b"/", Headers({b"host": [b"a.test"]}), None))
    d.addCallbacks(responses.append, failures.append)
    protocol.dataReceived(head)
    return responses, failures, transport


def _head(count: int, value: bytes = b"x" * 16) -> bytes:
    lines = b"".join(b"X-H-%d: %s\r\n" % (i, value) for i in range(count))
    return b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" + lines + b"\r\nok"


def test_headers_under_the_caps_pass():
    responses, failures, _ = _respond(_head(98), HeaderLimits(100, 64 * 1024))
    assert not failures and responses[0].code == 200
    assert responses[0].headers.getRawHeaders(b"x-h-97") == [b"x" * 16]


@pytest.mark.parametrize(
    ("head", "why"),
    [
        (_head(FLOOD), "more than 100 headers"),
        (_head(10, b"v" * 10_000), "headers over 65536 bytes"),
        (_head(5).replace(b"X-H-1: ", b"X-Long: a\r\n" + b" continued\r\n" * 8_000 + b"X-H-1: "),
         "headers over 65536 bytes"),  # continuation lines count in bytes, not as headers
    ],
)
def test_a_response_over_a_cap_is_aborted(head, why):
    responses, failures, transport = _respond(head, HeaderLimits(100, 64 * 1024))
    assert not responses
    failure = failures[0]
    assert failure.check(ResponseFailed)
    reasons = [r.value for r in failure.value.reasons]
    assert any(isinstance(r, TooManyHeaders) and why in str(r) for r in reasons), reasons
    assert transport.disconnecting  # the rest of the response is not read


def test_the_project_settings_install_the_handler():
    settings = project_settings()
    for scheme in ("http", "https"):
        assert settings.getdict("DOWNLOAD_HANDLERS")[scheme] == "scraper.fetch.headercap.HeaderCappedDownloadHandler"
    assert settings.getint("DOWNLOAD_MAXHEADERS") == 100
    assert settings.getint("DOWNLOAD_MAXHEADERSIZE") == 64 * 1024


# --- a real crawl ------------------------------------------------------------------------

FINE, FLOODED = "/2024/03/05/harbour/", "/2024/03/05/flood/"


def _article(title: str) -> bytes:
    paragraphs = "".join(
        f"<p>Paragraph {i} of a long enough article body about the {title} and its ships, "
        f"written so that the extractor sees real prose in sentence number {i}.</p>"
        for i in range(8)
    )
    return (
        f'<html lang="en"><head><title>{title}</title><meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2024-03-05T08:00:00+01:00"></head>'
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


@pytest.fixture
def flood_site() -> Iterator[tuple[str, Counter]]:
    requested: Counter = Counter()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            requested[self.path] += 1
            if self.path == "/":
                body = f'<html><body><a href="{FINE}">a</a> <a href="{FLOODED}">b</a></body></html>'.encode()
            elif self.path in (FINE, FLOODED):
                body = _article("Harbour news" if self.path == FINE else "Flood news")
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for i in range(FLOOD if self.path == FLOODED else 40):
                self.send_header(f"X-Distinct-{i}", "y" * 20)
            try:
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the crawler hung up: the point

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", requested
    finally:
        server.shutdown()
        server.server_close()


def test_a_crawl_drops_the_page_with_10000_headers_and_keeps_the_other(flood_site, tmp_path: Path):
    base, requested = flood_site
    config = tmp_path / "sites.toml"
    config.write_text(
        f'[[sites]]\nname = "local"\nstart_urls = ["{base}/"]\n'
        "allow = ['/\\d{4}/\\d{2}/\\d{2}/[^/]+/$']\nlanguage = \"en\"\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("crawl", str(config), "--out", str(out), "--allow-private",
                     "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
                     "-s", "LOG_SCRAPY_DETAILS=True", timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    records = [json.loads(line) for f in out.glob("*/*.jsonl") for line in f.read_text("utf-8").splitlines()]
    assert [r["url"] for r in records] == [base + FINE], result.stderr[-3000:]
    assert f"Skipped {base}{FLOODED}: too_many_headers (more than 100 headers (DOWNLOAD_MAXHEADERS))" in result.stderr
    assert "'dropped/too_many_headers': 1" in result.stderr
    assert "Fetch failed" not in result.stderr
    assert requested[FLOODED] == 1  # not retried: the server would send the same
