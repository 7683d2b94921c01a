"""Refusing XML that declares entities before it reaches a parser.

Sitemaps and feeds never need entities of their own; a DOCTYPE that declares them is an
entity-expansion bomb ("billion laughs") or an external-entity (XXE) probe. Both parsers
are set up not to expand or fetch entities anyway (lxml with ``resolve_entities=False``
and ``no_network=True``; feedparser through expat, which loads no external entities and
limits amplification, then its loose parser, which leaves unknown entities as text).
This check refuses such files outright, so they are counted as invalid rather than
half-parsed.
"""

from __future__ import annotations

import re

_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]{0,4096}\[", re.I)
_WIDE_MARKERS = tuple("<!ENTITY".encode(e) for e in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))


def declares_entities(body: bytes) -> bool:
    """Whether the document's DOCTYPE declares entities (in an internal subset)."""
    subset = _DOCTYPE_SUBSET.search(body)  # only the first DOCTYPE counts in XML
    if subset and (body.find(b"<!ENTITY", subset.end()) >= 0 or body.find(b"<!entity", subset.end()) >= 0):
        return True
    return b"\x00" in body[:4] and any(marker in body for marker in _WIDE_MARKERS)
