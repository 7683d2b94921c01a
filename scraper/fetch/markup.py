"""A linear pre-check for markup that would freeze the HTML parser.

libxml2 (behind lxml, parsel and so Scrapy's link extraction, and the extractor) checks
each attribute of a tag against every earlier one: a tag with n attributes costs n²
string comparisons inside one C call, which no Python-level budget (SIGALRM) can
interrupt. One ``<div>`` with 300,000 attributes (3.3 MB) keeps a parser busy for
minutes; a page with 30,000 already takes seconds per parse. Real pages have tens of
attributes per tag at most, so a page with a tag past a few hundred is refused before
anything parses it.

The scan follows the HTML tokenizer closely enough for this: a tag runs from ``<name``
to the first ``>`` outside a quoted attribute value (quotes count only right after
``=``, as in HTML), and the content of ``<script>`` and ``<style>`` is text, not tags
(inline code such as ``a<b && c=d`` must not look like one). Possessive quantifiers and
forward-only searches keep it linear on any input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["most_attributes"]

# <name, then runs of anything but '>' and '=', or '=' with its (possibly quoted) value
_TAG_RE = re.compile(r"""<[A-Za-z][^\s/>]*+(?:[^>=]++|=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]*+))*+""")
_VALUE_RE = re.compile(r"""=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]*+)""")
_NAME_RE = re.compile(r"[^\s/]++")
_RAW_TEXT_RE = re.compile(r"<(script|style)\b[^<>]*+>", re.I)
_RAW_TEXT_END_RE = {"script": re.compile(r"</script", re.I), "style": re.compile(r"</style", re.I)}


def _markup(html: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the stretches outside script and style content, in order."""
    pos = 0
    while True:
        opening = _RAW_TEXT_RE.search(html, pos)
        if opening is None:
            yield pos, len(html)
            return
        yield pos, opening.end()
        closing = _RAW_TEXT_END_RE[opening.group(1).lower()].search(html, opening.end())
        if closing is None:
            return  # unclosed: the rest of the page is its text
        pos = closing.start()


def most_attributes(html: str, limit: int) -> int:
    """The attribute count of the first tag found with more than ``limit``, else 0.

    Counts are an upper bound (a stray ``=`` or ``/`` may count as a name). Only tags long
    enough to hold ``limit`` attributes (two characters each) are counted at all, so an
    ordinary page costs one regex pass.
    """
    if limit <= 0:
        return 0
    shortest = 2 * limit
    for begin, stop in _markup(html):
        for match in _TAG_RE.finditer(html, begin, stop):
            start, end = match.span()
            if end - start <= shortest:
                continue
            names = _VALUE_RE.sub(" ", match.group())
            count = sum(1 for _ in _NAME_RE.finditer(names)) - 1  # the tag's own name
            if count > limit:
                return count
    return 0
