"""Stage 6: what the page is (article, listing or other), and the signals that say so.

The extractor never drops a page: it returns what it found with a :class:`PageVerdict`,
and the crawl's pipeline drops what is not an article (counted by reason). The
decision, in order:

1. Markup that says *article* (:func:`article_markup`, read before the pre-clean):
   og:type article or a JSON-LD article type, ``article:*`` meta, an ``itemprop``
   article body, an ``<article>`` holding the headline or the text, a headline with a
   dated byline under it; and a URL of a story's shape (a dated path with a slug). With
   it, a page is an article from ``MIN_ARTICLE_CHARS`` of text, and a short brief with two
   such signals from ``MIN_BRIEF_CHARS``. Only og:type and JSON-LD outweigh a URL that
   says listing or service page.
2. Markup or a URL that says *something else* (CollectionPage, profile, ``/tag/``,
   ``/about``): an article only with much more text.
3. Neither: enough text that is not a list of links or of linked teaser headings;
   og:type website, which many CMSs put on every page, only makes the teaser check
   stricter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.sources.page_metadata import PageMetadata

ARTICLE, LISTING, OTHER = "article", "listing", "other"

# Least body length (characters) for a page marked up as an article …
MIN_ARTICLE_CHARS = 200
# … for a brief with two independent article signals (two short paragraphs) …
MIN_BRIEF_CHARS = 80
MIN_BRIEF_SIGNALS = 2
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
# A listing repeats <article> for each teaser: an <article> is the page's own only when
# it holds the headline, or it is one of at most this many and holds paragraphs.
MAX_OWN_ARTICLES = 2
MIN_ARTICLE_PARAGRAPHS = 2
# article:* meta that only an article page has (article:publisher is on every page of
# many sites).
ARTICLE_META_KEYS = ("article:published_time", "article:modified_time", "article:author",
                     "article:section")
ARTICLE_META_XPATH = XPath(
    "//meta[@content != ''][{}]".format(" or ".join(f"@property='{k}' or @name='{k}'" for k in ARTICLE_META_KEYS)))
ARTICLE_BODY_XPATH = XPath("//*[@itemprop='articleBody' or @itemprop='reviewBody']")
ARTICLES_XPATH = XPath("//article")
HEADLINE_ARTICLE_XPATH = XPath("//article[.//h1]")
# A headline with a date right under it (in the next few elements, or in the block after
# the headline's own wrapper): the dateline of a story.
DATED_HEADLINE_XPATH = XPath(
    "//h1[following-sibling::*[position() <= 3][descendant-or-self::time[@datetime]"
    " or descendant-or-self::*[@itemprop='datePublished']]"
    " or ../following-sibling::*[position() <= 2][descendant-or-self::time[@datetime]"
    " or descendant-or-self::*[@itemprop='datePublished']]]"
)
LANGUAGE_PREFIX = r"(?:/[a-z]{2}(?:[-_][a-z]{2})?)?"
HOME_PATH_RE = re.compile(r"^" + LANGUAGE_PREFIX + r"/?(?:index\.\w+)?$", re.I)
LISTING_PATH_RE = re.compile(
    r"^" + LANGUAGE_PREFIX + r"/(?:tags?|category|categories|topics?|sections?|authors?|"
    r"search|archives?)(?:/[^/]+)?/?(?:page/\d+/?)?$",
    re.I,
)
# A query naming one item of the site (WordPress's ``/?p=2895`` and ``/?page_id=12``,
# ``/index.php?id=58354``): a home path with it is a permalink, not the home page.
# With the dated-slug signal below: traf-dev pages a crawl drops as not articles 11 -> 6,
# htmldate-dev 19 -> 14 (every page of both sets is an article); aeb, wcxb-dev unchanged.
ITEM_QUERY_RE = re.compile(r"(?:^|&)(?:p|page_id|post|id|article|story|news)=\d+/?(?:&|$)", re.I)
# A dated path with a slug after it (``/2019/10/21/interning-of-small-integers/``,
# ``/2012/05/some-story``, ``/20200428/some-story``): the shape of a story's permalink. The date alone
# (``/2019/10/``) is an archive, ``/2019/10/page/2`` a page of it.
DATED_SLUG_PATH_RE = re.compile(
    r"/(?:19|20)\d\d(?:/[01]?\d(?:/[0-3]?\d)?|[01]\d[0-3]\d)/(?!page/)[^/?#]*[a-z][^/?#]*-[^/?#]+", re.I)
SERVICE_PATH_RE = re.compile(
    r"^" + LANGUAGE_PREFIX + r"/(?:about|about-us|who-we-are|contact|contact-us|privacy|"
    r"privacy-policy|terms|terms-of-use|terms-of-service|impressum|imprint|team|advertise|"
    r"careers|faq|sitemap|subscribe|login|register)(?:\.\w+)?/?$",
    re.I,
)


@dataclass(frozen=True)
class PageVerdict:
    """What the page is, and the ``kind:value`` signals that decided it."""

    page_type: str
    signals: tuple[str, ...]

    @property
    def is_article(self) -> bool:
        return self.page_type == ARTICLE


def article_markup(tree: HtmlElement, meta: PageMetadata) -> list[str]:
    """The signals in the (uncleaned) page's markup that it is an article."""
    signals = []
    if (meta.og_type or "").startswith("article"):
        signals.append("markup:og-article")
    if meta.is_article and meta.jsonld_types:
        signals.append("markup:jsonld-article")
    if ARTICLE_META_XPATH(tree):
        signals.append("markup:article-meta")
    if ARTICLE_BODY_XPATH(tree):
        signals.append("markup:article-body")
    if HEADLINE_ARTICLE_XPATH(tree) or _own_article(tree):
        signals.append("markup:article-element")
    if DATED_HEADLINE_XPATH(tree):
        signals.append("markup:dated-headline")
    return signals


