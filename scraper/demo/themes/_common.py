"""Helpers shared by the demo themes: responses, escaping, feeds, sitemaps, routing."""

from __future__ import annotations

import hashlib
import json
import math
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from types import ModuleType
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from scraper.record.timestamps import parse_http_date

if TYPE_CHECKING:  # pragma: no cover
    from ..site import DemoArticle, DemoSite

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"

NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Ctx:
    """What a renderer needs for one request."""

    site: DemoSite
    base: str  # "http://127.0.0.1:PORT", from the request's Host header
    now: datetime  # current time in the site's timezone (header clock)
    path: str = "/"

    def url(self, path: str) -> str:
        return self.base + path


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def html_response(body: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(status, HTML, body.encode("utf-8"), dict(headers or {}))


def json_ld(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("</", "<\\/")


def http_date(dt: datetime) -> str:
    return format_datetime(dt.astimezone(UTC), usegmt=True)


def pages_count(n_items: int, per_page: int) -> int:
    return max(1, math.ceil(n_items / per_page))


def section_page(site: DemoSite, slug: str, page: int, per_page: int) -> tuple[list[DemoArticle], int]:
    """The articles on page ``page`` of a section, and the section's page count."""
    items = [a for a in site.articles if a.section == slug]
    return items[(page - 1) * per_page: page * per_page], pages_count(len(items), per_page)


def related_articles(site: DemoSite, article: DemoArticle, n: int = 4) -> list[DemoArticle]:
    """Other articles of the same section first, then the newest others."""
    others = [a for a in site.articles if a.slug != article.slug]
    same = [a for a in others if a.section == article.section]
    rest = [a for a in others if a.section != article.section]
    return (same + rest)[:n]


def most_read(site: DemoSite, n: int = 5) -> list[DemoArticle]:
    """A stable pseudo 'most read' list (depends only on the slugs)."""
    items = site.articles
    items.sort(key=lambda a: zlib.crc32(a.slug.encode("utf-8")))
    return items[:n]


# --- binary placeholder image ------------------------------------------------------------

def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    raw = row * height
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


PLACEHOLDER_PNG = _png(160, 90, (96, 110, 128))


# --- feeds and sitemaps ------------------------------------------------------------------

def xml_text(text: object) -> str:
    return escape(str(text), quote=False)


def robots_txt(ctx: Ctx, theme: ModuleType) -> Response:
    lines = [
        "User-agent: *",
        f"Disallow: {ctx.site.disallowed_prefix}",
        "",
        f"Sitemap: {ctx.url(theme.SITEMAP_INDEX_PATH)}",
        "",
    ]
    return Response(200, TEXT, "\n".join(lines).encode("utf-8"))


def rss_feed(ctx: Ctx, theme: ModuleType, n: int = 15, full_content: bool = False) -> Response:
    site = ctx.site
    items = site.articles[:n]
    last = max((a.modified for a in items), default=ctx.now)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{xml_text(site.title)}</title>",
        f'<atom:link href="{esc(ctx.url(theme.FEED_PATH))}" rel="self" type="application/rss+xml"/>',
        f"<link>{xml_text(ctx.url('/'))}</link>",
        f"<description>{xml_text(site.tagline or site.title)}</description>",
        f"<lastBuildDate>{format_datetime(last)}</lastBuildDate>",
        f"<language>{xml_text(site.language)}</language>",
    ]
    for a in items:
        link = ctx.url(site.article_path(a))
        out.append("<item>")
        out.append(f"<title>{xml_text(a.title)}</title>")
        out.append(f"<link>{xml_text(link)}</link>")
        for author in a.authors:
            out.append(f"<dc:creator><![CDATA[{author}]]></dc:creator>")
        out.append(f"<pubDate>{format_datetime(a.published)}</pubDate>")
        out.append(f"<category><![CDATA[{site.section(a.section).name}]]></category>")
        out.append(f'<guid isPermaLink="true">{xml_text(link)}</guid>')
        out.append(f"<description>{xml_text(a.description)}</description>")
        if full_content:
            body = "".join(f"<{k}>{esc(t)}</{k}>" for k, t in a.blocks)
            out.append(f"<content:encoded><![CDATA[{body}]]></content:encoded>")
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return Response(200, RSS, "\n".join(out).encode("utf-8"))


def sitemap_index(ctx: Ctx, theme: ModuleType) -> Response:
    site = ctx.site
    articles = site.articles
    last = max((a.modified for a in articles), default=ctx.now).isoformat()
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for kind in ("posts", "pages", "news"):
        out.append(
            f"<sitemap><loc>{xml_text(ctx.url(theme.SITEMAP_PATHS[kind]))}</loc>"
            f"<lastmod>{last}</lastmod></sitemap>"
        )
    out += ["</sitemapindex>", ""]
    return Response(200, XML, "\n".join(out).encode("utf-8"))


def posts_sitemap(ctx: Ctx) -> Response:
    site = ctx.site
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for a in site.articles:
        out.append(
            f"<url><loc>{xml_text(ctx.url(site.article_path(a)))}</loc>"
            f"<lastmod>{a.date_modified}</lastmod></url>"
        )
    out += ["</urlset>", ""]
    return Response(200, XML, "\n".join(out).encode("utf-8"))


def pages_sitemap(ctx: Ctx, paths: list[str]) -> Response:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for path in paths:
        out.append(f"<url><loc>{xml_text(ctx.url(path))}</loc></url>")
    out += ["</urlset>", ""]
    return Response(200, XML, "\n".join(out).encode("utf-8"))


def news_sitemap(ctx: Ctx) -> Response:
    site = ctx.site
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">',
    ]
    for a in site.articles:
        out.append(
            "<url>"
            f"<loc>{xml_text(ctx.url(site.article_path(a)))}</loc>"
            "<news:news><news:publication>"
            f"<news:name>{xml_text(site.title)}</news:name>"
            f"<news:language>{xml_text(site.language)}</news:language>"
            "</news:publication>"
            f"<news:publication_date>{a.date_published}</news:publication_date>"
            f"<news:title>{xml_text(a.title)}</news:title>"
            "</news:news></url>"
        )
    out += ["</urlset>", ""]
    return Response(200, XML, "\n".join(out).encode("utf-8"))


