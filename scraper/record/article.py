"""The article record: one JSON object per article in the output dataset.

The record is a plain dataclass so that it can be built without Scrapy, read through
``itemadapter`` inside Scrapy, and turned into JSON with :func:`record_to_dict`. Every
field documents its exact format in ``metadata["doc"]``; the shipped JSON Schema
(``scraper/record/article.schema.json``) is generated from those docs and a test keeps the
two in agreement.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from scraper.record.dates import consistent_date, date_precision


def _doc(text: str, **extra: Any) -> dict[str, Any]:
    return {"doc": text, **extra}


@dataclass(kw_only=True)
class ArticleRecord:
    """One news article, cleaned: its body text and its metadata, nothing else."""

    url: str = field(metadata=_doc("The URL that was fetched (after redirects)."))
    canonical_url: str | None = field(
        default=None,
        metadata=_doc(
            "The article's canonical URL: the page's rel=canonical or og:url when it "
            "points to the same site, otherwise the fetched URL, normalised."
        ),
    )
    site: str | None = field(
        default=None,
        metadata=_doc("Name of the site in the crawl configuration that produced it."),
    )
    title: str | None = field(
        default=None,
        metadata=_doc("The headline, once, without the site-name suffix."),
    )
    text: str = field(
        default="",
        metadata=_doc(
            "The article body: paragraphs and in-body subheadings in reading order, "
            "separated by newlines. No headline, byline, navigation or related links.",
            minLength=1,
        ),
    )
    authors: list[str] = field(
        default_factory=list,
        metadata=_doc("People credited for the article (writers, translators), in page order."),
    )
    date_published: str | None = field(
        default=None,
        metadata=_doc(
            "First publication time, ISO 8601: the date and time to the second with its "
            "UTC offset when both are known (2025-03-05T14:30:00+01:00), else the date "
            "alone (2025-03-05); see date_precision.",
            format="iso8601",
        ),
    )
    date_precision: str | None = field(
        default=None,
        metadata=_doc(
            "How precise date_published is: 'second' (a time with its UTC offset) or 'day' "
            "(the date alone: the page gave no time, or a time without its zone); null "
            "without a date. Filled in when the record is written.",
            enum=["day", "second", None],
        ),
    )
    date_source: str | None = field(
        default=None,
        metadata=_doc(
            "Where date_published was read: 'metadata' (JSON-LD, meta tags, itemprop, the "
            "article's <time>), 'script' (the page's script data), 'dateline' (a date shown "
            "in the article), 'htmldate' (htmldate on the cleaned page), 'url' (a date in "
            "the URL) or 'lead' (the sitemap or feed entry that announced the page); null "
            "without a date.",
            enum=["metadata", "script", "dateline", "htmldate", "url", "lead", None],
        ),
    )
    date_modified: str | None = field(
        default=None,
        metadata=_doc("Last modification time, same format as date_published.", format="iso8601"),
    )
    language: str | None = field(
        default=None,
        metadata=_doc("ISO 639-1 code of the body's language, e.g. 'ar' or 'en'.", pattern="^[a-z]{2}$"),
    )
    description: str | None = field(
        default=None,
        metadata=_doc("The page's own summary (meta description or og:description)."),
    )
    section: str | None = field(
        default=None,
        metadata=_doc("The site section the article belongs to, as the site names it."),
    )
    tags: list[str] = field(
        default_factory=list,
        metadata=_doc("Keywords and tags the site attaches to the article."),
    )
    image_url: str | None = field(
        default=None,
        metadata=_doc("Absolute URL of the lead image (og:image or structured data)."),
    )
    page_type: str = field(
        default="article",
        metadata=_doc(
            "What the page is: 'article', 'listing' (a section, tag or home page of "
            "teasers) or 'other' (a service or profile page, or too little text). A crawl "
            "writes only articles; `scraper extract` shows the others too.",
            enum=["article", "listing", "other"],
        ),
    )
    paywalled: bool = field(
        default=False,
        metadata=_doc(
            "The publisher marks the article as not free to read (schema.org "
            "isAccessibleForFree false, on the article or one of its parts): the text "
            "may be only the part shown before the paywall."
        ),
    )
    page_signals: list[str] = field(
        default_factory=list,
        metadata=_doc(
            "The signals that decided page_type, as 'kind:value' strings, e.g. "
            "'markup:article-element', 'url:listing', 'length:short', 'links:dense'."
        ),
    )
    fetched_at: str | None = field(
        default=None,
        metadata=_doc("When the page was downloaded, ISO 8601 in UTC.", format="iso8601"),
    )
    fingerprint: str | None = field(
        default=None,
        metadata=_doc(
            "SHA-256 (hex) of the normalised body text: equal texts give equal "
            "fingerprints whatever their whitespace, case or punctuation.",
            pattern="^[0-9a-f]{64}$",
        ),
    )
    article_id: str | None = field(
        default=None,
        metadata=_doc(
            "Stable id of the article, shared by all its versions: derived from the first "
            "canonical URL it was seen under (16 hex digits).",
            pattern="^[0-9a-f]{16}$",
        ),
    )
    version: int = field(
        default=1,
        metadata=_doc(
            "1 for the first record of an article; each later record with changed text "
            "(an update the site published) gets the next number.",
            minimum=1,
        ),
    )
    duplicate_of: str | None = field(
        default=None,
        metadata=_doc(
            "article_id of an earlier article this one nearly duplicates (a syndicated or "
            "re-slugged copy), when near-duplicates are marked instead of dropped.",
            pattern="^[0-9a-f]{16}$",
        ),
    )


RECORD_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(ArticleRecord))
LIST_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(ArticleRecord) if f.type.startswith("list["))


def record_to_dict(record: ArticleRecord) -> dict[str, Any]:
    """The record as a JSON-ready dict, fields in declaration order, its dates in their
    one form (:mod:`scraper.record.dates`) whichever step filled them."""
    # every field is a str, int, bool, None or a list of str: copying the lists is the deep
    # copy dataclasses.asdict makes, at a seventh of its cost (it runs twice a record)
    data = {name: getattr(record, name) for name in RECORD_FIELDS}
    for name in LIST_FIELDS:
        data[name] = list(data[name])
    data["date_published"] = consistent_date(record.date_published)
    data["date_modified"] = consistent_date(record.date_modified)
    data["date_precision"] = date_precision(data["date_published"])
    return data
