"""The chrome site: a news site of real-looking articles under dozens of in-site links.

Served by a threaded HTTP server on 127.0.0.1 (a free port) that logs every request
(path and status) and answers ``If-None-Match`` with 304, as real news sites do.

What it holds, as the site a user crawled (issue 12) had:

* :data:`ARTICLES` articles (``/YYYY/MM/DD/slug-N/``), each in one of
  :data:`SECTIONS`, with multi-paragraph text drawn per article from word pools (no two
  share enough word 5-grams to be near-duplicates), a byline, tags and dates;
* listing pages: the home page (latest :data:`HOME_PAGE_SIZE`, then ``/page/N/``), a page
  per section (``/section/S/``, :data:`SECTION_PAGE_SIZE` a page, then ``/page/N/``),
  tag and author pages;
* ``/robots.txt`` (with a ``Sitemap:`` line), ``/sitemap.xml`` (every article) and
  ``/feed.xml`` (RSS, the latest :data:`FEED_SIZE`), announced by ``<link rel="alternate">``;
* chrome: listing pages carry the header (sections, subscribe) and a short footer
  (:data:`LISTING_FOOTER`); article pages carry :data:`ARTICLE_CHROME_LINKS` in-site
  non-article links each (share, print, AMP and comment links of their own, tags,
  author, topics, local pages, services), most of which answer 404 or are thin pages.

:meth:`ChromeSite.publish` adds articles while the server runs: they appear on the home
page, their section page, the sitemap and the feed at once.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler

from localsite import LocalSite

ARTICLES = 60
SECTIONS = ("politics", "business", "sport", "culture", "science", "world")
TAGS = ("elections", "budget", "transport", "housing", "climate", "health", "schools", "energy",
        "football", "museums", "research", "trade")
AUTHORS = ("Ann Lee", "Omar Haddad", "Maria Rossi", "Jonas Berg", "Priya Nair", "Tom Walsh",
           "Lina Kovac", "Sam Okafor")
TOPICS = ("live-updates", "explainers", "fact-check", "opinion", "interviews", "data", "photos", "long-reads")
CITIES = ("northport", "eastvale", "westbridge", "southholm", "midford", "lakeside", "hillcrest",
          "riverton", "oakham", "seabrook")
LISTING_FOOTER = ("about", "contact", "privacy")
ARTICLE_FOOTER = (*LISTING_FOOTER, "terms", "cookies", "advertise", "careers", "newsletter", "apps",
                  "corrections", "archive", "weather", "podcasts", "video")
THIN_PAGES = ("about", "contact", "login")
"""Service pages that answer 200 with a few words; the other services answer 404."""
SHARE_LINKS = ("share/facebook", "share/x", "share/email", "print", "amp")
ARTICLE_CHROME_LINKS = (len(SECTIONS) + 2 + len(SHARE_LINKS) + 1 + 4 + 1 + len(TOPICS) + len(CITIES)
                        + len(ARTICLE_FOOTER))
"""In-site non-article links on each article page: header (sections, home, subscribe), share,
print and AMP links, author, 4 tags, comments, topics, local pages, footer."""
HOME_PAGE_SIZE = 20
SECTION_PAGE_SIZE = 8
FEED_SIZE = 20
ARTICLE_PATH_RE = r"/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/$"
"""The site's article URLs (its ``allow`` rule)."""
FIRST_DATE = datetime(2026, 10, 1, 7, 30, tzinfo=UTC)

# Word pools for the article text: each slot of each sentence is drawn per article.
_WHO = ("the city council", "the regional transport authority", "a group of local teachers", "the health ministry",
        "the port operator", "the national statistics office", "a coalition of tenants", "the energy regulator",
        "the university hospital", "the chamber of commerce", "the football federation", "a citizens' panel",
        "the water utility", "the museum trustees", "the finance committee", "the farmers' union",
        "the housing agency", "a team of researchers", "the fire service", "the school board")
_DID = ("approved", "postponed", "rejected", "published", "questioned", "defended", "revised", "announced",
        "challenged", "welcomed", "costed", "debated", "signed", "presented", "withdrew", "extended")
