"""The benchmark's news sites: N generated articles, or a directory of real HTML pages.

Both are addressed by article number (1..N) and render one page at a time, on request:
nothing holds N pages in memory, so N can be 100,000.

:class:`GeneratedSite` renders its pages with the demo's ``newsroom_en`` theme (cookie
banner, navigation, headline, standfirst, byline, dateline, share tools, newsletter and
"Read more" boxes inside the story, topics, a "Related" list, comments, footer), so the
extractor does the work it does on a real newsroom page. Article ``n`` is drawn by
:mod:`scraper.bench.text` from ``n`` alone; the theme sees a small site of ``n`` and its
neighbours, which fills the related links, the "Most read" list and the footer.

:class:`HtmlDirSite` serves the ``.html`` / ``.htm`` files under a directory (sorted by
path) as articles ``/articles/<n>.html``, byte for byte.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from scraper.bench.text import prose_for
from scraper.demo.site import DemoArticle, DemoSection, DemoSite
from scraper.demo.themes import newsroom_en as theme
from scraper.demo.themes._common import HTML, Response, html_response, http_date, route

__all__ = ["GeneratedSite", "HtmlDirSite", "SITE_TITLE"]

SITE_TITLE = "The Harbour Ledger"
SECTIONS = [DemoSection("world", "World"), DemoSection("business", "Business"), DemoSection("science", "Science"),
            DemoSection("sport", "Sport"), DemoSection("culture", "Culture")]
# Article n is published at EPOCH + n * SPACING: a million articles end in mid-2024, so
# every date is in the past. A date in the future is no publication date to htmldate (and
# so to trafilatura): it would search the whole page for another, and plain Scrapy +
# trafilatura (configuration c) would crawl at a fifth of its speed (15 against 98 pages/s
# at N = 100,000, when the site's dates ran to 2027).
EPOCH = datetime(2015, 1, 1, 6, 0, tzinfo=UTC)
SPACING = timedelta(minutes=5)
NEIGHBOURS = 3  # articles each side of one page that its theme sees (related links, footer topics)
LATEST = 12  # articles on the home page and the section fronts
PAGES = {
    "about": {"title": "About us", "paragraphs": [
        "The Harbour Ledger is a generated newspaper: every story on it was written by a program "
        "to benchmark a news crawler."]},
    "contact": {"title": "Contact", "paragraphs": ["Newsdesk: news@example.invalid"]},
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


class GeneratedSite:
    """``pages`` generated news articles, newest last (article ``pages`` is the latest)."""

    article_path_regex = theme.ARTICLE_PATH_REGEX

    def __init__(self, pages: int) -> None:
        if pages < 1:
            raise ValueError(f"a site needs at least one page, got {pages}")
        self.pages = pages

    # -- articles -----------------------------------------------------------------------
    def published(self, number: int) -> datetime:
        return EPOCH + SPACING * number

    def modified(self, number: int) -> datetime:
        """One article in ten was updated three hours after it came out."""
        return self.published(number) + (timedelta(hours=3) if number % 10 == 0 else timedelta())

    def section(self, number: int) -> DemoSection:
        return SECTIONS[number % len(SECTIONS)]

    def article(self, number: int, full: bool = True) -> DemoArticle:
        """Article ``number``; without ``full`` only what links to it need (no body)."""
        prose = prose_for(number)
        title = prose.headline()  # first: the URL depends on it alone
        fields = {
            "slug": _slug(title), "section": self.section(number).slug, "title": title,
            "date_published": self.published(number).isoformat(), "date_modified": self.modified(number).isoformat(),
            "article_id": number, "description": prose.description(), "tags": prose.tags(),
            "authors": prose.authors(),
        }
        if full:
            fields["blocks"] = prose.blocks()
            day = self.published(number)
            fields["comments"] = [{"name": prose.person(), "date": (day + timedelta(hours=i + 1)).isoformat(),
                                   "text": text} for i, text in enumerate(prose.comments())]
        return DemoArticle(**fields)

    def path(self, number: int) -> str:
        """The site-relative URL of article ``number``."""
        title = prose_for(number).headline()
        return f"/news/{self.section(number).slug}/{_slug(title)}-{number}.html"

    def lastmod(self, number: int) -> str:
        return self.modified(number).isoformat()

    def number_of(self, path: str) -> int | None:
        """The article number of an article path (checked against its slug), or None."""
        match = re.fullmatch(r"/news/[a-z0-9-]+/[a-z0-9-]+-(\d+)\.html", path)
        if not match:
            return None
        number = int(match.group(1))
        return number if 1 <= number <= self.pages and self.path(number) == path else None

    # -- pages --------------------------------------------------------------------------
    def _demo_site(self, numbers: range, full: int | None = None) -> DemoSite:
        articles = [self.article(n, full=n == full) for n in numbers]
        return DemoSite(name="bench", theme="newsroom_en", language="en", title=SITE_TITLE,
                        tagline="Generated news for benchmarks", sections=SECTIONS, articles=articles,
                        disallowed_prefix="/members/", pages=PAGES)

    def render(self, raw_path: str, base: str, headers: dict[str, str]) -> Response:
        """The answer to a GET of ``raw_path`` (not robots.txt or a sitemap: the server's)."""
        number = self.number_of(urlsplit(raw_path).path)
        if number is not None:
            around = range(max(1, number - NEIGHBOURS), min(self.pages, number + NEIGHBOURS) + 1)
            return route(self._demo_site(around, full=number), raw_path, base, headers)
        latest = range(max(1, self.pages - LATEST + 1), self.pages + 1)
        return route(self._demo_site(latest), raw_path, base, headers)


class HtmlDirSite:
    """The HTML files under ``directory`` (at most ``limit``) as articles ``/articles/<n>.html``."""

    article_path_regex = r"^/articles/\d+\.html$"

    def __init__(self, directory: str | Path, limit: int | None = None) -> None:
        root = Path(directory)
        if not root.is_dir():
            raise ValueError(f"--html-dir {directory}: not a directory")
        files = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".html", ".htm") and p.is_file())
        if limit is not None:
            files = files[:limit]
        if not files:
            raise ValueError(f"--html-dir {directory}: no .html or .htm files in it")
        self.files = files  # paths only: each page is read when it is requested
        self.pages = len(files)

    def path(self, number: int) -> str:
        return f"/articles/{number}.html"

    def lastmod(self, number: int) -> str:
        mtime = self.files[number - 1].stat().st_mtime
        return datetime.fromtimestamp(int(mtime), UTC).isoformat()

    def number_of(self, path: str) -> int | None:
        match = re.fullmatch(r"/articles/(\d+)\.html", path)
        number = int(match.group(1)) if match else 0
        return number if 1 <= number <= self.pages else None

    def render(self, raw_path: str, base: str, headers: dict[str, str]) -> Response:
        path = urlsplit(raw_path).path
        number = self.number_of(path)
        if number is not None:
            file = self.files[number - 1]
            modified = datetime.fromtimestamp(int(file.stat().st_mtime), UTC)
            return Response(200, "text/html", file.read_bytes(), {"Last-Modified": http_date(modified)})
        if path == "/":
            links = "".join(f'<li><a href="{base}{self.path(n)}">{escape(self.files[n - 1].stem)}</a></li>'
                            for n in range(1, min(self.pages, 100) + 1))
            return html_response(f"<!DOCTYPE html><html><head><title>{SITE_TITLE}</title></head><body>"
                                 f"<h1>{SITE_TITLE}</h1><ul>{links}</ul></body></html>")
        return Response(404, HTML, b"<!DOCTYPE html><html><body><h1>Not found</h1></body></html>")
