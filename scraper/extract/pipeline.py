"""The extraction pipeline: one HTML page in, one clean :class:`ArticleRecord` (None only
for a page that cannot be parsed).

Every page gives what it found, with its ``page_type`` (article, listing, other) and
the signals that decided it: the crawl's pipeline drops what is not an article, and
``scraper extract`` and ``scraper eval`` see the text of every page.

The page is parsed once and flows through numbered stages, each one call into its
module, in the order they run:

1. ``parse``         — decode and parse the page (repairing stray roots and streamed
                       React blocks); nothing has read the tree yet.
2. ``sources``       — what the fields are read from (JSON-LD, OpenGraph, meta,
                       itemprop, ``<time>``, the visible byline and dateline), from the
                       uncleaned tree, into :class:`PageMetadata` (field by field:
                       ``fields``).
3. ``preclean``      — strip the chrome (navigation, related blocks, share bars,
                       pop-ups …) from the tree, in place.
4. ``maintext``      — trafilatura's main text of the cleaned tree, with fallbacks,
                       and the blocks it lost inside the article put back.
5. ``postclean``     — the text's lines cleaned: chrome lines, copies, junk, the
                       headline, bylines (their names kept as authors) and notes at
                       the edges, the author's bio.
6. ``article_check`` — what the page is (markup read before the pre-clean, URL,
                       length, links).
7. ``fields``        — the record: title, authors, dates, language, and the simple
                       fields, from the metadata, the cleaned tree and the body.
"""

from __future__ import annotations

import logging

from scraper.extract.article_check import OTHER, PageVerdict, article_markup, page_verdict
from scraper.extract.fields.authors import record_authors
from scraper.extract.fields.dates import record_date
from scraper.extract.fields.language import detect_language
from scraper.extract.maintext import main_text
from scraper.extract.parse import parse_html
from scraper.extract.postclean import clean_body
from scraper.extract.preclean import clean_tree
from scraper.extract.sources.page_metadata import extract_metadata
from scraper.record.article import ArticleRecord
from scraper.record.fingerprint import text_fingerprint

__all__ = ["extract_article"]

LOGGER = logging.getLogger(__name__)


def extract_article(
    html: str | bytes, url: str | None = None, *, language_hint: str | None = None
) -> ArticleRecord | None:
    """What ``html`` holds as a record, with its ``page_type`` and ``page_signals``; None
    only when the page cannot be parsed.

    Never raises on bad input: empty, binary or broken pages give None.
    ``site`` and ``fetched_at`` are left for the caller to fill.
    """
    try:
        return _extract(html, url, language_hint)
    except Exception:  # noqa: BLE001 - one bad page must not stop a crawl
        LOGGER.warning("extraction failed: %s", url, exc_info=True)
        return None


def _extract(html: str | bytes, url: str | None, language_hint: str | None) -> ArticleRecord | None:
    # 1 parse
    tree = parse_html(html)
    if tree is None:
        return None
    # 2 sources: before cleaning, reads head, JSON-LD, <time>, the visible byline
    meta = extract_metadata(tree, url)
    markup = article_markup(tree, meta)
    # 3 pre-clean
    clean_tree(tree)
    # 4 main text
    text = main_text(tree, url)
    # 5 post-clean
    body, byline_authors = clean_body(text, meta.title, meta.authors) if text else ("", [])
    # 6 article check
    verdict = page_verdict(meta, markup, body, tree, url) if body else PageVerdict(OTHER, ("text:none",))
    # 7 fields
    date_published, date_source = record_date(meta.date_published, tree, url, meta.date_source,
                                               lambda: parse_html(html))
    return ArticleRecord(
        url=url or meta.canonical_url or "",
        canonical_url=meta.canonical_url,
        title=meta.title,
        text=body,
        authors=record_authors(meta.authors, byline_authors, meta.site_name),
        date_published=date_published,
        date_source=date_source,
        date_modified=meta.date_modified,
        language=detect_language(meta.languages, language_hint, body),
        description=meta.description,
        section=meta.section,
        tags=meta.tags,
        image_url=meta.image_url,
        page_type=verdict.page_type,
        paywalled=meta.paywalled,
        page_signals=list(verdict.signals),
        fingerprint=text_fingerprint(body),
    )
