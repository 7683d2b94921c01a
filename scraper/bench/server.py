"""The benchmark site's HTTP server: robots.txt, sitemaps and pages of a bench site.

    python -m scraper.bench.server --pages 2000 [--html-dir DIR] [--sitemap-size 50000]

prints ``ready http://127.0.0.1:PORT`` on stdout and serves until stdin is closed (or
SIGTERM). :class:`ServerProcess` runs it in a subprocess, so its CPU time is neither the
crawl's nor the measuring parent's.

- ``/robots.txt`` allows everything and names the sitemap index;
- ``/sitemap.xml`` is a sitemap index of ``/sitemaps/articles-<k>.xml``, each of at most
  ``--sitemap-size`` URLs (the protocol's limit, 50,000, by default) with ``<lastmod>``,
  written when requested;
- every other path is the site's (:mod:`scraper.bench.site`);
- ``/__bench/counts`` (linked from nowhere, not counted) answers the requests received so
  far by kind, as JSON: ``article`` (article pages answered 200), ``not_modified`` (304s),
  ``sitemap``, ``robots``, ``other`` (home, sections, anything else) and ``status_<code>``
  for answers other than 200 and 304.

Connections are kept alive (HTTP/1.1), as a production server would.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import threading
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import urlsplit

from scraper.demo.themes._common import SITEMAP_NS, TEXT, XML, Response

__all__ = ["BenchServer", "ServerProcess", "SITEMAP_MAX_URLS", "build_site"]

SITEMAP_MAX_URLS = 50_000  # the sitemap protocol's limit of URLs per sitemap file
SITEMAP_INDEX_PATH = "/sitemap.xml"
SITEMAP_PATH_RE = r"/sitemaps/articles-(\d+)\.xml"
COUNTS_PATH = "/__bench/counts"
READY_TIMEOUT = 30.0  # seconds the server process may take to start


class Site(Protocol):
    pages: int
    article_path_regex: str

    def path(self, number: int) -> str: ...
    def lastmod(self, number: int) -> str: ...
    def number_of(self, path: str) -> int | None: ...
    def render(self, raw_path: str, base: str, headers: dict[str, str]) -> Response: ...


def build_site(pages: int | None, html_dir: str | None) -> Site:
    """The generated site of ``pages`` articles, or the HTML files of ``html_dir``."""
    from scraper.bench.site import GeneratedSite, HtmlDirSite

    if html_dir:
        return HtmlDirSite(html_dir, pages)
    return GeneratedSite(pages or 1)


class BenchServer:
    """Answers a bench site's requests and counts them (thread-safe)."""

    def __init__(self, site: Site, sitemap_size: int = SITEMAP_MAX_URLS) -> None:
        if not 1 <= sitemap_size <= SITEMAP_MAX_URLS:
            raise ValueError(f"sitemap size must be 1 to {SITEMAP_MAX_URLS}, got {sitemap_size}")
        self.site = site
        self.sitemap_size = sitemap_size
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    @property
    def sitemap_files(self) -> int:
        return math.ceil(self.site.pages / self.sitemap_size)

    def counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)

    def _count(self, kind: str) -> None:
        with self._lock:
            self._counts[kind] += 1

    def answer(self, raw_path: str, base: str, headers: dict[str, str]) -> Response:
        path = urlsplit(raw_path).path
        if path == COUNTS_PATH:
            return Response(200, "application/json", json.dumps(self.counts()).encode())
        if path == "/robots.txt":
            self._count("robots")
            body = f"User-agent: *\nAllow: /\n\nSitemap: {base}{SITEMAP_INDEX_PATH}\n"
            return Response(200, TEXT, body.encode())
        if path == SITEMAP_INDEX_PATH:
            self._count("sitemap")
            return Response(200, XML, self._index(base).encode())
        match = re.fullmatch(SITEMAP_PATH_RE, path)
        if match and 1 <= int(match.group(1)) <= self.sitemap_files:
            self._count("sitemap")
            return Response(200, XML, self._sitemap(base, int(match.group(1))).encode())
        response = self.site.render(raw_path, base, headers)
        if response.status == 200:
            self._count("article" if self.site.number_of(path) is not None else "other")
        elif response.status == 304:
            self._count("not_modified")
        else:
            self._count(f"status_{response.status}")
        return response

    def _chunk(self, k: int) -> range:
        return range((k - 1) * self.sitemap_size + 1, min(self.site.pages, k * self.sitemap_size) + 1)

    def _index(self, base: str) -> str:
        out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
        for k in range(1, self.sitemap_files + 1):
            last = max(self.site.lastmod(n) for n in self._chunk(k))
            out.append(f"<sitemap><loc>{base}/sitemaps/articles-{k}.xml</loc><lastmod>{last}</lastmod></sitemap>")
        out += ["</sitemapindex>", ""]
        return "\n".join(out)

    def _sitemap(self, base: str, k: int) -> str:
        out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
        out += [f"<url><loc>{base}{self.site.path(n)}</loc><lastmod>{self.site.lastmod(n)}</lastmod></url>"
                for n in self._chunk(k)]
        out += ["</urlset>", ""]
        return "\n".join(out)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):  # pragma: no cover - client hang-ups
        pass


