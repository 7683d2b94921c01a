"""Data model of the bundled demo news sites.

A :class:`DemoSite` holds its articles in memory; the demo server renders every page from
that data on each request, so articles published or updated while the server runs show up
immediately on listings, feeds and sitemaps.
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

DATA_DIR = Path(__file__).parent / "data"

BLOCK_KINDS = ("p", "h2", "h3")


@dataclass
class DemoArticle:
    """One article of a demo site, as data (the theme turns it into HTML)."""

    slug: str
    section: str  # section slug
    title: str
    authors: list[str]
    date_published: str  # ISO 8601 with UTC offset
    date_modified: str = ""  # ISO 8601 with UTC offset; defaults to date_published
    tags: list[str] = field(default_factory=list)  # display names
    description: str = ""
    image: str = ""  # site-relative path; derived by the theme when empty
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("p"|"h2"|"h3", text)
    byline: str | None = None  # printed at the top of the body, not part of body_text()
    article_id: int = 0  # numeric id (used in English URLs, WordPress post ids)
    comments: list[dict[str, str]] = field(default_factory=list)  # name, date, text

    def __post_init__(self) -> None:
        self.blocks = [(str(k), str(t)) for k, t in self.blocks]
        for kind, _ in self.blocks:
            if kind not in BLOCK_KINDS:
                raise ValueError(f"unknown block kind {kind!r} in article {self.slug!r}")
        if not self.date_modified:
            self.date_modified = self.date_published
        self.authors = list(self.authors)
        self.tags = list(self.tags)

    @property
    def published(self) -> datetime:
        return datetime.fromisoformat(self.date_published)

    @property
    def modified(self) -> datetime:
        return datetime.fromisoformat(self.date_modified)

    def body_text(self) -> str:
        """The body's blocks joined by newlines (a theme may print a standfirst above
        them: :meth:`DemoSite.published_text`)."""
        return "\n".join(text for _, text in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["blocks"] = [list(b) for b in self.blocks]
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DemoArticle:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class DemoSection:
    slug: str
    name: str


def _parse_offset(text: str) -> timezone:
    m = re.fullmatch(r"([+-])(\d{2}):(\d{2})", text or "+00:00")
    if not m:
        raise ValueError(f"bad UTC offset {text!r}")
    delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
    return timezone(-delta if m.group(1) == "-" else delta)


def _iso(dt: datetime) -> str:
    return dt.replace(microsecond=0).isoformat()


class DemoSite:
    """A demo news site: metadata, sections and a thread-safe list of articles."""

    def __init__(
        self,
        *,
        name: str,
        theme: str,
        language: str,
        title: str,
        sections: list[DemoSection],
        articles: list[DemoArticle],
        tagline: str = "",
        disallowed_prefix: str = "/private/",
        utc_offset: str = "+00:00",
        tag_slugs: dict[str, str] | None = None,
        pages: dict[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.theme = theme
        self.language = language
        self.title = title
        self.tagline = tagline
        self.sections = list(sections)
        self.disallowed_prefix = disallowed_prefix
        self.tzinfo = _parse_offset(utc_offset)
        self.tag_slugs = dict(tag_slugs or {})
        self.pages = dict(pages or {})  # about/contact texts etc.
        self._lock = threading.RLock()
        self._articles: list[DemoArticle] = []
        for article in articles:
            self.publish(article)

    # -- theme --------------------------------------------------------------------------
    @property
    def theme_module(self):
        from .themes import get_theme

        return get_theme(self.theme)

    # -- articles -----------------------------------------------------------------------
    @property
    def articles(self) -> list[DemoArticle]:
        """Snapshot of the articles, newest first (by publication date)."""
        with self._lock:
            items = list(self._articles)
        items.sort(key=lambda a: (a.published, a.article_id), reverse=True)
        return items

    def get(self, slug: str) -> DemoArticle:
        with self._lock:
            for article in self._articles:
                if article.slug == slug:
                    return article
        raise KeyError(slug)

    def now(self) -> datetime:
        return datetime.now(self.tzinfo).replace(microsecond=0)

    def publish(self, article: DemoArticle) -> DemoArticle:
        """Add an article (it appears on listings, feeds and sitemaps right away)."""
        with self._lock:
            if any(a.slug == article.slug for a in self._articles):
                raise ValueError(f"slug {article.slug!r} already exists on {self.name}")
            if article.section not in {s.slug for s in self.sections}:
                raise ValueError(f"unknown section {article.section!r} on {self.name}")
            if not article.date_published:
                article.date_published = _iso(self.now())
            if not article.date_modified:
                article.date_modified = article.date_published
            if not article.article_id:
                article.article_id = max((a.article_id for a in self._articles), default=1000) + 1
            self._articles.append(article)
            return article

    def update(self, slug: str, **changes: Any) -> DemoArticle:
        """Change fields of an article; date_modified is bumped (unless given)."""
        with self._lock:
            article = self.get(slug)
            names = {f.name for f in dataclasses.fields(DemoArticle)} - {"slug", "article_id"}
            unknown = set(changes) - names
            if unknown:
                raise TypeError(f"cannot update fields {sorted(unknown)}")
            old_modified = article.modified
            for key, value in changes.items():
                if key == "blocks":
                    value = [(str(k), str(t)) for k, t in value]
                setattr(article, key, value)
            if "date_modified" not in changes:
                new = datetime.now(old_modified.tzinfo or self.tzinfo).replace(microsecond=0)
                if new <= old_modified:
                    new = old_modified + timedelta(seconds=1)
                article.date_modified = _iso(new)
            return article

    # -- URLs ---------------------------------------------------------------------------
    def section(self, slug: str) -> DemoSection:
        for s in self.sections:
            if s.slug == slug:
                return s
        raise KeyError(slug)

    def tag_slug(self, tag: str) -> str:
        if tag in self.tag_slugs:
            return self.tag_slugs[tag]
        slug = re.sub(r"[^\w]+", "-", tag.lower()).strip("-")
        return quote(slug, safe="-")

    def all_tags(self) -> list[str]:
        seen: dict[str, None] = {}
        for article in self.articles:
            for tag in article.tags:
                seen.setdefault(tag, None)
        return list(seen)

    def article_path(self, article: DemoArticle) -> str:
        return self.theme_module.article_path(self, article)

    def published_text(self, article: DemoArticle) -> str:
        """The article's text as the theme prints it: what a perfect extractor returns."""
        return self.theme_module.published_text(article)

    def article_paths(self) -> list[str]:
        return [self.article_path(a) for a in self.articles]

    def non_article_paths(self) -> list[str]:
        """Every HTML page that is not an article (disallowed pages excluded)."""
        return self.theme_module.non_article_paths(self)

    def disallowed_paths(self) -> list[str]:
        """The pages under the robots.txt-disallowed prefix (linked from every footer)."""
        return self.theme_module.disallowed_paths(self)

    @property
    def article_path_regex(self) -> str:
        """Regex (re.search) matching the path (with leading /) of article pages only."""
        return self.theme_module.ARTICLE_PATH_REGEX

    @property
    def feed_path(self) -> str:
        return self.theme_module.FEED_PATH

    @property
    def sitemap_index_path(self) -> str:
        return self.theme_module.SITEMAP_INDEX_PATH

    def article_by_path(self, path: str) -> DemoArticle | None:
        for article in self.articles:
            if self.article_path(article) == path:
                return article
        return None

    def __repr__(self) -> str:
        return f"DemoSite({self.name!r}, {len(self._articles)} articles)"


