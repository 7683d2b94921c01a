"""The fault-injecting HTTP server: a small news site where most pages misbehave.

Threaded, bound to 127.0.0.1 on a free port, and bounded: every slow handler waits on
the server's stop event, and the server shuts itself down after ``lifetime`` seconds
even if a test forgets to stop it.

Good articles (:data:`GOOD`) are linked from the home page, the feed or the news
sitemap, in UTF-8 and in legacy encodings with missing, wrong or conflicting charset
declarations, compressed, slow, behind a retryable error or a redirect. Every other
``/news/`` page, feed and sitemap is hostile (:data:`BAD`, with the skip reasons a crawl
may give for it).
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from faultsite.articles import ALL, BY_SLUG, Article

DOWNLOAD_MAXSIZE = 2 * 1024 * 1024
"""The size cap the test crawl runs with (``-s DOWNLOAD_MAXSIZE``); oversize pages exceed it."""
OVERSIZE = 3 * 1024 * 1024
BOMB_SIZE = 64 * 1024 * 1024
"""Decompressed size of the compression bombs (they are a few kB to 64 kB on the wire)."""
SLOW_SECONDS = 8.0
"""Longer than the test crawl's DOWNLOAD_TIMEOUT."""
HUGE_SITEMAP_ENTRIES = 55_000
HEADER_FLOOD = 10_000
"""Headers /news/header-flood sends."""
XXE_MARKER = "XXE-MARKER-7f3a9c"
"""Content of the local file the XXE fixtures point at; must never reach any output."""

# path -> (article slug, the URL path the record must have)
GOOD: dict[str, tuple[str, str]] = {
    "/news/ar-utf8": ("ar-utf8", "/news/ar-utf8"),
    "/news/ar-1256-wrong-header": ("ar-1256-wrong-header", "/news/ar-1256-wrong-header"),
    "/news/ar-iso6-undeclared": ("ar-iso6-undeclared", "/news/ar-iso6-undeclared"),
    "/news/ar-1256-header-utf8-meta-1256": ("ar-1256-header-utf8-meta-1256", "/news/ar-1256-header-utf8-meta-1256"),
    "/news/ar-utf8-bom-header-1256-meta-iso6": (
        "ar-utf8-bom-header-1256-meta-iso6", "/news/ar-utf8-bom-header-1256-meta-iso6",
    ),
    "/news/ar-utf8-invalid-bytes": ("ar-utf8-invalid-bytes", "/news/ar-utf8-invalid-bytes"),
    "/news/ar-gzip": ("ar-gzip", "/news/ar-gzip"),
    "/news/ar-brotli-1256": ("ar-brotli-1256", "/news/ar-brotli-1256"),
    "/news/ar-feed-iso6-header-1256": ("ar-feed-iso6-header-1256", "/news/ar-feed-iso6-header-1256"),
    "/news/en-1252-meta-utf8": ("en-1252-meta-utf8", "/news/en-1252-meta-utf8"),
    "/news/en-slow": ("en-slow", "/news/en-slow"),
    "/news/en-429-once": ("en-429-once", "/news/en-429-once"),
    "/news/en-503-once": ("en-503-once", "/news/en-503-once"),
    "/news/en-redirect": ("en-final", "/news/en-final"),
    "/news/en-sitemap-utf8-header-latin1": ("en-sitemap-utf8-header-latin1", "/news/en-sitemap-utf8-header-latin1"),
    "/news/en-unclosed-tags": ("en-unclosed-tags", "/news/en-unclosed-tags"),
    "/news/en-deep-nesting": ("en-deep-nesting", "/news/en-deep-nesting"),
    "/news/en-xxe-doctype": ("en-xxe-doctype", "/news/en-xxe-doctype"),
    "/news/ja-sjis-meta-utf8": ("ja-sjis-meta-utf8", "/news/ja-sjis-meta-utf8"),
}
LINKED_FROM_FEED = ("/news/ar-feed-iso6-header-1256", "/news/ar-1256-wrong-header", "/news/en-slow")
LINKED_FROM_SITEMAP = ("/news/en-sitemap-utf8-header-latin1", "/news/ar-utf8", "/news/en-503-once")
NOT_ON_HOME = set(LINKED_FROM_FEED[:1] + LINKED_FROM_SITEMAP[:1])