_WHAT = ("a plan to rebuild the northern tram line", "new rules for short-term rentals", "a budget for school meals",
         "a study of air quality near the ring road", "an agreement on nurses' pay", "a tender for electric buses",
         "the redevelopment of the old market hall", "a ban on night flights", "a subsidy for rooftop solar panels",
         "plans for a second stadium stand", "an audit of the pension fund", "a scheme to repair flood defences",
         "a review of hospital waiting lists", "the merger of two district libraries", "a levy on plastic packaging",
         "a pilot for free ferry travel", "a new curriculum for vocational colleges", "a cap on rent increases")
_WHERE = ("in the harbour district", "across the eastern suburbs", "in three rural municipalities",
          "along the river front", "in the old town", "near the central station", "in the industrial zone",
          "on the university campus", "in the coastal villages", "around the airport")
_WHY = ("after months of complaints from residents", "because costs rose faster than forecast",
        "following a critical report by auditors", "to meet a deadline set by the government",
        "after a narrow vote late on Tuesday", "despite warnings from opposition members",
        "as part of a wider reform package", "after talks with unions broke down",
        "in response to a petition signed by thousands", "because the previous contract expired")
_SAID = ("said", "told reporters", "wrote in a statement", "argued at a public hearing", "insisted",
         "admitted", "explained on local radio", "noted in a letter to members")
_SPEAKER = ("a spokeswoman for the council", "the committee's chair", "an economist at the university",
            "the head of the tenants' association", "a senior engineer on the project", "the deputy mayor",
            "a union representative", "the director of the agency", "an opposition councillor",
            "a resident who attended the meeting")
_CLAIM = ("the decision would save money within five years", "the timetable was far too ambitious",
          "nobody had asked the people most affected", "the figures did not add up",
          "the change was overdue and widely supported", "the work could start before the summer",
          "the costs would fall on small businesses", "more consultation was needed",
          "the scheme had worked well elsewhere", "the plan ignored the needs of older residents")
_NEXT = ("A final vote is expected next month.", "The proposal now goes to the regional parliament.",
         "Work is due to begin in the spring.", "Critics have promised to appeal the decision.",
         "A public consultation opens on Monday.", "The first results will be published in the autumn.",
         "Officials said they would report back within six weeks.", "The contract is worth several million euros.")


@dataclass(frozen=True)
class Article:
    """One article: where it lives and what it says."""

    n: int
    section: str
    title: str
    author: str
    tags: tuple[str, ...]
    published: datetime
    paragraphs: tuple[str, ...] = field(repr=False)

    @property
    def slug(self) -> str:
        words = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-").split("-")
        return "-".join(words[:6]) + f"-{self.n}"

    @property
    def path(self) -> str:
        return f"/{self.published:%Y/%m/%d}/{self.slug}/"


def make_article(n: int) -> Article:
    """Article ``n``: its text drawn from the word pools with a seed of its own."""
    rng = random.Random(f"chromesite-{n}")
    paragraphs = []
    for _ in range(rng.randint(5, 7)):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            kind = rng.randrange(3)
            if kind == 0:
                sentences.append(f"{rng.choice(_WHO).capitalize()} {rng.choice(_DID)} {rng.choice(_WHAT)} "
                                 f"{rng.choice(_WHERE)} {rng.choice(_WHY)}.")
            elif kind == 1:
                sentences.append(f"{rng.choice(_SPEAKER).capitalize()} {rng.choice(_SAID)} that "
                                 f"{rng.choice(_CLAIM)}, and that {rng.randint(12, 980)} households "
                                 f"{rng.choice(_WHERE)} would notice it by {rng.choice(('March', 'June', 'October'))}.")
            else:
                sentences.append(f"{rng.choice(_NEXT)} According to figures seen by this newspaper, "
                                 f"{rng.randint(3, 97)} per cent of the {rng.randint(2, 40)} million euros "
                                 f"set aside for {rng.choice(_WHAT)} has already been spent.")
        paragraphs.append(" ".join(sentences))
    who, what, where = rng.choice(_WHO), rng.choice(_WHAT), rng.choice(_WHERE)
    title = f"{who.removeprefix('the ').removeprefix('a ').capitalize()} {rng.choice(_DID)} {what} {where}"
    return Article(
        n=n, section=SECTIONS[n % len(SECTIONS)], title=title, author=AUTHORS[n % len(AUTHORS)],
        tags=tuple(rng.sample(TAGS, 4)), published=FIRST_DATE + timedelta(hours=9 * n),
        paragraphs=tuple(paragraphs),
    )


