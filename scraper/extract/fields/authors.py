"""The record's authors: the people the page credits, from its markup (JSON-LD,
author meta, label / data meta pairs), else from the visible byline or the page's
script data (:func:`page_authors`), merged with the names of the body's byline lines
and without the site's own name next to a person (:func:`record_authors`)."""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.fields.bylines import byline_authors
from scraper.extract.fields.names import (
    BYLINE_LABEL_LOWER,
    inverted,
    is_organisation,
    jsonld_names,
    looks_like_name,
    split_authors,
)
from scraper.extract.sources.markup import URL_RE, clean, dedupe, host_key
from scraper.extract.sources.page_sources import PageSources
from scraper.extract.vocab.match import phrase_key

# Meta keys of authors, in order of trust; those repeated once per author, each value
# one name, maybe "Last, First".
AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
               "dcterms.creator", "byl", "citation_author", "twitter:creator")
ONE_NAME_PER_VALUE_META = frozenset({"citation_author", "dc.creator", "dcterms.creator"})
# Script data that may carry the byline: Next.js / Nuxt page props and analytics layers.
SCRIPT_DATA_XPATH = XPath(
    "//script[@id='__NEXT_DATA__' or @id='__NUXT_DATA__' or @type='application/json'"
    " or contains(., 'dataLayer')]")
# "author": "Jane Doe", "authorName": "…", "author": {"name": "…"}, "author": [{"name": …
SCRIPT_AUTHOR_RE = re.compile(
    r'"(?:author|authors|authorName|author_name|byline)"\s*:\s*\[?\s*'
    r'(?:\{[^{}"]*(?:"(?!name")[^"]*"\s*:\s*(?:"[^"]*"|[^,{}"]*)\s*,\s*)*"name"\s*:\s*)?'
    r'"([^"\\]{2,80})"')
# Bounds on that search (a page's script data can be megabytes).
MAX_DATA_SCRIPTS = 8
MAX_SCRIPT_CHARS = 300_000
MAX_SCRIPT_AUTHORS = 4


def page_authors(sources: PageSources) -> list[str]:
    """The authors the page credits: JSON-LD author (or creator), else the author meta,
    else label / data meta pairs; when these name no person (none, or only the site /
    an organisation), the visible byline or the page's script data, failing that the
    organisation."""
    meta, ids, url, tree = sources.meta, sources.ids, sources.url, sources.tree
    organisations: set[str] = set()
    authors = (jsonld_names(sources.ld("author"), ids, organisations)
               or jsonld_names(sources.ld("creator"), ids, organisations))
    if not authors:
        for key in AUTHOR_META:
            values = [v for v in meta.get(key, ()) if not URL_RE.match(v) and not v.startswith("@")]
            if key in ONE_NAME_PER_VALUE_META:
                authors.extend(inverted(v) for v in values)
            else:
                authors.extend(n for v in values for n in split_authors(v))
            if authors:
                break
    site_keys = {phrase_key(n) for n in sources.site_names} | (
        {host_key(url).split(".")[0]} if url else set())
    site_keys.discard("")
    if not authors:
        authors = labelled_meta_authors(meta)
    if all(phrase_key(a) in organisations or is_organisation(a, site_keys) for a in authors):
        authors = byline_authors(tree) or script_authors(tree) or authors
    return dedupe(authors)


def labelled_meta_authors(meta: dict[str, list[str]]) -> list[str]:
    """Names from label / data meta pairs ("twitter:label1" = "Written by",
    "twitter:data1" = "Jane Doe"), which WordPress SEO plugins print on every post."""
    for key, values in meta.items():
        if not key.startswith("twitter:label") or not values:
            continue
        label = values[0].strip().rstrip(":：").lower()
        if label in BYLINE_LABEL_LOWER:
            data = meta.get(key.replace("label", "data", 1))
            names = [n for n in split_authors(data[0]) if looks_like_name(n)] if data else []
            if names:
                return names
    return []


def script_authors(tree: HtmlElement) -> list[str]:
    """Names under "author" keys of the page's own script data (Next.js page props,
    a dataLayer), for pages that print the byline only from JavaScript."""
    for script in SCRIPT_DATA_XPATH(tree)[:MAX_DATA_SCRIPTS]:
        text = (script.text or "")[:MAX_SCRIPT_CHARS]
        if "uthor" not in text:
            continue
        names = [n for value in SCRIPT_AUTHOR_RE.findall(text)
                 for n in split_authors(clean(value) or "") if looks_like_name(n)]
        if names:
            return dedupe(names)[:MAX_SCRIPT_AUTHORS]
    return []


def merge_authors(first: list[str], second: list[str]) -> list[str]:
    """``first`` then the names of ``second`` not already in it (normalised)."""
    merged, seen = [], set()
    for name in [*first, *second]:
        key = phrase_key(name)
        if key and key not in seen:
            seen.add(key)
            merged.append(name)
    return merged


def record_authors(credited: list[str], body_bylines: list[str], site_name: str | None) -> list[str]:
    """The record's authors: ``credited`` (the markup's) then the names of the body's
    byline lines, without the site's own name when a person is credited too.

    CMSs put the site name where no author was entered; next to a person it is noise,
    alone it is the only credit the page gives (a company blog, a one-author site).
    """
    authors = merge_authors(credited, body_bylines)
    site_key = phrase_key(site_name or "")
    people = [a for a in authors if phrase_key(a) != site_key]
    return people or authors