# path -> skip reasons a crawl may log for it (dropped/<reason> or fetch_failed/<reason>)
BAD: dict[str, tuple[str, ...]] = {
    "/news/timeout": ("timeout",),
    "/news/trickle": ("timeout",),
    "/news/error-500": ("http_500",),
    "/news/error-503": ("http_503",),
    "/news/error-429": ("http_429",),
    "/news/reset": ("data_loss", "connection_lost"),
    "/news/reset-before-headers": ("connection_lost", "data_loss"),
    "/news/truncated": ("data_loss", "connection_lost"),
    "/news/loop-a": ("redirect_loop",),
    "/news/chain/0": ("too_many_redirects",),
    "/news/too-big": ("too_large",),
    "/news/too-big-streamed": ("too_large",),
    "/news/gzip-bomb": ("too_large",),
    "/news/brotli-bomb": ("too_large",),
    "/news/html-as-png": ("not_html",),
    "/news/html-as-octet-stream": ("not_html",),
    "/news/pdf-as-html": ("not_html",),
    "/news/empty": ("empty_body",),
    # permanent skips (dropped/<reason>, never fetch_failed: the site is not re-crawled for them)
    "/news/redirect-to-file": ("unsupported_redirect",),
    "/news/redirect-to-ftp": ("unsupported_redirect",),
    "/news/redirect-to-gopher": ("unsupported_redirect",),
    "/news/gzip-corrupt": ("bad_encoding",),
    "/news/header-flood": ("too_many_headers",),
    "/feed-entity-bomb.xml": ("empty_or_invalid_feed",),
    "/feed-xxe.xml": ("empty_or_invalid_feed",),
    "/feed-garbage.xml": ("empty_or_invalid_feed",),
    "/feed-huge.xml": ("too_large",),
    "/sitemap-entity-bomb.xml": ("invalid_sitemap",),
    "/sitemap-xxe.xml": ("invalid_sitemap",),
    "/sitemap-garbage.xml": ("invalid_sitemap",),
    "/sitemap-gzip-bomb.xml.gz": ("invalid_sitemap",),
    "/sitemap-huge.xml": ("sitemap_truncated",),
    "/sitemap-deep/3.xml": ("sitemap_too_deep",),
}
FEEDS = ("/feed.xml", "/feed-entity-bomb.xml", "/feed-xxe.xml", "/feed-garbage.xml", "/feed-huge.xml")
SITEMAPS_IN_INDEX = (
    "/sitemap-news.xml", "/sitemap-entity-bomb.xml", "/sitemap-xxe.xml", "/sitemap-garbage.xml",
    "/sitemap-gzip-bomb.xml.gz", "/sitemap-huge.xml", "/sitemap-deep/1.xml",
)

_BILLION_LAUGHS = (
    '<!DOCTYPE {root} [\n<!ENTITY lol "lollollollollollollollollollol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
    )
    + "]>\n"
)


