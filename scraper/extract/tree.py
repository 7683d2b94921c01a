"""Small readers and writers of the parsed tree shared by several stages: text and
link-text lengths, the article-like paragraphs of a page, the parts of an element's
class and id names, and taking an element out while keeping its tail text."""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

# An article-like paragraph: this long (characters), with at most this share of link text.
MIN_CONTENT_PARAGRAPH_CHARS = 50
MAX_CONTENT_LINK_RATIO = 0.3
# Some sites set their paragraphs as text in a <div>, lines broken by <br>, with no <p>
# at all. Such a block's own text (its text and that of its inline children, not of
# child blocks) counts as a paragraph like a <p>'s when a <br> breaks it: teasers
# (a linked title and a summary in a <div>) have none.
TEXT_BLOCK_TAGS = ("div",)
INLINE_TAGS = frozenset({"a", "b", "br", "em", "font", "i", "mark", "small", "span", "strong", "sub", "sup", "u"})
# Elements whose text a reader never sees: code, styles, templates, drawings. The
# outermost of them, for :func:`visible_text_length`.
UNSEEN_XPATH = XPath(
    ".//*[self::script or self::style or self::noscript or self::template or local-name()='svg']"
    "[not(ancestor::*[self::script or self::style or self::noscript or self::template"
    " or local-name()='svg'])]"
)


# The parts of class and id names ("article-header__roofline" -> article, header, roofline).
NAME_PARTS_RE = re.compile(r"[^\s_-]+")


def name_parts(el: HtmlElement) -> set[str]:
    """The lower-cased parts of ``el``'s class and id names, split at spaces, "-" and "_":
    what a page names a block by ("story-lead" holds "lead")."""
    return set(NAME_PARTS_RE.findall(f"{el.get('class') or ''} {el.get('id') or ''}".lower()))


def text_length(el: HtmlElement) -> int:
    """Characters of ``el``'s text, whitespace collapsed."""
    return len(" ".join(el.text_content().split()))


def visible_text_length(el: HtmlElement) -> int:
    """:func:`text_length` of ``el`` without the text of its scripts, styles, templates
    and drawings: what a reader sees of it (a page's scripts may hold a megabyte), to
    within the space between each element left out and its neighbours."""
    return max(0, text_length(el) - sum(text_length(unseen) for unseen in UNSEEN_XPATH(el)))


def link_text_length(el: HtmlElement) -> int:
    """Characters of the text of the links in ``el``, whitespace collapsed."""
    return sum(text_length(a) for a in el.iter("a"))


def content_paragraphs(root: HtmlElement, text_blocks: bool = False) -> dict[HtmlElement, int]:
    """Paragraphs that read like article text (long enough, few links), with their length;
    with ``text_blocks``, also the text blocks of TEXT_BLOCK_TAGS."""
    found = {}
    for p in root.iter("p"):
        length = text_length(p)
        if (length >= MIN_CONTENT_PARAGRAPH_CHARS and link_text_length(p) < MAX_CONTENT_LINK_RATIO * length
                and next(p.iterancestors("a"), None) is None):  # inside a link: a teaser
            found[p] = length
    for block in root.iter(*TEXT_BLOCK_TAGS) if text_blocks else ():
        length, links = _own_text(block)
        if length >= MIN_CONTENT_PARAGRAPH_CHARS and links < MAX_CONTENT_LINK_RATIO * length:
            found[block] = length
    return found


def _own_text(block: HtmlElement) -> tuple[int, int]:
    """Characters of ``block``'s own text (see TEXT_BLOCK_TAGS) and of the links in it;
    (0, 0) when no ``<br>`` of its own breaks it."""
    if not any(child.tag == "br" for child in block):
        return 0, 0
    parts = [block.text or ""]
    links = 0
    for child in block:
        if isinstance(child.tag, str) and child.tag in INLINE_TAGS:
            inner = child.text_content()
            parts.append(inner)
            if child.tag == "a":
                links += len(" ".join(inner.split()))
        parts.append(child.tail or "")
    return len(" ".join(" ".join(parts).split())), links


def content_length(tree: HtmlElement, paragraphs: dict[HtmlElement, int] | None = None) -> int:
    """Characters of article-like paragraphs in ``tree`` (of all its text without any):
    what a main-text extraction of the page should roughly reach. ``paragraphs``:
    :func:`content_paragraphs` of the tree's body, when already at hand."""
    body = tree.find("body")
    root = body if body is not None else tree
    if paragraphs is None:
        paragraphs = content_paragraphs(root)
    return sum(paragraphs.values()) or text_length(root)


def detach(el: HtmlElement) -> None:
    """Take ``el`` out of the tree, leaving its tail text where it was (it belongs to
    the sentence around ``el``)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    el.tail = None
    parent.remove(el)