def _handler(bench: BenchServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: every answer has a Content-Length
        server_version = "BenchNews/1.0"
        sys_version = ""

        def log_message(self, format, *args):  # noqa: A002 - quiet
            pass

        def _respond(self, send_body: bool) -> None:
            host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
            response = bench.answer(self.path, f"http://{host}", dict(self.headers.items()))
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for key, value in response.headers.items():
                self.send_header(key, value)
            self.end_headers()
            if send_body and response.body:
                self.wfile.write(response.body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self._respond(True)

        def do_HEAD(self) -> None:  # noqa: N802 - http.server's name
            self._respond(False)

    return Handler


def serve(bench: BenchServer, host: str = "127.0.0.1", port: int = 0) -> _Server:
    """Start serving ``bench`` in a background thread; the server (``server_address``)."""
    httpd = _Server((host, port), _handler(bench))
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return httpd


class ServerProcess:
    """``python -m scraper.bench.server`` in a subprocess, while used as a context manager."""

    def __init__(self, pages: int | None, html_dir: str | None = None, sitemap_size: int = SITEMAP_MAX_URLS) -> None:
        self.command = [sys.executable, "-m", "scraper.bench.server", "--sitemap-size", str(sitemap_size)]
        if pages is not None:
            self.command += ["--pages", str(pages)]
        if html_dir:
            self.command += ["--html-dir", html_dir]
        self.base = ""
        self.pages = 0
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> ServerProcess:
        self._process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self._process.stdout.readline() if self._process.stdout else ""
        match = re.fullmatch(r"ready (\S+) pages (\d+)\n", line)
        if not match:
            self.__exit__()
            raise RuntimeError(f"the bench server did not start: {line.strip() or 'no output'}")
        self.base, self.pages = match.group(1), int(match.group(2))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is None:
            return
        if self._process.stdin:
            self._process.stdin.close()  # the server's signal to stop
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self._process.kill()
            self._process.wait()
        self._process = None

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def counts(self) -> dict[str, int]:
        with urllib.request.urlopen(self.base + COUNTS_PATH, timeout=10) as answer:  # noqa: S310 - our server
            return json.loads(answer.read())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scraper.bench.server", description="Serve a bench news site.")
    parser.add_argument("--pages", type=int, help="articles to generate (with --html-dir: at most this many files)")
    parser.add_argument("--html-dir", help="serve the HTML files of this directory as the articles")
    parser.add_argument("--sitemap-size", type=int, default=SITEMAP_MAX_URLS, help="URLs per sitemap file")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        site = build_site(args.pages if args.html_dir else (args.pages or 2000), args.html_dir)
        bench = BenchServer(site, args.sitemap_size)
    except ValueError as exc:
        print(f"error {exc}", flush=True)
        return 2
    httpd = serve(bench, args.host, args.port)
    host, port = httpd.server_address[:2]
    print(f"ready http://{host}:{port} pages {site.pages}", flush=True)
    try:
        sys.stdin.read()  # until the parent closes it (or dies)
    except KeyboardInterrupt:
        pass
    httpd.shutdown()
    httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