def _xxe_doctype(root: str, marker_file: Path) -> str:
    return (
        f'<!DOCTYPE {root} [\n<!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
        f'<!ENTITY marker SYSTEM "file://{marker_file}">\n'
        f'<!ENTITY remote SYSTEM "http://127.0.0.1:9/xxe">\n]>\n'
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def handle_error(self, request, client_address):  # client hang-ups are the point here
        pass


class FaultSite:
    """Serve the fault site on ``host`` (a free port) in background threads."""

    def __init__(self, marker_file: Path, host: str = "127.0.0.1", lifetime: float = 300.0) -> None:
        self.host = host
        self.lifetime = lifetime
        self.marker_file = Path(marker_file)
        self.stopping = threading.Event()
        self.requests: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._timer: threading.Timer | None = None
        self._cache: dict[str, bytes] = {}
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
        self._build_routes()

    # --- lifecycle -------------------------------------------------------------------
    def start(self) -> FaultSite:
        self.marker_file.write_text(XXE_MARKER, encoding="utf-8")
        self._prepare()
        self._httpd = _Server((self.host, 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="faultsite", daemon=True
        )
        self._thread.start()
        self._timer = threading.Timer(self.lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._timer is not None and self._timer is not threading.current_thread():
            self._timer.cancel()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def __enter__(self) -> FaultSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "not started"
        return f"http://{self.host}:{self._httpd.server_address[1]}"

    def config_toml(self, name: str = "hostile") -> str:
        base = self.base_url
        feeds = ", ".join(f'"{base}{f}"' for f in FEEDS)
        return "\n".join([
            "[[sites]]",
            f'name = "{name}"',
            f'start_urls = ["{base}/"]',
            f"feeds = [{feeds}]",
            "sitemaps = []  # robots.txt lists them",
            "allow = ['/news/']",
            "deny = []",
            'language = "en"',
            "max_depth = 2",
            "",
            "[sites.politeness]",
            "download_delay = 0.0",
            "concurrency = 16",
            "",
        ])

    def write_config(self, path: Path) -> Path:
        path.write_text(self.config_toml(), encoding="utf-8")
        return path

    def count(self, path: str) -> int:
        with self._lock:
            return self.requests[path]

    # --- the handler -------------------------------------------------------------------
    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: resets stay local
            server_version = "FaultNews/1.0"
            sys_version = ""

            def log_message(self, format, *args):  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                with site._lock:
                    site.requests[path] += 1
                route = site.routes.get(path)
                if route is None and path.startswith("/news/chain/"):
                    route = site._chain
                elif route is None and path.startswith("/sitemap-deep/"):
                    route = site._deep_sitemap
                if route is None:
                    site._send(self, 404, b"not found", "text/plain")
                    return
                try:
                    route(self)
                except (BrokenPipeError, ConnectionResetError, OSError):
                    pass  # the crawler hung up (size cap, timeout): expected

        return Handler

    # --- responses ---------------------------------------------------------------------
    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str | None,
        headers: dict[str, str] | None = None, length: int | None = None,
    ) -> None:
        handler.send_response(status)
        if content_type:
            handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body) if length is None else length))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(body)

    def _page(self, handler, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self._send(handler, 200, body, content_type, headers)

    def _article(self, slug: str, encoding: str = "utf-8", meta: str | None = None, head: str = "",
                 doctype: str = "<!DOCTYPE html>", extra_body: str = "") -> bytes:
        return _article_html(BY_SLUG[slug], meta=meta, head=head, doctype=doctype, extra_body=extra_body).encode(encoding)

    def _prepare(self) -> None:
        """Build the expensive bodies before serving, so no request waits on them."""
        bomb = b"<p>" + b" " * BOMB_SIZE
        self._cache["gzip-bomb"] = gzip.compress(bomb, 6)
        self._cache["br-bomb"] = _brotli(bomb)
        self._cache["sitemap-bomb"] = gzip.compress(
            _urlset([]).encode().replace(b"</urlset>", b" " * BOMB_SIZE + b"</urlset>"), 6)
        self._cache["huge-sitemap"] = _huge_sitemap()

    def _build_routes(self) -> None:
        r = self.routes
        html = "text/html"

        r["/"] = lambda h: self._page(h, _home_html().encode("utf-8"))
        r["/robots.txt"] = lambda h: self._send(
            h, 200,
            (f"User-agent: *\nDisallow: /private/\nCrawl-delay: soon\n"
             f"Sitemap: {self.base_url}/sitemap.xml\nSitemap: {self.base_url}/sitemap-xxe.xml\n").encode(),
            "text/plain",
        )

        # --- good articles ------------------------------------------------------------
        r["/news/ar-utf8"] = lambda h: self._page(h, self._article("ar-utf8"))
        r["/news/ar-1256-wrong-header"] = lambda h: self._page(
            h, self._article("ar-1256-wrong-header", "cp1256"), "text/html; charset=ISO-8859-1")
        r["/news/ar-iso6-undeclared"] = lambda h: self._page(h, self._article("ar-iso6-undeclared", "iso-8859-6"), html)
        r["/news/ar-1256-header-utf8-meta-1256"] = lambda h: self._page(
            h, self._article("ar-1256-header-utf8-meta-1256", "cp1256", meta="windows-1256"))
        r["/news/ar-utf8-bom-header-1256-meta-iso6"] = lambda h: self._page(
            h, b"\xef\xbb\xbf" + self._article("ar-utf8-bom-header-1256-meta-iso6", meta="iso-8859-6"),
            "text/html; charset=windows-1256")
        r["/news/ar-utf8-invalid-bytes"] = lambda h: self._page(h, _with_invalid_utf8(self._article("ar-utf8-invalid-bytes")))
        r["/news/ar-gzip"] = lambda h: self._page(
            h, gzip.compress(self._article("ar-gzip")), "text/html; charset=utf-8", **{"Content-Encoding": "gzip"})
        r["/news/ar-brotli-1256"] = lambda h: self._page(
            h, _brotli(self._article("ar-brotli-1256", "cp1256")), "text/html; charset=windows-1256",
            **{"Content-Encoding": "br"})
        r["/news/ar-feed-iso6-header-1256"] = lambda h: self._page(
            h, self._article("ar-feed-iso6-header-1256", "iso-8859-6"), "text/html; charset=windows-1256")
        r["/news/en-1252-meta-utf8"] = lambda h: self._page(
            h, self._article("en-1252-meta-utf8", "cp1252", meta="utf-8"), html)
        r["/news/en-slow"] = self._slow_article
        r["/news/en-429-once"] = lambda h: self._error_once(h, "en-429-once", 429, {"Retry-After": "1"})
        r["/news/en-503-once"] = lambda h: self._error_once(h, "en-503-once", 503, {"Retry-After": "0"})
        r["/news/en-redirect"] = lambda h: self._redirect(h, "/news/en-redirect-2", 301)
        r["/news/en-redirect-2"] = lambda h: self._redirect(h, "/news/en-final", 302)
        r["/news/en-final"] = lambda h: self._page(h, self._article("en-final", "cp1252"), "text/html; charset=ISO-8859-1")
        r["/news/en-sitemap-utf8-header-latin1"] = lambda h: self._page(
            h, self._article("en-sitemap-utf8-header-latin1"), "text/html; charset=ISO-8859-1")
        r["/news/en-unclosed-tags"] = lambda h: self._page(h, _unclosed_html(BY_SLUG["en-unclosed-tags"]).encode())
        r["/news/en-deep-nesting"] = lambda h: self._page(
            h, self._article("en-deep-nesting", extra_body="<div>" * 10_000 + "deep" + "<span><b><i>" * 3_000))
        r["/news/en-xxe-doctype"] = lambda h: self._page(h, self._article(
            "en-xxe-doctype", doctype=_xxe_doctype("html", self.marker_file),
            extra_body="<p>&passwd; &marker; &remote;</p>"))
        r["/news/ja-sjis-meta-utf8"] = lambda h: self._page(
            h, self._article("ja-sjis-meta-utf8", "shift_jis", meta="utf-8"), html)

        # --- hostile pages ------------------------------------------------------------
        r["/news/timeout"] = self._timeout
        r["/news/trickle"] = self._trickle
        r["/news/error-500"] = lambda h: self._send(h, 500, b"<h1>Internal error</h1>", html)
        r["/news/error-503"] = lambda h: self._send(h, 503, b"<h1>Busy</h1>", html, {"Retry-After": "86400"})
        r["/news/error-429"] = lambda h: self._send(h, 429, b"<h1>Slow down</h1>", html, {"Retry-After": "99999999"})
        r["/news/reset"] = self._reset
        r["/news/reset-before-headers"] = self._reset_before_headers
        r["/news/truncated"] = lambda h: self._send(h, 200, self._article("ar-utf8")[:1000], html, length=100_000)
        r["/news/loop-a"] = lambda h: self._redirect(h, "/news/loop-b", 302)
        r["/news/loop-b"] = lambda h: self._redirect(h, "/news/loop-a", 302)
        r["/news/too-big"] = lambda h: self._page(h, _padded_page(OVERSIZE))
        r["/news/too-big-streamed"] = self._streamed_oversize
        r["/news/gzip-bomb"] = lambda h: self._page(
            h, self._cache["gzip-bomb"],
            "text/html", **{"Content-Encoding": "gzip"})
        r["/news/brotli-bomb"] = lambda h: self._page(
            h, self._cache["br-bomb"],
            "text/html", **{"Content-Encoding": "br"})
        r["/news/html-as-png"] = lambda h: self._page(h, self._article("ar-gzip").replace(b"gzip", b"png"), "image/png")
        r["/news/html-as-octet-stream"] = lambda h: self._page(
            h, self._article("en-slow").replace(b"Water", b"Octet"), "application/octet-stream")
        r["/news/pdf-as-html"] = lambda h: self._page(
            h, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 4096 >>\nstream\n" + bytes(range(256)) * 16
            + b"\nendstream\nendobj\n%%EOF\n", "text/html; charset=utf-8")
        r["/news/empty"] = lambda h: self._page(h, b"", "text/html; charset=utf-8")
        r["/news/redirect-to-file"] = lambda h: self._redirect(h, "file:///etc/passwd", 302)
        r["/news/redirect-to-ftp"] = lambda h: self._redirect(h, "ftp://127.0.0.1/pub/article.html", 301)
        r["/news/redirect-to-gopher"] = lambda h: self._redirect(h, "gopher://127.0.0.1:70/1/news", 302)
        r["/news/gzip-corrupt"] = lambda h: self._page(
            h, b"\x1f\x8b\x08\x00" + bytes(range(256)) * 8, "text/html; charset=utf-8", **{"Content-Encoding": "gzip"})
        r["/news/header-flood"] = self._header_flood

        # --- feeds ----------------------------------------------------------------------
        rss = "application/rss+xml"
        r["/feed.xml"] = lambda h: self._page(h, _rss(self.base_url, LINKED_FROM_FEED).encode(), rss)
        r["/feed-entity-bomb.xml"] = lambda h: self._page(
            h, _rss(self.base_url, ("/news/en-final",), doctype=_BILLION_LAUGHS.format(root="rss"),
                    title="&lol9;").encode(), rss)
        r["/feed-xxe.xml"] = lambda h: self._page(
            h, _rss(self.base_url, ("/news/en-final",), doctype=_xxe_doctype("rss", self.marker_file),
                    title="&passwd; &marker;").encode(), rss)
        r["/feed-garbage.xml"] = lambda h: self._page(
            h, b"<?xml version='1.0'?><rss><channel><item><link>" + bytes(range(256)) * 200 + b"<<<<&&&&]]>", rss)
        r["/feed-huge.xml"] = lambda h: self._page(
            h, _rss(self.base_url, ("/news/en-final",), title="x" * OVERSIZE).encode(), rss)

        # --- sitemaps ---------------------------------------------------------------------
        xml = "application/xml"
        r["/sitemap.xml"] = lambda h: self._page(h, _sitemap_index(self.base_url, SITEMAPS_IN_INDEX).encode(), xml)
        r["/sitemap-news.xml"] = lambda h: self._page(
            h, _urlset([self.base_url + p for p in LINKED_FROM_SITEMAP] + ["file:///etc/passwd", "http://169.254.169.254/news/x"]).encode(), xml)
        r["/sitemap-entity-bomb.xml"] = lambda h: self._page(
            h, _urlset([self.base_url + "/news/en-final", "&lol9;"], doctype=_BILLION_LAUGHS.format(root="urlset")).encode(), xml)
        r["/sitemap-xxe.xml"] = lambda h: self._page(
            h, _urlset([self.base_url + "/news/&marker;", "&passwd;"], doctype=_xxe_doctype("urlset", self.marker_file)).encode(), xml)
        r["/sitemap-garbage.xml"] = lambda h: self._page(h, b"\x00\x01garbage<urlset" + bytes(range(256)) * 100, xml)
        r["/sitemap-gzip-bomb.xml.gz"] = lambda h: self._page(
            h, self._cache["sitemap-bomb"], "application/x-gzip")
        r["/sitemap-huge.xml"] = lambda h: self._page(h, self._cache["huge-sitemap"], xml)

    # --- behaviours ----------------------------------------------------------------------
    def _slow_article(self, handler) -> None:
        self.stopping.wait(0.5)
        self._page(handler, self._article("en-slow"))

    def _error_once(self, handler, slug: str, status: int, headers: dict[str, str]) -> None:
        if self.count(handler.path) <= 1:
            self._send(handler, status, b"<h1>try again</h1>", "text/html", headers)
        else:
            self._page(handler, self._article(slug))

    def _redirect(self, handler, to: str, status: int) -> None:
        self._send(handler, status, b"", "text/html", {"Location": to})

    def _chain(self, handler) -> None:
        n = int(handler.path.rsplit("/", 1)[1] or 0)
        self._redirect(handler, f"/news/chain/{n + 1}", 302)

    def _deep_sitemap(self, handler) -> None:
        n = int(handler.path.rsplit("/", 1)[1].split(".")[0])
        body = _sitemap_index(self.base_url, (f"/sitemap-deep/{n + 1}.xml",)).encode()
        self._page(handler, body, "application/xml")

    def _timeout(self, handler) -> None:
        self.stopping.wait(SLOW_SECONDS)
        if not self.stopping.is_set():
            self._page(handler, self._article("ar-gzip"))

    def _trickle(self, handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        deadline = time.monotonic() + SLOW_SECONDS * 2
        while time.monotonic() < deadline and not self.stopping.wait(0.25):
            handler.wfile.write(b"<p>.</p>")

    def _reset(self, handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", "50000")
        handler.end_headers()
        handler.wfile.write(self._article("ar-utf8")[:2000])
        self._abort(handler)

    def _reset_before_headers(self, handler) -> None:
        self._abort(handler)

    @staticmethod
    def _abort(handler) -> None:
        """Close with a TCP reset (SO_LINGER 0) instead of a clean FIN."""
        handler.wfile.flush()
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
        handler.close_connection = True

    def _header_flood(self, handler) -> None:
        """10,000 distinct headers (about 300 kB) before the body: over DOWNLOAD_MAXHEADERS."""
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        for i in range(HEADER_FLOOD):
            if self.stopping.is_set():
                return
            handler.send_header(f"X-Flood-{i}", "x" * 16)
        body = self._article("ar-utf8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _streamed_oversize(self, handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.end_headers()  # no Content-Length: read until close
        chunk = b"<p>" + b"x" * 65_533
        for _ in range(OVERSIZE // len(chunk) + 1):
            if self.stopping.is_set():
                return
            handler.wfile.write(chunk)


# --- page builders --------------------------------------------------------------------

def _article_html(article: Article, meta: str | None = None, head: str = "",
                  doctype: str = "<!DOCTYPE html>", extra_body: str = "") -> str:
    rtl = ' dir="rtl"' if article.lang == "ar" else ""
    charset = f'<meta charset="{meta}">' if meta else ""
    paragraphs = "".join(f"<p>{s}</p>" for s in article.sentences)
    home = {"ar": "الرئيسية", "en": "Home", "ja": "ホーム"}[article.lang]
    return (
        f'{doctype}<html lang="{article.lang}"{rtl}><head>{charset}{head}<title>{article.title}</title>'
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2024-05-02T09:30:00+00:00">'
        "</head><body>"
        f'<header><nav><a href="/">{home}</a></nav></header>'
        f"<main><article><h1>{article.title}</h1>"
        '<time datetime="2024-05-02T09:30:00+00:00">2024-05-02</time>'
        f"{paragraphs}</article></main>{extra_body}"
        "</body></html>"
    )


def _unclosed_html(article: Article) -> str:
    paragraphs = "".join(f"<p>{s}<b><i><span>" for s in article.sentences)
    return (
        f'<html lang="en"><head><meta property="og:type" content="article"><title>{article.title}</title><body><div class="main"><article><h1>{article.title}'
        '<time datetime="2024-05-02T09:30:00+00:00">2024-05-02'
        f'<div><section>{paragraphs}</div></li></ul></em><footer><a href="/">Home'
    )


def _with_invalid_utf8(body: bytes) -> bytes:
    """Two stray bytes in the second paragraph, none inside a character."""
    second = BY_SLUG["ar-utf8-invalid-bytes"].sentences[1].encode("utf-8")
    return body.replace(second, second + b" \xff\xfe", 1)


def _padded_page(size: int) -> bytes:
    body = _article_html(BY_SLUG["ar-utf8"]).encode()
    return body.replace(b"</body>", b"<!--" + b"x" * size + b"--></body>")


def _home_html() -> str:
    links = [p for p in GOOD if p not in NOT_ON_HOME] + [
        p for p in BAD if p.startswith("/news/")
    ]
    items = "".join(f'<li><a href="{p}">{p}</a></li>' for p in links)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Fault News</title></head><body>'
        f"<h1>Fault News</h1><ul>{items}</ul>"
        '<a href="file:///etc/passwd">passwd</a> <a href="http://169.254.169.254/latest/meta-data/">metadata</a>'
        '<a href="/private/secret">private</a>'
        "</body></html>"
    )


def _rss(base: str, paths: tuple[str, ...], doctype: str = "", title: str = "Fault News") -> str:
    items = "".join(
        f"<item><title>{p}</title><link>{base}{p}</link><pubDate>Thu, 02 May 2024 09:30:00 GMT</pubDate></item>"
        for p in paths
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<rss version="2.0"><channel><title>{title}</title>'
        f"<link>{base}/</link><description>news</description>{items}</channel></rss>"
    )


def _urlset(locs: list[str], doctype: str = "") -> str:
    urls = "".join(f"<url><loc>{loc}</loc><lastmod>2024-05-02</lastmod></url>" for loc in locs)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )


def _sitemap_index(base: str, paths: tuple[str, ...]) -> str:
    entries = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
    )


def _huge_sitemap() -> bytes:
    entries = "".join(f"<url><loc>/a/{i}</loc></url>" for i in range(HUGE_SITEMAP_ENTRIES))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    ).encode()


def _brotli(data: bytes) -> bytes:
    import brotli

    return brotli.compress(data, quality=5)


__all__ = ["ALL", "BAD", "GOOD", "FaultSite"]
