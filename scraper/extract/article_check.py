"""Stage 6: is the page an article?

A page is an article when its markup says so and it has some text, or, without
such markup, when it has enough text that is not a list of links. Pages marked up
as something else (CollectionPage, AboutPage, /tag/, /about) need much more; og:type
website, which many CMSs put on every page, only makes the listing checks stricter.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.sources.page_metadata import PageMetadata

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


def is_article(meta: PageMetadata, body: str, tree: HtmlElement, url: str | None) -> bool:
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
