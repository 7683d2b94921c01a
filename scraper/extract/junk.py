"""Text that is not prose: what a page prints into its article but nobody reads as it.

The DOM and edge rules remove furniture by where it sits; what is left here is
recognised by its shape, wherever it sits in the body:

1. data printed as text — a long line that is a serialised array or object
   (``[["Easy to understand","easyToUnderstand","thumb-up"],…]``): a widget's
   configuration, a JSON state dump, left in the markup as a text node;
2. template text — a CMS shortcode or placeholder the page failed to render
   (``[button link="…"]Send us your review[/button]``, ``{{banner="/cta"}}``) and
   placeholder filler ("Lorem ipsum dolor sit amet …") left in a template;
3. bare link lists — a run of lines that are each only a URL ("Article Sources:"
   followed by ``https://…`` lines): addresses, not text;
4. glossary pop-ups — a definition box inside a paragraph, shown on hover or focus
   of a term, whose text trafilatura glues into the sentence ("keywordKeyword A
   keyword is … Learn more rankings"). This one must go from the tree, before
   trafilatura reads it: :func:`drop_inline_popups`, for the caller that holds the
   cleaned tree.

Code listings look like data too, but they come as many short lines, rarely as one
long serialised line, and stay.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

# A data line: at least MIN_DATA_LINE_CHARS long, opening with "[" or "{" and closing
# with "]" or "}", and at least MIN_DATA_PUNCT_SHARE of it brackets, quotes, commas
# and colons (prose has ~0.02, a JSON array of strings ~0.3). Calibrated on wcxb-dev:
# the one such line is a feedback widget's data (0.25); the JSON in code samples that
# gold keeps is pretty-printed over many lines, or one short object (< 60 chars).
MIN_DATA_LINE_CHARS = 100
MIN_DATA_PUNCT_SHARE = 0.15
DATA_PUNCT = frozenset('[]{}"\',:')
DATA_OPEN, DATA_CLOSE = "[{", "]}"

# A line that is one unrendered shortcode or placeholder with attributes: a
# ``[name key=value …]`` tag (optionally wrapping a short label and closed by
# ``[/name]``), or ``{{name="value"}}``. The attributes tell it from prose brackets
# ("[sic]", "[main]") and from template code shown in tutorials ("{{ person }}").
SHORTCODE_RE = re.compile(
    r"\[(?P<name>[a-z][\w-]*)\s+[\w-]+\s*=[^\]]*\](?:[^\[\]]{0,80}\[/(?P=name)\])?"
    r"|\{\{\s*[\w-]+\s*=[^{}]*\}\}",
    re.IGNORECASE,
)
# Placeholder filler: a line that opens with it ("Lorem ipsum", "- Lorem ipsum 2").
FILLER_RE = re.compile(r"[\W_]*lorem ipsum\b", re.IGNORECASE)

# A line that is one URL, nothing else but a list marker ("- ", "3. ", "[3]").
URL_LINE_RE = re.compile(r"(?:[-•*–]|\d{1,3}[.)]|\[\d{1,3}\])?\s*(?:https?://|www\.)\S+", re.IGNORECASE)
# A run of at least this many URL-only lines in a row is a bare link list, dropped
# with a short heading ending in a colon right above it ("Article Sources:").
# Single URL lines stay: on wcxb-dev, references that give each source a title line
# then its URL are kept by gold on some pages (0250, 0281) and not on others (4864).
# Runs of 3+ bare URLs: one extracted page (0052, gold drops them); one gold body
# keeps such a list (4582) but its page never brings it into our text.
MIN_URL_RUN = 3
MAX_URL_HEADING_CHARS = 40

# Glossary / tooltip pop-ups inside a paragraph: an element with role="tooltip", or
# one named by the aria-describedby / aria-labelledby of a term in the same paragraph
# that is marked as a pop-up (POPUP_MARKS in its class or id, or hidden until shown).
# A visible label a control points at is named the same way and stays. Only inside
# text blocks, where their text would be glued into a sentence; the term stays.
POPUP_HOST_TAGS = frozenset({"p", "li", "td", "blockquote", "dd"})
POPUP_XPATH = XPath("//*[@aria-describedby or @aria-labelledby or @role='tooltip']")
POPUP_MARKS = ("tooltip", "popover", "tippy", "glossary-definition")
# Most labelled elements and tooltips looked at per page (a bound on pages with
# thousands of labelled controls).
MAX_POPUP_REFS = 500


def is_data_line(line: str) -> bool:
    """True for a long line that is a serialised array or object, not text."""
    line = line.strip()
    if len(line) < MIN_DATA_LINE_CHARS or line[0] not in DATA_OPEN or line[-1] not in DATA_CLOSE:
        return False
    return sum(c in DATA_PUNCT for c in line) >= MIN_DATA_PUNCT_SHARE * len(line)


def is_template_line(line: str) -> bool:
    """True for an unrendered shortcode / placeholder line or a line of filler text."""
    line = line.strip()
    return SHORTCODE_RE.fullmatch(line) is not None or FILLER_RE.match(line) is not None


def is_url_line(line: str) -> bool:
    """True for a line that is only a URL."""
    return URL_LINE_RE.fullmatch(line.strip()) is not None


def drop_url_runs(lines: list[str]) -> list[str]:
    """``lines`` without runs of MIN_URL_RUN or more URL-only lines (and the short
    "Sources:" heading right above such a run)."""
    flags = [is_url_line(line) for line in lines]
    drop = [False] * len(lines)
    i = 0
    while i < len(lines):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and flags[j]:
            j += 1
        if j - i >= MIN_URL_RUN:
            drop[i:j] = [True] * (j - i)
            head = lines[i - 1].rstrip() if i else ""
            if head.endswith((":", "：")) and len(head) <= MAX_URL_HEADING_CHARS:
                drop[i - 1] = True
        i = j
    return [line for line, d in zip(lines, drop) if not d]


def drop_junk_lines(lines: list[str]) -> list[str]:
    """``lines`` without data, template and filler lines and bare link lists (see
    module docstring)."""
    return drop_url_runs([line for line in lines if not (is_data_line(line) or is_template_line(line))])


def _detach(el: HtmlElement) -> None:
    """Remove ``el`` but keep its tail text, which belongs to the sentence."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def drop_inline_popups(tree: HtmlElement) -> int:
    """Remove glossary and tooltip pop-ups from inside paragraphs, in place; returns
    how many were removed. The pop-up is found by the term that points at it
    (aria-describedby / aria-labelledby) or by role="tooltip"."""
    found: list[HtmlElement] = []
    for el in POPUP_XPATH(tree)[:MAX_POPUP_REFS]:
        host = next((a for a in el.iterancestors() if a.tag in POPUP_HOST_TAGS), None)
        if host is None:
            continue
        if el.get("role") == "tooltip":
            found.append(el)
            continue
        refs = (el.get("aria-describedby") or "").split() + (el.get("aria-labelledby") or "").split()
        for ref in refs:
            popup = _descendant_by_id(host, ref)
            if (popup is not None and popup is not el and el not in popup.iterdescendants()
                    and _is_popup(popup)):
                found.append(popup)
    removed = 0
    for popup in found:
        if popup.getparent() is not None:
            _detach(popup)
            removed += 1
    return removed


def _is_popup(el: HtmlElement) -> bool:
    if el.get("role") == "tooltip" or el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return any(mark in names for mark in POPUP_MARKS)


def _descendant_by_id(host: HtmlElement, ident: str) -> HtmlElement | None:
    for el in host.iterdescendants():
        if el.get("id") == ident:
            return el
    return None
