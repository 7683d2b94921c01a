"""A lead: a URL that a sitemap or a feed announced, with what it said about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Lead:
    """An article URL found in a sitemap or feed, with the dates the source gave.

    The dates travel with the request so that later stages can use them: as a fallback
    publication date, to skip old articles, or to refetch updated ones.
    """

    url: str
    source: str
    """``"sitemap"``, ``"news-sitemap"`` or ``"feed"``."""
    lastmod: str | None = None
    """Sitemap ``<lastmod>`` or feed ``updated``, as given (ISO 8601 when the source is valid)."""
    published: str | None = None
    """Google News ``<news:publication_date>`` or feed ``published``."""
    title: str | None = None
    """``<news:title>`` or the feed item's title."""

    def as_meta(self) -> dict[str, str]:
        """The lead's facts as a flat dict for ``Request.meta``, without empty values."""
        return {
            f"lead_{key}": value
            for key, value in (
                ("source", self.source),
                ("lastmod", self.lastmod),
                ("published", self.published),
                ("title", self.title),
            )
            if value
        }
