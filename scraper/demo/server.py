"""Local HTTP server for the bundled demo news sites (one port per site).

    with DemoServer() as server:
        server.base_url("arabic-demo")       # "http://127.0.0.1:PORT"
        server.write_config("sites.toml")    # crawl config for the running servers

``python -m scraper.demo.server`` serves the sites until interrupted.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .site import DemoSite, article_url_regex, load_demo_sites
from .themes._common import route


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):  # pragma: no cover - client hang-ups
        pass


def _make_handler(server: DemoServer, site: DemoSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "DemoNews/1.0"
        sys_version = ""

        def log_message(self, format, *args):  # noqa: A002 - quiet by default
            if server.verbose:
                sys.stderr.write(f"[{site.name}] {self.address_string()} {format % args}\n")

        def _base(self) -> str:
            host = self.headers.get("Host")
            if not host:
                h, p = self.server.server_address[:2]
                host = f"{h}:{p}"
            return f"http://{host}"

        def _respond(self, send_body: bool) -> None:
            server._record(site.name, self.path)
            try:
                resp = route(site, self.path, self._base(), dict(self.headers.items()))
            except Exception as exc:  # pragma: no cover - a bug in a theme
                body = f"internal error: {exc!r}".encode()
                self.send_response(500)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(body)
                return
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("Content-Length", str(len(resp.body)))
            for key, value in resp.headers.items():
                self.send_header(key, value)
            self.end_headers()
            if send_body and resp.body:
                self.wfile.write(resp.body)

        def do_GET(self) -> None:  # noqa: N802
            self._respond(True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(False)

    return Handler


class DemoServer:
    """Serve each demo site on its own free port of ``host`` in background threads."""

    def __init__(
        self,
        sites: list[DemoSite] | None = None,
        host: str = "127.0.0.1",
        ports: Mapping[str, int] | None = None,
        verbose: bool = False,
    ) -> None:
        self.sites: list[DemoSite] = list(sites) if sites is not None else load_demo_sites()
        self.host = host
        self.ports = dict(ports or {})
        self.verbose = verbose
        self._servers: dict[str, _QuietServer] = {}
        self._threads: list[threading.Thread] = []
        self._paths: dict[str, list[str]] = {s.name: [] for s in self.sites}
        self._lock = threading.Lock()

    # -- lifecycle ----------------------------------------------------------------------
    def start(self) -> DemoServer:
        if self._servers:
            return self
        try:
            for site in self.sites:
                httpd = _QuietServer((self.host, self.ports.get(site.name, 0)), _make_handler(self, site))
                self._servers[site.name] = httpd
                thread = threading.Thread(
                    target=httpd.serve_forever, kwargs={"poll_interval": 0.1},
                    name=f"demo-{site.name}", daemon=True,
                )
                thread.start()
                self._threads.append(thread)
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for httpd in self._servers.values():
            httpd.shutdown()
            httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- queries ------------------------------------------------------------------------
    def site_names(self) -> list[str]:
        """Names of the served sites, in order."""
        return [site.name for site in self.sites]

    def site(self, name: str) -> DemoSite:
        for site in self.sites:
            if site.name == name:
                return site
        raise KeyError(name)

    def port(self, site_name: str) -> int:
        try:
            return self._servers[site_name].server_address[1]
        except KeyError:
            raise RuntimeError(f"site {site_name!r} is not being served (call start())") from None

    def base_url(self, site_name: str) -> str:
        return f"http://{self.host}:{self.port(site_name)}"

    def url(self, site_name: str, path: str = "/") -> str:
        return self.base_url(site_name) + path

    def _record(self, site_name: str, path: str) -> None:
        with self._lock:
            self._paths.setdefault(site_name, []).append(path)

    def requested_paths(self, site_name: str) -> list[str]:
        """Every request target received by the site, in order (path + query)."""
        with self._lock:
            return list(self._paths.get(site_name, []))

    def clear_requested_paths(self, site_name: str | None = None) -> None:
        with self._lock:
            for name in [site_name] if site_name else list(self._paths):
                self._paths[name] = []

    def article_url_regex(self, site_name: str) -> str:
        return article_url_regex(self.site(site_name), self.base_url(site_name))

    # -- crawl config -------------------------------------------------------------------
    def config_toml(self) -> str:
        out = ["# Crawl configuration for the running demo sites (generated).", ""]
        for site in self.sites:
            base = self.base_url(site.name)
            regex = article_url_regex(site, base)
            if "'" in regex or "\n" in regex:  # pragma: no cover - not with the bundled themes
                raise ValueError(f"regex cannot be a TOML literal string: {regex}")
            out += [
                "[[sites]]",
                f'name = "{site.name}"',
                f'start_urls = ["{base}/"]',
                f'feeds = ["{base}{site.feed_path}"]',
                "sitemaps = []",
                f"allow = ['{regex}']",
                "deny = []",
                f'language = "{site.language}"',
                "",
                "[sites.politeness]",
                "download_delay = 0.0",
                "concurrency = 8",
                "",
            ]
        return "\n".join(out)

    def write_config(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.config_toml(), encoding="utf-8")
        return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scraper.demo.server",
                                     description="Serve the bundled demo news sites.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0,
                        help="first port (sites get consecutive ports); default: free ports")
    parser.add_argument("--config", help="also write a crawl config TOML to this path")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)

    sites = load_demo_sites()
    ports = {s.name: args.port + i for i, s in enumerate(sites)} if args.port else None
    server = DemoServer(sites, host=args.host, ports=ports, verbose=args.verbose).start()
    for site in sites:
        print(f"{site.name:14} {server.base_url(site.name)}/  ({len(site.articles)} articles, "
              f"feed {site.feed_path}, sitemap {site.sitemap_index_path})", flush=True)
    if args.config:
        print(f"config written to {server.write_config(args.config)}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