# --- routing -----------------------------------------------------------------------------

def _route(ctx: Ctx, theme: ModuleType, path: str, headers: dict[str, str]) -> Response:
    site = ctx.site
    if path == "/robots.txt":
        return robots_txt(ctx, theme)
    if path == theme.FEED_PATH:
        return rss_feed(ctx, theme, full_content=getattr(theme, "FEED_FULL_CONTENT", False))
    if path == theme.SITEMAP_INDEX_PATH:
        return sitemap_index(ctx, theme)
    if path == theme.SITEMAP_PATHS["posts"]:
        return posts_sitemap(ctx)
    if path == theme.SITEMAP_PATHS["news"]:
        return news_sitemap(ctx)
    if path == theme.SITEMAP_PATHS["pages"]:
        return pages_sitemap(ctx, ["/", theme.ABOUT_PATH, theme.CONTACT_PATH])
    if path.endswith(".png"):
        known = {theme.image_path(site, a) for a in site.articles} | {theme.LOGO_PATH}
        if path in known:
            return Response(200, "image/png", PLACEHOLDER_PNG)
        return theme.render_not_found(ctx)
    if path.startswith(site.disallowed_prefix):
        if path in site.disallowed_paths():
            return theme.render_disallowed(ctx)
        return theme.render_not_found(ctx)

    article = site.article_by_path(path)
    if article is not None:
        last_modified = http_date(article.modified)
        since = parse_http_date(_header(headers, "If-Modified-Since"))
        if since is not None and article.modified.replace(microsecond=0) <= since:
            return Response(304, HTML, b"", {"Last-Modified": last_modified})
        resp = theme.render_article(ctx, article)
        resp.headers["Last-Modified"] = last_modified
        return resp

    if path == "/":
        return theme.render_home(ctx)
    if path == theme.ABOUT_PATH:
        return theme.render_about(ctx)
    if path == theme.CONTACT_PATH:
        return theme.render_contact(ctx)

    m = re.fullmatch(theme.SECTION_PATH_RE, path)
    if m:
        slug, page = m.group("slug"), m.group("page")
        try:
            section = site.section(slug)
        except KeyError:
            return theme.render_not_found(ctx)
        if page is not None and int(page) == 1:
            return Response(301, HTML, b"", {"Location": ctx.url(theme.section_path(site, slug))})
        page_no = int(page or 1)
        n = len([a for a in site.articles if a.section == slug])
        if page_no < 1 or page_no > pages_count(n, theme.PER_PAGE):
            return theme.render_not_found(ctx)
        return theme.render_section(ctx, section, page_no)

    m = re.fullmatch(theme.TAG_PATH_RE, path)
    if m:
        wanted = {m.group("slug"), unquote(m.group("slug"))}
        for tag in site.all_tags():
            slug = site.tag_slug(tag)
            if slug in wanted or unquote(slug) in wanted:
                return theme.render_tag(ctx, tag)
        return theme.render_not_found(ctx)
    return theme.render_not_found(ctx)


def _header(headers: dict[str, str], name: str) -> str:
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), "")


def _conditional(resp: Response, path: str, site: DemoSite, headers: dict[str, str]) -> Response:
    """Validators and 304 answers, as a well-behaved news server gives them.

    Feeds and sitemaps get an ETag of their bytes; listing pages (whose bytes change
    with the header clock) get the site's last change as Last-Modified. Articles set
    their own Last-Modified in ``_route``.
    """
    if resp.status != 200 or path == "/robots.txt" or "Last-Modified" in resp.headers:
        return resp
    if resp.content_type in (XML, RSS):
        etag = '"' + hashlib.sha1(resp.body).hexdigest()[:20] + '"'
        resp.headers["ETag"] = etag
        if _header(headers, "If-None-Match") == etag:
            return Response(304, resp.content_type, b"", {"ETag": etag})
        return resp
    if resp.content_type == HTML and site.articles:
        changed = max(a.modified for a in site.articles).replace(microsecond=0)
        resp.headers["Last-Modified"] = http_date(changed)
        since = parse_http_date(_header(headers, "If-Modified-Since"))
        if since is not None and changed <= since:
            return Response(304, HTML, b"", {"Last-Modified": http_date(changed)})
    return resp


def route(
    site: DemoSite,
    raw_path: str,
    base: str,
    headers: dict[str, str] | None = None,
    now: Callable[[], datetime] | None = None,
) -> Response:
    """Render the response for ``raw_path`` (path + optional query) on ``site``."""
    theme = site.theme_module
    headers = headers or {}
    path = urlsplit(raw_path).path or "/"
    path = re.sub(r"/{2,}", "/", path)
    ctx = Ctx(site=site, base=base, now=(now or site.now)(), path=path)
    resp = _conditional(_route(ctx, theme, path, headers), path, site, headers)
    if resp.status == 404 and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        # WordPress-style canonical redirect: /about -> /about/
        alt = _route(ctx, theme, path + "/", headers)
        if alt.status == 200:
            return Response(301, HTML, b"", {"Location": ctx.url(path + "/")})
    return resp
