"""What the page's markup says about the article, as one :class:`PageMetadata`:
each field is read by its own module in :mod:`scraper.extract.fields`, from the
:class:`~scraper.extract.sources.page_sources.PageSources` read once here.

A date is never read from the site header (a header clock shows *today*).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement

from scraper.extract.fields.access import page_paywalled
from scraper.extract.fields.authors import page_authors
from scraper.extract.fields.dates import page_dates
from scraper.extract.fields.language import declared_languages
from scraper.extract.fields.simple import (
    page_canonical_url,
    page_description,
    page_image_url,
    page_og_type,
    page_section,
    page_tags,
)
from scraper.extract.fields.title import page_title
from scraper.extract.sources.jsonld import ARTICLE_TYPES, NON_ARTICLE_TYPES
from scraper.extract.sources.markup import first_of
from scraper.extract.sources.page_sources import read_sources


@dataclass
class PageMetadata:
    """What the page's markup says about the article."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date_published: str | None = None
    date_modified: str | None = None
    date_source: str | None = None
    description: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    canonical_url: str | None = None
    languages: list[str] = field(default_factory=list)
    site_name: str | None = None
    og_type: str | None = None
    jsonld_types: set[str] = field(default_factory=set)
    paywalled: bool = False

    @property
    def is_article(self) -> bool:
        """The publisher marked this page up as an article."""
        return (self.og_type or "").startswith("article") or bool(self.jsonld_types & ARTICLE_TYPES)

    @property
    def is_not_article(self) -> bool:
        """The publisher marked this page up as a listing, about or profile page."""
        return not self.is_article and (
            self.og_type == "profile" or bool(self.jsonld_types & NON_ARTICLE_TYPES)
        )

    @property
    def is_website(self) -> bool:
        """og:type says "website": many CMSs say so on every page, so this only
        makes the listing checks stricter."""
        return not self.is_article and self.og_type in ("website", "blog", "object")


def extract_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Read the article's metadata from ``tree`` (not modified)."""
    sources = read_sources(tree, url)
    title, headline = page_title(sources)
    published, modified, date_source = page_dates(sources, headline)  # the dateline is under the headline
    return PageMetadata(
        title=title,
        authors=page_authors(sources),
        date_published=published,
        date_modified=modified,
        date_source=date_source,
        description=page_description(sources),
        section=page_section(sources),
        tags=page_tags(sources),
        image_url=page_image_url(sources),
        canonical_url=page_canonical_url(sources),
        languages=declared_languages(sources),
        site_name=first_of(sources.site_names),
        og_type=page_og_type(sources),
        jsonld_types=sources.jsonld_types,
        paywalled=page_paywalled(sources),
    )

