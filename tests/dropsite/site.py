"""The drop site: one sitemap of article URLs, most of which a crawl drops.

Served by a threaded HTTP server on 127.0.0.1 that logs every path it is asked for.
Each kind of page is dropped for one reason (with ``VALIDATE_MIN_TEXT_CHARS`` =
:data:`MIN_TEXT_CHARS`): ``thin`` pages are not articles; ``short`` ones are too short;
of each ``good`` page, its ``copy`` (the same text) and its ``near`` copy (one word
changed), the first fetched is written and the other two are dropped as duplicates.
"""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from localsite import LocalSite

KINDS = ("good", "thin", "short", "copy", "near")
MIN_TEXT_CHARS = 400
"""The validation floor the crawl runs with, so that ``short`` pages are dropped."""


def _sentences(n: int, count: int = 8) -> list[str]:
    return [f"Report {n} sentence {j}: the harbour board number {n} met on day {j} and approved "
            f"plan {n * 31 + j} for the quay, the cranes and the ferry timetable of ward {n}." for j in range(count)]


def _article(title: str, paragraphs: list[str], date: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang='en'><head><title>{title}</title><meta property='og:type' content='article'>"
            f"<meta property='article:published_time' content='{date}'></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


class DropSite(LocalSite):
    """``per_kind`` pages of each kind, then any published with :meth:`publish`."""

    def __init__(self, per_kind: int = 20) -> None:
        super().__init__()
        self.pages: dict[str, str] = {}
        self.lastmod: dict[str, str] = {}
        self.requested: list[str] = []
        self.gone = ["/news/gone-0"]
        """Listed in the sitemap, answered with 404."""
        for i in range(per_kind):
            for kind in KINDS:
                self._add(kind, i)

    def _add(self, kind: str, i: int) -> str:
        path = f"/news/{kind}-{i}"
        date = "2024-05-01T08:00:00+00:00"
        if kind == "good" or kind == "copy":
            html = _article(f"Harbour report {i}", _sentences(i), date)
        elif kind == "near":
            sentences = _sentences(i)
            sentences[-1] = sentences[-1].replace("ferry timetable", "bus timetable")
            html = _article(f"Harbour report {i}, again", sentences, date)
        elif kind == "short":
            html = _article(f"Brief {i}", [f"Brief {i}: the quay of ward {i} reopens on Friday after the repairs."
                                           f" Ferries run as usual from the morning of day {i}."] * 2, date)
        else:  # thin: no markup, a few words
            html = f"<html><body><p>Page {i} has moved.</p></body></html>"
        self.pages[path] = html
        self.lastmod[path] = "2024-05-01"
        return path

    def publish(self, i: int) -> str:
        """One more good article, listed in the sitemap; its path."""
        return self._add("good", i)

    def article_requests(self) -> list[str]:
        with self._lock:
            return [p for p in self.requested if p.startswith("/news/")]

    def clear(self) -> None:
        with self._lock:
            self.requested.clear()

    def sitemap(self) -> str:
        urls = "".join(f"<url><loc>{self.base}{p}</loc><lastmod>{self.lastmod.get(p, '2024-05-01')}</lastmod></url>"
                       for p in [*self.pages, *self.gone])
        return f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"

    def config(self) -> str:
        return (f'[[sites]]\nname = "drops"\nstart_urls = ["{self.base}/"]\n'
                f'sitemaps = ["{self.base}/sitemap.xml"]\nallow = ["/news/"]\nmax_depth = 0\n')

    def get(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        with self._lock:
            self.requested.append(path)
        if path == "/sitemap.xml":
            status, media, text = 200, "application/xml", self.sitemap()
        elif path == "/":
            status, media, text = 200, "text/html", "<html><body><p>Home</p></body></html>"
        elif path in self.pages:
            status, media, text = 200, "text/html; charset=utf-8", self.pages[path]
        else:
            status, media, text = 404, "text/plain", "not found"
        self.send(handler, status, media, text.encode("utf-8"))
