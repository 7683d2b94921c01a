"""The fetched page: what the spider hands to the pipelines before extraction."""

from __future__ import annotations

from dataclasses import dataclass, field

from scraper.record.article import ArticleRecord
from scraper.store.shingles import HashedText
from scraper.store.state import ArticleCommit


@dataclass(kw_only=True)
class FetchedPage:
    """A downloaded candidate article page and what discovery knew about it.

    The spider only fetches and yields these; the pipelines carry the page along while
    they work on its record (extract sets ``record``; validate and deduplicate read the
    page's lead dates; export writes the record and passes on the record alone), so
    crawling and extraction can be scaled and tested apart.
    """

    url: str
    """The URL after redirects."""
    site: str
    """Name of the site in the crawl configuration."""
    html: str
    """The decoded body (:func:`scraper.fetch.decoding.decode_html`: declarations checked, not trusted)."""
    fetched_at: str
    """Download time, ISO 8601 in UTC."""
    status: int = 200
    language_hint: str | None = None
    """The site's configured language, used when the page does not say."""
    lead: dict[str, str] = field(default_factory=dict)
    """What a sitemap or feed said about the URL (``lead_*`` keys of :class:`Lead.as_meta`)."""
    not_before: str | None = None
    """Articles published before this instant (``--since``, ``max_age``) are not wanted."""
    record: ArticleRecord | None = None
    """The extracted record, once the extract pipeline has run."""
    hashed_text: HashedText | None = None
    """The record text's shingle hashes, when an extraction worker computed them
    (deduplication hashes the text itself otherwise)."""
    commit: ArticleCommit | None = None
    """What the state will remember once the record is written (set by deduplication)."""

    @property
    def lead_lastmod(self) -> str | None:
        """The date a sitemap or feed gave for the page's last change, if any."""
        return self.lead.get("lead_lastmod") or self.lead.get("lead_published")
