"""Small readers and writers of the parsed tree shared by several stages: text and
link-text lengths, the article-like paragraphs of a page, and taking an element out
while keeping its tail text."""

from __future__ import annotations

from lxml.html import HtmlElement

# An article-like paragraph: this long (characters), with at most this share of link text.
MIN_CONTENT_PARAGRAPH_CHARS = 50
MAX_CONTENT_LINK_RATIO = 0.3


def text_length(el: HtmlElement) -> int:
    """Characters of ``el``'s text, whitespace collapsed."""
    return len(" ".join(el.text_content().split()))


def link_text_length(el: HtmlElement) -> int:
    """Characters of the text of the links in ``el``, whitespace collapsed."""
    return sum(text_length(a) for a in el.iter("a"))


def content_paragraphs(root: HtmlElement) -> dict[HtmlElement, int]:
    """Paragraphs that read like article text (long enough, few links), with their length."""
    found = {}
    for p in root.iter("p"):
        length = text_length(p)
        if length >= MIN_CONTENT_PARAGRAPH_CHARS and link_text_length(p) < MAX_CONTENT_LINK_RATIO * length:
            found[p] = length
    return found


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
