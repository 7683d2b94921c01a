"""Whether the article is free to read, as its publisher marks it up."""

from __future__ import annotations

from scraper.extract.sources.page_sources import PageSources

# schema.org's isAccessibleForFree, as publishers write it (a boolean, or its name as text)
NOT_FREE_VALUES = frozenset({"false", "no", "0"})


def page_paywalled(sources: PageSources) -> bool:
    """Whether the article's JSON-LD says it is not free to read: ``isAccessibleForFree``
    false on the article node (or the page node without one), or on one of its
    ``hasPart`` parts (how Google asks publishers to mark paywalled sections)."""
    node = sources.article or sources.page
    parts = node.get("hasPart")
    candidates = [node, *(parts if isinstance(parts, list) else [parts])]
    return any(isinstance(n, dict) and _not_free(n.get("isAccessibleForFree")) for n in candidates)


def _not_free(value: object) -> bool:
    if isinstance(value, bool):
        return not value
    return isinstance(value, str) and value.strip().lower() in NOT_FREE_VALUES