class ChromeSite(LocalSite):
    """The site, served while used as a context manager."""

    def __init__(self, articles: int = ARTICLES) -> None:
        super().__init__()
        self.articles: list[Article] = [make_article(n) for n in range(articles)]
        self.requested: list[tuple[str, int]] = []
        """(path, status) of every request, in order."""

    # --- what tests read ------------------------------------------------------------------

    def config(self) -> str:
        """A site config as a user writes one: the home page and the article rule; the
        sitemap comes from robots.txt and the feed from the home page."""
        return (f'[[sites]]\nname = "chrome-news"\nstart_urls = ["{self.base}/"]\n'
                f"allow = ['{ARTICLE_PATH_RE}']\nlanguage = \"en\"\n")

    def publish(self, count: int) -> list[str]:
        """``count`` new articles, newest of all; their paths."""
        with self._lock:
            start = len(self.articles)
            self.articles.extend(make_article(n) for n in range(start, start + count))
            return [a.path for a in self.articles[start:]]

    def requests(self) -> list[tuple[str, int]]:
        with self._lock:
            return list(self.requested)

    def article_requests(self) -> list[str]:
        return [path for path, _ in self.requests() if re.search(ARTICLE_PATH_RE, path)]

    def clear(self) -> None:
        with self._lock:
            self.requested.clear()

    # --- pages ----------------------------------------------------------------------------

    def page(self, path: str) -> tuple[int, str, str]:
        """(status, content type, body) of ``path``."""
        with self._lock:
            newest = sorted(self.articles, key=lambda a: a.published, reverse=True)
        by_path = {a.path: a for a in newest}
        html = "text/html; charset=utf-8"
        if path == "/robots.txt":
            return 200, "text/plain", f"User-agent: *\nDisallow: /search/\nSitemap: {self.base}/sitemap.xml\n"
        if path == "/sitemap.xml":
            return 200, "application/xml", self._sitemap(newest)
        if path == "/feed.xml":
            return 200, "application/rss+xml", self._feed(newest[:FEED_SIZE])
        if path in by_path:
            return 200, html, self._article(by_path[path], newest)
        if match := re.fullmatch(r"/(?:page/(\d+)/)?", path):
            return self._listing("Latest news", "/", newest, HOME_PAGE_SIZE, match.group(1))
        if match := re.fullmatch(r"/section/([a-z]+)/(?:page/(\d+)/)?", path):
            if match.group(1) in SECTIONS:
                items = [a for a in newest if a.section == match.group(1)]
                return self._listing(match.group(1).capitalize(), f"/section/{match.group(1)}/", items,
                                     SECTION_PAGE_SIZE, match.group(2))
        if match := re.fullmatch(r"/tag/([a-z]+)/", path):
            if match.group(1) in TAGS:
                return self._listing(f"Tag: {match.group(1)}", path, [a for a in newest if match.group(1) in a.tags],
                                     100, None)
        if match := re.fullmatch(r"/author/([a-z-]+)/", path):
            items = [a for a in newest if _slug(a.author) == match.group(1)]
            if items:
                return self._listing(items[0].author, path, items, 100, None)
        if match := re.fullmatch(r"/([a-z]+)/|/comments/\d+/", path):
            if match.group(1) in THIN_PAGES or match.group(1) is None:
                return 200, html, self._thin(path)
        return 404, "text/html; charset=utf-8", "<html><body><h1>Page not found</h1></body></html>"

    def _header(self) -> str:
        nav = "".join(f'<li><a href="/section/{s}/">{s.capitalize()}</a></li>' for s in SECTIONS)
        return (f'<header><a href="/">The Daily Chrome</a><nav><ul>{nav}</ul></nav>'
                '<a href="/subscribe/">Subscribe</a></header>')

    @staticmethod
    def _footer(services: tuple[str, ...]) -> str:
        links = "".join(f'<li><a href="/{s}/">{s.capitalize()}</a></li>' for s in services)
        return f"<footer><ul>{links}</ul><p>© The Daily Chrome</p></footer>"

    def _head(self, title: str, extra: str = "") -> str:
        return (f"<head><meta charset='utf-8'><title>{escape(title)} | The Daily Chrome</title>"
                f'<link rel="alternate" type="application/rss+xml" title="The Daily Chrome" href="/feed.xml">'
                f"{extra}</head>")

    def _listing(self, title: str, base: str, items: list[Article], size: int,
                 page: str | None) -> tuple[int, str, str]:
        number = int(page or 1)
        chunk = items[(number - 1) * size: number * size]
        if not chunk or number < 1 or (page is not None and number == 1):
            return 404, "text/html; charset=utf-8", "<html><body><h1>Page not found</h1></body></html>"
        teasers = "".join(
            f'<li><h2><a href="{a.path}">{escape(a.title)}</a></h2><time datetime="{a.published.isoformat()}">'
            f"{a.published:%d %B %Y}</time><p>{escape(a.paragraphs[0][:140])}…</p></li>" for a in chunk)
        pager = f'<a rel="next" href="{base}page/{number + 1}/">Older stories</a>' if len(items) > number * size else ""
        body = (f"<html lang='en'>{self._head(title)}<body>{self._header()}<main><h1>{escape(title)}</h1>"
                f"<ul class='teasers'>{teasers}</ul>{pager}</main>{self._footer(LISTING_FOOTER)}</body></html>")
        return 200, "text/html; charset=utf-8", body

    def _thin(self, path: str) -> str:
        name = path.strip("/").replace("/", " ").capitalize()
        return (f"<html lang='en'>{self._head(name)}<body>{self._header()}<main><h1>{escape(name)}</h1>"
                f"<p>Coming soon.</p></main>{self._footer(LISTING_FOOTER)}</body></html>")

    def _article(self, article: Article, newest: list[Article]) -> str:
        others = [a for a in newest if a.n != article.n]
        related = others[article.n % len(others): article.n % len(others) + 3] if others else []
        same = [a for a in others if a.section == article.section][:3]
        share = "".join(f'<a href="/{s}/{article.n}/">{s}</a> ' for s in SHARE_LINKS)
        tags = "".join(f'<a rel="tag" href="/tag/{t}/">{t}</a> ' for t in article.tags)
        topics = "".join(f'<li><a href="/topic/{t}/">{t}</a></li>' for t in TOPICS)
        local = "".join(f'<li><a href="/local/{c}/">{c.capitalize()}</a></li>' for c in CITIES)
        more = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a></li>' for a in [*related, *same])
        body = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
        when = article.published.isoformat()
        meta = (f'<meta property="og:type" content="article"><meta property="article:published_time" content="{when}">'
                f'<meta name="author" content="{article.author}">')
        return (
            f"<html lang='en'>{self._head(article.title, meta)}<body>{self._header()}"
            f'<div class="share">{share}</div>'
            f"<main><article><h1>{escape(article.title)}</h1>"
            f'<p class="byline">By <a rel="author" href="/author/{_slug(article.author)}/">{article.author}</a> '
            f'<time datetime="{when}">{article.published:%d %B %Y, %H:%M}</time></p>'
            f'{body}<p class="tags">{tags}</p></article>'
            f'<a href="/comments/{article.n}/">Comments</a></main>'
            f"<aside><h3>Trending</h3><ul>{topics}</ul><h3>Local</h3><ul>{local}</ul>"
            f"<h3>More stories</h3><ul>{more}</ul></aside>{self._footer(ARTICLE_FOOTER)}</body></html>"
        )

    def _sitemap(self, newest: list[Article]) -> str:
        urls = "".join(f"<url><loc>{self.base}{a.path}</loc><lastmod>{a.published.isoformat()}</lastmod></url>"
                       for a in newest)
        return ("<?xml version='1.0' encoding='UTF-8'?>"
                f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>")

    def _feed(self, items: list[Article]) -> str:
        entries = "".join(
            f"<item><title>{escape(a.title)}</title><link>{self.base}{a.path}</link>"
            f"<pubDate>{format_datetime(a.published)}</pubDate><description>{escape(a.paragraphs[0][:200])}"
            "</description></item>" for a in items)
        return ("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>The Daily Chrome</title>"
                f"<link>{self.base}/</link><description>Latest news</description>{entries}</channel></rss>")

    # --- serving ----------------------------------------------------------------------------

    def get(self, handler: BaseHTTPRequestHandler) -> None:
        """Answer with :meth:`page`; 304 to an ``If-None-Match`` of the body's ETag."""
        path = handler.path.split("?", 1)[0]
        status, media, text = self.page(path)
        data = text.encode("utf-8")
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        if status == 200 and handler.headers.get("If-None-Match") == etag:
            status, data = 304, b""
        with self._lock:
            self.requested.append((path, status))
        tags = {"ETag": etag} if status in (200, 304) else {}
        self.send(handler, status, None if status == 304 else media, data, **tags)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
