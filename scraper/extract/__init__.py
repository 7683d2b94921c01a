"""Pure extraction: one HTML page in, one clean :class:`ArticleRecord` (or None) out.

No Scrapy here: the crawl calls :func:`extract_article` on each response body, the
CLI on files. The page is parsed once and flows through named stages, one module each:

1. ``dom``       — parse; read nothing yet; strip chrome from the tree (after stage 2).
2. ``metadata``  — structured data (JSON-LD, OpenGraph, meta, <time>) from the same tree;
                   its readers: ``jsonld``, ``titles``, ``authors``, ``dates``, ``markup``.
3. ``text``      — trafilatura finds the main text in the cleaned tree (``candidates``:
                   fallbacks, and the blocks it lost inside the article put back); its
                   edges are cleaned of headline, bylines (names → authors) and button labels.
4. ``phrases``   — the multilingual chrome phrases stages 1 and 3 match, as data.
5. ``language``  — ISO 639-1 code: declared, hinted, or guessed from the text.

A page is an article when its markup says so and it has some text, or, without
such markup, when it has enough text that is not a list of links. Pages marked up
as something else (CollectionPage, AboutPage, /tag/, /about) need much more; og:type
website, which many CMSs put on every page, only makes the listing checks stricter.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura import bare_extraction

from scraper.extract.candidates import (
    article_container,
    container_document,
    extends,
    lost_structure,
    restore_lost_blocks,
    structure_items,
    unnamed_document,
)
from scraper.extract.dates import fallback_date
from scraper.extract.dom import content_length, content_paragraphs, parse_html, preclean
from scraper.extract.junk import drop_inline_popups
from scraper.extract.language import detect_language
from scraper.extract.metadata import PageMetadata, extract_metadata
from scraper.extract.phrases import phrase_key
from scraper.extract.text import clean_body, merge_authors
from scraper.record.fingerprint import text_fingerprint
from scraper.record.article import ArticleRecord

__all__ = ["extract_article"]

LOGGER = logging.getLogger(__name__)

# Least body length (characters) for a page marked up as an article …
MIN_ARTICLE_CHARS = 200
# … for a page without any markup either way …
MIN_UNMARKED_CHARS = 500
# … and for a page marked up as something else (listing, about, home page).
MIN_NON_ARTICLE_CHARS = 2500
MIN_NON_ARTICLE_LINES = 6
# Above this share of link text in the cleaned page, an unmarked page is a listing.
MAX_LINK_DENSITY = 0.5
# Teaser lists have at least this share of link text (comment threads have less).
MIN_LISTING_LINK_DENSITY = 0.2
# This many linked headings (teasers) after cleaning make an unmarked page a listing
# (fewer with og:type website), unless the body is long for that many (characters per
# teaser). Tuned on wcxb-dev: guides and blog posts with og:type website must pass.
MAX_TEASERS = 8
MAX_WEBSITE_TEASERS = 4
MIN_CHARS_PER_TEASER = 250
# trafilatura runs first with ``favor_precision`` (drops more teasers, link lists and
# trailing headings: aeb shingle F1 +0.007). When that keeps less than this share of
# the page's article-like paragraph text, or less than MIN_PRECISE_CHARS, it may have
# dropped the article itself (wcxb-dev: 22 pages fell to F1 ≈ 0), so the balanced mode
# runs too and wins when it finds more than FALLBACK_GAIN times the text.
# Calibrated on wcxb-dev and aeb (even pages): shares 0.3–0.9 and gains 1.5–3 score the
# same within 0.001; 0.7 reruns on about 9 % of the pages.
MIN_PRECISE_SHARE = 0.7
MIN_PRECISE_CHARS = 200
FALLBACK_GAIN = 1.5

# Without a container (a sidebar or second column holds more than 15 % of the
# paragraph text), the block holding this share of it is checked for lost lists and
# subheadings and read in recall mode when they are lost (see ``candidates``).
# Calibrated on wcxb-dev and aeb: 0.5 and 0.6 change the same pages (one gains, none
# lose); higher shares meet the container rule.
MAIN_BLOCK_SHARE = 0.6

TEASER_XPATH = XPath("count(//h2[.//a] | //h3[.//a] | //h4[.//a])")
LANGUAGE_PREFIX = r"(?:/[a-z]{2}(?:[-_][a-z]{2})?)?"
HOME_PATH_RE = re.compile(r"^" + LANGUAGE_PREFIX + r"/?(?:index\.\w+)?$", re.I)
LISTING_PATH_RE = re.compile(
    r"^" + LANGUAGE_PREFIX + r"/(?:tags?|category|categories|topics?|sections?|authors?|"
    r"search|archives?)(?:/[^/]+)?/?(?:page/\d+/?)?$",
    re.I,
)
SERVICE_PATH_RE = re.compile(
    r"^" + LANGUAGE_PREFIX + r"/(?:about|about-us|who-we-are|contact|contact-us|privacy|"
    r"privacy-policy|terms|terms-of-use|terms-of-service|impressum|imprint|team|advertise|"
    r"careers|faq|sitemap|subscribe|login|register)(?:\.\w+)?/?$",
    re.I,
)


def _url_says_not_article(url: str | None) -> bool:
    if not url:
        return False
    path = urlsplit(url).path
    return bool(HOME_PATH_RE.match(path) or LISTING_PATH_RE.match(path) or SERVICE_PATH_RE.match(path))


def _link_density(tree: HtmlElement) -> float:
    body = tree.find("body")
    if body is None:
        return 0.0
    total = len(" ".join(body.text_content().split()))
    links = sum(len(" ".join(a.text_content().split())) for a in body.iter("a"))
    return links / total if total else 1.0


def _is_article(meta: PageMetadata, body: str, tree: HtmlElement, url: str | None) -> bool:
    """Decide from markup, URL shape, text length and link density (see module doc)."""
    length = len(body)
    if meta.is_article:
        return length >= MIN_ARTICLE_CHARS
    if meta.is_not_article or _url_says_not_article(url):
        return length >= MIN_NON_ARTICLE_CHARS and body.count("\n") + 1 >= MIN_NON_ARTICLE_LINES
    if length < MIN_UNMARKED_CHARS:
        return False
    density = _link_density(tree)
    teasers = TEASER_XPATH(tree)
    max_teasers = MAX_WEBSITE_TEASERS if meta.is_website else MAX_TEASERS
    if (teasers >= max_teasers and length < MIN_CHARS_PER_TEASER * teasers
            and density >= MIN_LISTING_LINK_DENSITY):
        return False
    return density < MAX_LINK_DENSITY


def _people(authors: list[str], site_name: str | None) -> list[str]:
    """Credited names, without the site's own name when a person is credited too.

    CMSs put the site name where no author was entered; next to a person it is noise,
    alone it is the only credit the page gives (a company blog, a one-author site).
    """
    site_key = phrase_key(site_name or "")
    people = [a for a in authors if phrase_key(a) != site_key]
    return people or authors


def extract_article(
    html: str | bytes, url: str | None = None, *, language_hint: str | None = None
) -> ArticleRecord | None:
    """The article in ``html`` as a record, or None when the page is not an article.

    Never raises on bad input: empty, binary or broken pages give None.
    ``site`` and ``fetched_at`` are left for the caller to fill.
    """
    try:
        return _extract(html, url, language_hint)
    except Exception:  # noqa: BLE001 - one bad page must not stop a crawl
        LOGGER.warning("extraction failed: %s", url, exc_info=True)
        return None


def _run_trafilatura(tree: HtmlElement, url: str | None, focus: str = "precision") -> str:
    # bare_extraction works on its own copy of the tree
    document = bare_extraction(tree, url=url, include_comments=False, with_metadata=False,
                               favor_precision=focus == "precision", favor_recall=focus == "recall")
    return (document.text or "") if document is not None else ""


def _main_text(tree: HtmlElement, url: str | None) -> str:
    """trafilatura's main text of the cleaned tree: precise, unless that lost the article
    (then balanced, then balanced on the article's own container, then on that
    container without class and id names, as long as it extends the text found) or
    the article's subheadings and lists (then recall mode on the container); see
    ``candidates``."""
    text = _run_trafilatura(tree, url, "precision")
    body = tree.find("body")
    paragraphs = content_paragraphs(body if body is not None else tree)
    expected = max(MIN_PRECISE_CHARS, MIN_PRECISE_SHARE * content_length(tree, paragraphs))
    if len(text) < expected:
        balanced = _run_trafilatura(tree, url, "balanced")
        if len(balanced) > FALLBACK_GAIN * len(text):
            text = balanced
    container = article_container(tree, paragraphs)
    if container is None:
        return _recalled_structure(tree, url, paragraphs, text)
    document = None
    if len(text) < expected:
        document = container_document(tree, container)
        contained = _run_trafilatura(document, url, "balanced")
        if len(contained) > FALLBACK_GAIN * len(text):
            text = contained
    if len(text) < expected:
        unnamed = _run_trafilatura(unnamed_document(container_document(tree, container)), url, "balanced")
        if len(unnamed) > FALLBACK_GAIN * len(text) and extends(text, unnamed):
            text = unnamed
    if lost_structure(structure_items(container), text):
        document = document if document is not None else container_document(tree, container)
        recalled = _run_trafilatura(document, url, "recall")
        if len(recalled) > len(text):
            text = recalled
    return text


def _recalled_structure(
    tree: HtmlElement, url: str | None, paragraphs: dict[HtmlElement, int], text: str
) -> str:
    """``text``, or the recall-mode text of the article's main block when ``text``
    lost its lists and subheadings, on pages whose article has no single container
    (a sidebar or a second column holds a good share of the paragraphs)."""
    block = article_container(tree, paragraphs, MAIN_BLOCK_SHARE)
    if block is None or not lost_structure(structure_items(block), text):
        return text
    recalled = _run_trafilatura(container_document(tree, block), url, "recall")
    return recalled if len(recalled) > len(text) else text


def _extract(html: str | bytes, url: str | None, language_hint: str | None) -> ArticleRecord | None:
    tree = parse_html(html)
    if tree is None:
        return None
    meta = extract_metadata(tree, url)  # before cleaning: reads head, JSON-LD, <time>
    preclean(tree, meta.description)
    drop_inline_popups(tree)
    text = _main_text(tree, url)
    if not text:
        return None
    text = restore_lost_blocks(tree, text)
    body, byline_authors = clean_body(text, meta.title, meta.authors)
    if not body or not _is_article(meta, body, tree, url):
        return None
    date_published = meta.date_published or fallback_date(tree, url)
    return ArticleRecord(
        url=url or meta.canonical_url or "",
        canonical_url=meta.canonical_url,
        title=meta.title,
        text=body,
        authors=_people(merge_authors(meta.authors, byline_authors), meta.site_name),
        date_published=date_published,
        date_modified=meta.date_modified,
        language=detect_language(meta.languages, language_hint, body),
        description=meta.description,
        section=meta.section,
        tags=meta.tags,
        image_url=meta.image_url,
        fingerprint=text_fingerprint(body),
    )
