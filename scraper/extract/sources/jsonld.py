"""JSON-LD: parse every block leniently, walk ``@graph`` and nesting, and read the
simple values (types, images, keywords) the field readers need, and the @type
values that say what the page is."""

from __future__ import annotations

import json
import re
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.sources.markup import clean, first_of

JSONLD_XPATH = XPath("/descendant::script[@type='application/ld+json' or @type='application/json+ld']")
# @type values that mean "this page is an article".
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "satiricalarticle", "scholarlyarticle", "techarticle", "liveblogposting", "report",
    "socialmediaposting", "medicalscholarlyarticle", "advertisercontentarticle", "posting",
})
# @type values of pages that are not articles.
NON_ARTICLE_TYPES = frozenset({
    "collectionpage", "aboutpage", "contactpage", "profilepage", "searchresultspage",
    "itemlist", "checkoutpage",
})
# @type values of the nodes that name the site.
SITE_NAME_TYPES = frozenset({"website", "organization", "newsmediaorganization"})


def _load_jsonld(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip().rstrip(";")
    text = text.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    try:
        return json.loads(text)
    except RecursionError:  # nested deeper than Python's recursion limit: not metadata
        return None
    except ValueError:
        try:  # raw newlines and tabs inside strings are the usual breakage
            return json.loads(re.sub(r"[\x00-\x1f]+", " ", text))
        except (ValueError, RecursionError):
            return None


def _walk(data: Any, depth: int = 0):
    """Every JSON object in ``data`` (lists, ``@graph`` and nested values)."""
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key, value in data.items():
            if isinstance(value, (dict, list)) and key not in ("author", "publisher", "creator"):
                yield from _walk(value, depth + 1)


def node_types(node: dict) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower().rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def jsonld_nodes(tree: HtmlElement) -> list[dict]:
    nodes: list[dict] = []
    for script in JSONLD_XPATH(tree):
        if script.text:
            nodes.extend(_walk(_load_jsonld(script.text)))
    return nodes


def image_of(value: Any) -> str | None:
    if isinstance(value, list):
        return first_of([image_of(v) for v in value])
    if isinstance(value, dict):
        return clean(value.get("url") or value.get("contentUrl"))
    return clean(value)


def keyword_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [k for item in value for k in keyword_list(item)]
    if isinstance(value, str):
        return [k for k in (clean(p) for p in value.split(",")) if k]
    return []
