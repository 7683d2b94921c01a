"""The fetched page: what the spider hands to the pipelines before extraction."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(kw_only=True)
class FetchedPage:
    """A downloaded candidate article page and what discovery knew about it.

    The spider only fetches and yields these; turning one into an
    :class:`~scraper.records.ArticleRecord` is the extract pipeline's job, so crawling and
    extraction can be scaled and tested apart.
    """

    url: str
    """The URL after redirects."""
    site: str
    """Name of the site in the crawl configuration."""
    html: str
    """The decoded body (Scrapy's header / meta / BOM detection)."""
    fetched_at: str
    """Download time, ISO 8601 in UTC."""
    status: int = 200
    language_hint: str | None = None
    """The site's configured language, used when the page does not say."""
    lead: dict[str, str] = field(default_factory=dict)
    """What a sitemap or feed said about the URL (``lead_*`` keys of :class:`Lead.as_meta`)."""
