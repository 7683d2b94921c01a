"""Candidate blocks: where the article's paragraphs are, independent of trafilatura.

trafilatura picks its main block by class names and its own heuristics; on some
pages (guides, product pages, CMS grids) that block is a side box or one section of
the article, and its balanced mode does no better. The article-like paragraphs of
the page (long enough, few links: :func:`scraper.extract.dom.content_paragraphs`)
say where the text really is: the deepest element that holds nearly all of them is
the article's container. Run on that container alone, trafilatura cannot wander off.

The container also tells what the text should hold besides paragraphs: its
subheadings and list items. When trafilatura's answer has most of the paragraphs
but few of those, one of its fallbacks (readability, jusText) won, and they keep
paragraphs only: a how-to or a product guide loses its steps, pros and cons and
section titles. Its recall mode, run on the container, keeps them.
"""

from __future__ import annotations

import copy

from lxml.html import HtmlElement

from scraper.extract.dom import content_paragraphs, link_text_length, text_length

# The container holds at least this share of the page's article-like paragraph text
# (characters). Calibrated on wcxb-dev even pages: 0.8–0.9 pick the same containers on
# the pages where the rescue runs; lower shares start to lose a trailing section.
CONTAINER_SHARE = 0.85


def article_container(
    tree: HtmlElement, paragraphs: dict[HtmlElement, int] | None = None
) -> HtmlElement | None:
    """The deepest element holding CONTAINER_SHARE of the article-like paragraph text,
    or None when the page has no such paragraphs or only ``<body>`` holds them.
    ``paragraphs``: :func:`content_paragraphs` of the tree's body, when at hand."""
    body = tree.find("body")
    root = body if body is not None else tree
    if paragraphs is None:
        paragraphs = content_paragraphs(root)
    total = sum(paragraphs.values())
    if not total:
        return None
    held: dict[HtmlElement, int] = {}
    for paragraph, length in paragraphs.items():
        for ancestor in paragraph.iterancestors():
            held[ancestor] = held.get(ancestor, 0) + length
            if ancestor is root:
                break
    best, best_depth = None, -1
    for element, length in held.items():
        if length >= CONTAINER_SHARE * total and element is not root:
            depth = sum(1 for _ in element.iterancestors())
            if depth > best_depth:
                best, best_depth = element, depth
    return best


# Subheadings and list items the container's text must show: at least this long
# (characters; shorter ones are labels, "Pros", "1."), with less than this share of
# link text (a list of links is navigation, not text).
MIN_ITEM_CHARS = 30
MIN_HEADING_CHARS = 8
MAX_ITEM_LINK_RATIO = 0.3
# The structure is lost when the container has at least this many such items and
# the text holds fewer than this share of them. Calibrated on wcxb-dev even pages:
# 3–8 items and shares 0.3–0.5 score within 0.001 of each other (0.5 finds most).
MIN_STRUCTURE_ITEMS = 5
MIN_STRUCTURE_SHARE = 0.5


def structure_items(container: HtmlElement) -> list[str]:
    """The texts of the subheadings and list items in ``container`` that are text, not
    labels or links (whitespace collapsed)."""
    items = []
    for element in container.iter("li", "h2", "h3", "h4"):
        text = " ".join(element.text_content().split())
        least = MIN_ITEM_CHARS if element.tag == "li" else MIN_HEADING_CHARS
        if len(text) >= least and link_text_length(element) < MAX_ITEM_LINK_RATIO * len(text):
            items.append(text)
    return items


def lost_structure(items: list[str], text: str) -> bool:
    """Whether ``text`` misses most of ``items`` (see the module docstring)."""
    if len(items) < MIN_STRUCTURE_ITEMS:
        return False
    flat = " ".join(text.split())
    found = sum(item in flat for item in items)
    return found < MIN_STRUCTURE_SHARE * len(items)


def container_document(tree: HtmlElement, container: HtmlElement) -> HtmlElement:
    """A copy of ``tree`` whose ``<body>`` holds only (a copy of) ``container``.

    The copy's elements come in the same document order as the original's, so the
    container is found again by its position (an XPath of it would fail on tag names
    that are no XPath names, which broken markup produces).
    """
    position = next(i for i, element in enumerate(tree.iter()) if element is container)
    document = copy.deepcopy(tree)
    body = document.find("body")
    kept = next((e for i, e in enumerate(document.iter()) if i == position), None)
    if body is None or kept is None or kept is body:
        return document
    kept.tail = None
    for child in list(body):
        body.remove(child)
    body.text = None
    body.append(kept)
    return document
