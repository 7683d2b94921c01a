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

On some pages trafilatura loses the article even inside its container: it takes the
first block named like content (one slide of a listicle, the lede box) and all of its
modes stop there. The container without class and id names has no such block; its
text is taken when it extends what was found so far (:func:`extends`).
"""

from __future__ import annotations

import copy

from lxml.html import HtmlElement
from trafilatura.xpaths import REMOVE_COMMENTS_AND_LISTS_XPATH

from scraper.extract.dom import content_paragraphs, link_text_length

# The container holds at least this share of the page's article-like paragraph text
# (characters). Calibrated on wcxb-dev even pages: 0.8–0.9 pick the same containers on
# the pages where the rescue runs; lower shares start to lose a trailing section.
CONTAINER_SHARE = 0.85


def article_container(
    tree: HtmlElement, paragraphs: dict[HtmlElement, int] | None = None,
    share: float = CONTAINER_SHARE,
) -> HtmlElement | None:
    """The deepest element holding ``share`` of the article-like paragraph text,
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
        if length >= share * total and element is not root:
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


# Attributes by which trafilatura picks its main block and drops boxes (class and id
# names); see :func:`unnamed_document`.
NAME_ATTRIBUTES = ("class", "id")


def unnamed_document(document: HtmlElement) -> HtmlElement:
    """``document`` (changed in place) without class and id names.

    trafilatura takes the first element whose name says "content" or "post" as the
    article; inside a container that can be one slide, one teaser or the byline box,
    and the rest of the container is lost in all its modes. Without names it reads
    the container as a whole. The names have done their work by then: the DOM stage
    removed the chrome they mark, and trafilatura's own rules for comment threads and
    boxes are applied here first, while the names are still there.
    """
    for xpath in REMOVE_COMMENTS_AND_LISTS_XPATH:
        for element in xpath(document):
            if element.getparent() is not None and element.tag != "body":
                element.drop_tree()
    for element in document.iter():
        if isinstance(element.tag, str):
            for name in NAME_ATTRIBUTES:
                element.attrib.pop(name, None)
    return document


# The unnamed pass must extend the text found so far, not replace it: it wins only
# when its text holds at least this share (characters of whole lines) of the current
# one. Without names, a disclaimer or a form beside a short article can look like
# the main block (wcxb-dev: the pages it lost kept none of the earlier text, the
# ones it won kept 0.8–1.0).
MIN_EXTENDED_SHARE = 0.6


def extends(text: str, longer: str) -> bool:
    """Whether ``longer`` holds MIN_EXTENDED_SHARE of the lines of ``text``."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    total = sum(map(len, lines))
    if not total:
        return True
    flat = " ".join(longer.split())
    return sum(len(line) for line in lines if line in flat) >= MIN_EXTENDED_SHARE * total


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