def article_url_regex(site: DemoSite, base_url: str | None = None) -> str:
    """Regex matching the absolute URLs of the site's articles (and nothing else).

    With ``base_url`` (e.g. ``"http://127.0.0.1:8123"``) the pattern is anchored to it;
    without, it matches any scheme and host.
    """
    path_re = site.article_path_regex.lstrip("^")
    if base_url:
        return "^" + re.escape(base_url.rstrip("/")) + path_re
    return r"^https?://[^/]+" + path_re


def site_from_dict(data: dict[str, Any]) -> DemoSite:
    return DemoSite(
        name=data["name"],
        theme=data["theme"],
        language=data["language"],
        title=data["title"],
        tagline=data.get("tagline", ""),
        sections=[DemoSection(**s) for s in data["sections"]],
        articles=[DemoArticle.from_dict(a) for a in data["articles"]],
        disallowed_prefix=data.get("disallowed_prefix", "/private/"),
        utc_offset=data.get("utc_offset", "+00:00"),
        tag_slugs=data.get("tag_slugs"),
        pages=data.get("pages"),
    )


def load_demo_sites(data_dir: str | Path | None = None) -> list[DemoSite]:
    """Fresh DemoSite objects built from the bundled JSON files (arabic, english)."""
    directory = Path(data_dir) if data_dir else DATA_DIR
    sites = []
    for name in ("arabic.json", "english.json"):
        path = directory / name
        if path.exists():
            sites.append(site_from_dict(json.loads(path.read_text(encoding="utf-8"))))
    return sites