def _own_article(tree: HtmlElement) -> bool:
    articles = ARTICLES_XPATH(tree)
    return 0 < len(articles) <= MAX_OWN_ARTICLES and any(
        len(article.findall(".//p")) >= MIN_ARTICLE_PARAGRAPHS for article in articles)


def _url_kind(parts: SplitResult) -> str | None:
    path = parts.path
    if HOME_PATH_RE.match(path):
        return None if ITEM_QUERY_RE.search(parts.query) else LISTING
    if LISTING_PATH_RE.match(path):
        return LISTING
    if SERVICE_PATH_RE.match(path):
        return OTHER
    return None


def _link_density(tree: HtmlElement) -> float:
    body = tree.find("body")
    if body is None:
        return 0.0
    total = len(" ".join(body.text_content().split()))
    links = sum(len(" ".join(a.text_content().split())) for a in body.iter("a"))
    return links / total if total else 1.0


def page_verdict(meta: PageMetadata, markup: list[str], body: str, tree: HtmlElement,
                 url: str | None) -> PageVerdict:
    """Decide from markup, URL shape, text length and link density (see module doc).

    ``markup``: :func:`article_markup` of the page before cleaning; ``tree``: the
    cleaned tree."""
    length = len(body)
    if not body:
        return PageVerdict(OTHER, (*markup, "text:none"))
    parts = urlsplit(url) if url else None
    url_kind = _url_kind(parts) if parts else None
    if parts and DATED_SLUG_PATH_RE.search(parts.path):
        markup = [*markup, "url:dated"]
    # og:type article or a JSON-LD article outweighs the URL; the other signals do not
    if meta.is_article or (markup and not meta.is_not_article and not url_kind):
        least = MIN_BRIEF_CHARS if len(markup) >= MIN_BRIEF_SIGNALS else MIN_ARTICLE_CHARS
        if length >= least:
            return PageVerdict(ARTICLE, tuple(markup))
        return PageVerdict(OTHER, (*markup, "length:short"))
    if meta.is_not_article or url_kind:
        said = ("markup:not-article",) if meta.is_not_article else (f"url:{url_kind}",)
        if length >= MIN_NON_ARTICLE_CHARS and body.count("\n") + 1 >= MIN_NON_ARTICLE_LINES:
            return PageVerdict(ARTICLE, (*said, "length:long"))
        kind = LISTING if meta.is_not_article and meta.og_type != "profile" else (url_kind or OTHER)
        return PageVerdict(kind, (*said, "length:short"))
    if length < MIN_UNMARKED_CHARS:
        return PageVerdict(OTHER, ("markup:none", "length:short"))
    density = _link_density(tree)
    teasers = int(TEASER_XPATH(tree))
    max_teasers = MAX_WEBSITE_TEASERS if meta.is_website else MAX_TEASERS
    if (teasers >= max_teasers and length < MIN_CHARS_PER_TEASER * teasers
            and density >= MIN_LISTING_LINK_DENSITY):
        return PageVerdict(LISTING, ("markup:none", f"teasers:{teasers}"))
    if density >= MAX_LINK_DENSITY:
        return PageVerdict(LISTING, ("markup:none", f"links:{density:.2f}"))
    return PageVerdict(ARTICLE, ("markup:none", "length:enough"))
