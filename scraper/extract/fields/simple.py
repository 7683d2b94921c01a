"""The fields read straight from the page's markup, each the first good value of a
few keys: description, section, tags, image, canonical URL and og:type."""

from __future__ import annotations

from lxml.etree import XPath

from scraper.extract.sources.jsonld import image_of, keyword_list
from scraper.extract.sources.markup import absolute, clean, dedupe, first_of, host_key, meta_value, normalise_url
from scraper.extract.sources.page_sources import PageSources

# Meta keys, in order of trust.
DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description")
SECTION_META = ("article:section", "parsely-section", "section", "article.section", "category")
IMAGE_META = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
              "twitter:image:src", "thumbnail")
TAG_META = ("article:tag", "news_keywords", "parsely-tags")
MAX_TAGS = 50
CANONICAL_XPATH = XPath("/descendant::link[@rel='canonical' or @rel='Canonical']/@href")


def page_description(sources: PageSources) -> str | None:
    """The page's summary: its description meta, else JSON-LD's."""
    return first_of([*(meta_value(sources.meta, (k,)) for k in DESCRIPTION_META),
                     clean(sources.ld("description"))])


def page_section(sources: PageSources) -> str | None:
    """The site section the article is filed in."""
    section = sources.ld("articleSection")
    if isinstance(section, list):
        section = first_of([clean(s) for s in section])
    return first_of([meta_value(sources.meta, SECTION_META), clean(section)])


def page_tags(sources: PageSources) -> list[str]:
    """The article's tags and keywords; plain ``keywords`` meta only without others."""
    meta = sources.meta
    tags = [t for key in TAG_META for v in meta.get(key, ()) for t in keyword_list(v)]
    tags += keyword_list(sources.ld("keywords"))
    if not tags:
        tags = [t for v in meta.get("keywords", ()) for t in keyword_list(v)]
    return dedupe(tags)[:MAX_TAGS]


def page_image_url(sources: PageSources) -> str | None:
    """The article's lead image, as an absolute URL."""
    url = sources.url
    return first_of([absolute(meta_value(sources.meta, (k,)), url) for k in IMAGE_META]
                    + [absolute(image_of(sources.ld("image")), url),
                       absolute(clean(sources.ld("thumbnailUrl")), url)])


def _url_on_site(candidate: str | None, url: str | None) -> str | None:
    candidate = absolute(candidate, url)
    if not candidate:
        return None
    if url and host_key(candidate) != host_key(url):
        return None
    return normalise_url(candidate)


def page_canonical_url(sources: PageSources) -> str | None:
    """The page's canonical address on its own site (rel=canonical, og:url), else the
    fetched address, normalised."""
    url = sources.url
    canonical = CANONICAL_XPATH(sources.tree)
    return first_of([
        _url_on_site(canonical[0] if canonical else None, url),
        _url_on_site(meta_value(sources.meta, ("og:url",)), url),
        normalise_url(url) if url else None,
    ])


def page_og_type(sources: PageSources) -> str | None:
    """og:type, lower case ("article", "website"), which tells what the page is."""
    return (meta_value(sources.meta, ("og:type",)) or "").lower() or None
