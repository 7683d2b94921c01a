"""Stage 4: the main text of the cleaned tree, by trafilatura, with the fallbacks that
catch the pages where its precise mode loses the article.

trafilatura runs first with ``favor_precision``, its own extractor alone (with its
comparison to readability and justext only when that falls short); when that keeps
much less than the page's article-like paragraphs, the balanced mode runs, then the
balanced mode on the article's own container, then on that container without class
and id names (as long as it extends the text found); when the text lost the article's
subheadings and lists, recall mode runs on the container (or on the main block of a
page without one).
The blocks trafilatura lost between two paragraphs it kept are put back
(:func:`main_text`). Containers and lost blocks: :mod:`scraper.extract.candidates`.
"""

from __future__ import annotations

from lxml.html import HtmlElement
from trafilatura import bare_extraction

from scraper.extract.candidates import (
    article_container,
    container_document,
    extends,
    lost_structure,
    restore_lost_blocks,
    structure_items,
    unnamed_document,
)
from scraper.extract.stoplist import install as install_stoplist
from scraper.extract.tree import content_length, content_paragraphs, visible_text_length

install_stoplist()  # justext's combined stop list built once, not on every fallback

# trafilatura runs first with ``favor_precision`` (drops more teasers, link lists and
# trailing headings: aeb shingle F1 +0.007). When that keeps less than this share of
# the page's article-like paragraph text, or less than MIN_PRECISE_CHARS, it may have
# dropped the article itself (wcxb-dev: 22 pages fell to F1 ≈ 0), so the balanced mode
# runs too and wins when it finds more than FALLBACK_GAIN times the text.
# Calibrated on wcxb-dev and aeb (even pages): shares 0.3–0.9 and gains 1.5–3 score the
# same within 0.001; 0.7 reruns on about 9 % of the pages.
MIN_PRECISE_SHARE = 0.7
MIN_PRECISE_CHARS = 200
FALLBACK_GAIN = 1.5

# trafilatura checks its extractor's result against readability's and justext's and
# may take theirs: 34-40 % of a precise run's time in profiles of wcxb-dev and of the
# bench's pages (its ``fast`` mode skips it). That check only changes a result that
# misses much of the page, so the precise run first goes without it and is made again
# with it when the text is short of the expected length or of FAST_MIN_SHARE of the
# page's visible text. Measured on all four development sets (1,859 pages): with 0.3,
# 12-25 % of the pages run again, and of the pages where the check is skipped it would
# have changed 5: three by under a tenth of their text (scored the same), two of
# wcxb-dev by adding text that lowered their body F1 (0.964 and 0.991 without it,
# 0.936 and 0.977 with it). Without the second run, whole articles were lost.
FAST_MIN_SHARE = 0.3

# Without a container (a sidebar or second column holds more than 15 % of the
# paragraph text), the block holding this share of it is checked for lost lists and
# subheadings and read in recall mode when they are lost (see ``candidates``).
# Calibrated on wcxb-dev and aeb: 0.5 and 0.6 change the same pages (one gains, none
# lose); higher shares meet the container rule.
MAIN_BLOCK_SHARE = 0.6


def _run_trafilatura(tree: HtmlElement, url: str | None, focus: str = "precision", compare: bool = True) -> str:
    # bare_extraction works on its own copy of the tree; ``fast`` skips its comparison
    document = bare_extraction(tree, url=url, include_comments=False, with_metadata=False,
                               favor_precision=focus == "precision", favor_recall=focus == "recall",
                               fast=not compare)
    return (document.text or "") if document is not None else ""


def _precise_text(tree: HtmlElement, root: HtmlElement, url: str | None, expected: float) -> str:
    """trafilatura's precise text of ``tree``: its extractor's alone when that reaches
    ``expected`` characters and FAST_MIN_SHARE of the visible text of ``root`` (the
    body), else the run with its comparison to readability and justext."""
    text = _run_trafilatura(tree, url, "precision", compare=False)
    if len(text) >= expected and len(text) >= FAST_MIN_SHARE * visible_text_length(root):
        return text
    return _run_trafilatura(tree, url, "precision")


def _main_text(tree: HtmlElement, url: str | None) -> str:
    """trafilatura's main text of the cleaned tree: precise, unless that lost the article
    (then balanced, then balanced on the article's own container, then on that
    container without class and id names, as long as it extends the text found) or
    the article's subheadings and lists (then recall mode on the container); see
    ``candidates``."""
    body = tree.find("body")
    root = body if body is not None else tree
    paragraphs = content_paragraphs(root)
    expected = max(MIN_PRECISE_CHARS, MIN_PRECISE_SHARE * content_length(tree, paragraphs))
    text = _precise_text(tree, root, url, expected)
    if len(text) < expected:
        balanced = _run_trafilatura(tree, url, "balanced")
        if len(balanced) > FALLBACK_GAIN * len(text):
            text = balanced
    container = article_container(tree, paragraphs)
    if container is None:
        return _recalled_structure(tree, url, paragraphs, text)
    document = None
    if len(text) < expected:
        document = container_document(tree, container)
        contained = _run_trafilatura(document, url, "balanced")
        if len(contained) > FALLBACK_GAIN * len(text):
            text = contained
    if len(text) < expected:
        unnamed = _run_trafilatura(unnamed_document(container_document(tree, container)), url, "balanced")
        if len(unnamed) > FALLBACK_GAIN * len(text) and extends(text, unnamed):
            text = unnamed
    if lost_structure(structure_items(container), text):
        document = document if document is not None else container_document(tree, container)
        recalled = _run_trafilatura(document, url, "recall")
        if len(recalled) > len(text):
            text = recalled
    return text


def _recalled_structure(
    tree: HtmlElement, url: str | None, paragraphs: dict[HtmlElement, int], text: str
) -> str:
    """``text``, or the recall-mode text of the article's main block when ``text``
    lost its lists and subheadings, on pages whose article has no single container
    (a sidebar or a second column holds a good share of the paragraphs)."""
    block = article_container(tree, paragraphs, MAIN_BLOCK_SHARE)
    if block is None or not lost_structure(structure_items(block), text):
        return text
    recalled = _run_trafilatura(container_document(tree, block), url, "recall")
    return recalled if len(recalled) > len(text) else text


def main_text(tree: HtmlElement, url: str | None) -> str:
    """The article's text in ``tree`` (cleaned), one block per line: :func:`_main_text`
    with the blocks it lost inside the article put back; empty when none is found."""
    text = _main_text(tree, url)
    if not text:
        return ""
    return restore_lost_blocks(tree, text, url)
