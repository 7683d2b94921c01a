"""Stage 1: parse the page once, into the tree every later stage reads and cleans.

The parser is trafilatura's loader (decoding, repair and the not-HTML checks, in the
same order) with one class for all elements: lxml.html picks a Python class per
element (form, input, label …) through a lookup written in Python, run each time any
code touches an element: about 5,000 times a page between our stages and
trafilatura's. Nothing here uses those per-tag classes, so one lookup done in C,
always :class:`~lxml.html.HtmlElement`, does the same work faster.

Parsing also repairs two kinds of page whose text is not where a browser shows it:
markup after ``</html>`` is moved into ``<body>``, where the later stages look for
the article; and streamed server rendering (React/Next.js Suspense: the text sent
late in hidden ``<div id="S:n">`` blocks at the end of the page, which a script moves
into the ``<template id="B:n">`` placeholders) is put in place, as the browser would.
"""

from __future__ import annotations

import logging
import re

from lxml.etree import ElementDefaultClassLookup, XPath
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

from scraper.extract.tree import detach

__all__ = ["drop_disallowed_references", "load_html", "parse_html"]

LOGGER = logging.getLogger(__name__)

# Inputs longer than this are not web pages we want (bytes / characters).
MAX_INPUT_SIZE = 20_000_000
# Share of control characters in the first KiB above which the input is binary.
MAX_CONTROL_CHAR_RATIO = 0.05
CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")

# Numeric character references (``&#1;``, ``&#xFFFE``; the semicolon is optional in
# HTML). One pass, no backtracking: the digits are one greedy run.
CHAR_REF_RE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
# The C1 code points HTML maps to windows-1252 characters (``&#146;`` is ’): libxml2
# does the same, so those references are left to it.
WINDOWS_1252_C1 = frozenset(range(0x80, 0xA0)) - {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _parser() -> HTMLParser:
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                        remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    return parser


PARSER = _parser()


def _from_bytes(text: str) -> HtmlElement | None:
    try:
        return fromstring(text.encode("utf8", "surrogatepass"), parser=PARSER)
    except Exception:  # noqa: BLE001 - lxml raises many kinds on broken input
        LOGGER.debug("lxml could not parse the page as bytes", exc_info=True)
        return None


def _disallowed_reference(match: re.Match[str]) -> str:
    digits = match.group(1) or match.group(2)
    significant = digits.lstrip("0")
    if len(significant) > 8:  # past U+10FFFF in any base; never int() a huge run of digits
        return ""
    code = int(significant or "0", 16 if match.group(1) else 10)
    if code < 0x20 and code not in (0x09, 0x0A, 0x0C, 0x0D):
        return " "  # C0 control: libxml2 turns some into a space, others cost the whole text
    if (code == 0x7F or (0x80 <= code < 0xA0 and code not in WINDOWS_1252_C1)
            or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF
            or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE):
        return ""  # DEL, unmapped C1, surrogate, out of range or non-character
    return match.group(0)


def drop_disallowed_references(text: str) -> str:
    """``text`` without character references to code points HTML text may not contain.

    ``&#1;`` or ``&#xFFFE;`` anywhere in an article makes trafilatura discard its whole
    text (the page is dropped as ``not_article``); a browser shows them as nothing.
    References to C0 controls become a space, the others nothing; all other references,
    including ``&#146;`` and the rest HTML maps to windows-1252, are kept.
    """
    if "&#" not in text:
        return text
    return CHAR_REF_RE.sub(_disallowed_reference, text)


def load_html(data: str | bytes) -> HtmlElement | None:
    """``data`` decoded and parsed, or None when it is not HTML (a fragment of one
    block, plain text or binary reads as not HTML)."""
    text = drop_disallowed_references(decode_file(data))
    dubious = is_dubious_html(text[:50].lower())
    text = repair_faulty_html(text, text[:50].lower())
    tree, tried_bytes = None, False
    try:
        tree = fromstring(text, parser=PARSER)
    except ValueError:  # a str that declares its encoding: lxml wants bytes
        tree, tried_bytes = _from_bytes(text), True
    except Exception:  # noqa: BLE001
        LOGGER.debug("lxml could not parse the page", exc_info=True)
    if (tree is None or len(tree) < 1) and not tried_bytes:
        tree = _from_bytes(text)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def parse_html(data: str | bytes) -> HtmlElement | None:
    """Parse ``data`` once (trafilatura's loader: encoding detection, markup repair).

    Returns None for input that is empty, binary or not HTML at all.
    """
    if not data or len(data) > MAX_INPUT_SIZE:
        return None
    head = data[:1024]
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    if len(CONTROL_CHARS_RE.findall(head)) > MAX_CONTROL_CHAR_RATIO * len(head):
        return None
    try:
        tree = load_html(data)
    except Exception:  # lxml and the decoder raise many kinds; a bad page is just skipped
        return None
    if tree is None or not isinstance(tree, HtmlElement):
        return None
    _adopt_stray_roots(tree)
    _fill_streamed_boundaries(tree)
    return tree


def _adopt_stray_roots(tree: HtmlElement) -> None:
    """Move into ``<body>`` what the parser put after the document's root.

    Markup that goes on after ``</html>`` (a template that closes the page before its
    article) ends up in a second ``<html>`` element beside the root, where neither
    trafilatura nor these stages look: the article is lost and the page reads as
    navigation alone.
    """
    body = tree.find("body")
    sibling = tree.getnext()
    if body is None or sibling is None:
        return
    while sibling is not None:
        following = sibling.getnext()
        if isinstance(sibling.tag, str):
            for child in list(sibling):
                if child.tag == "head" or child.tag == "body":
                    body.extend(list(child))
                    child.getparent().remove(child)
                else:
                    body.append(child)
        sibling = following


# Streamed server rendering (React's naming): the placeholders late blocks fill —
# ``B:<n>`` for a suspended boundary, followed by its fallback ("Loading…"), ``P:<n>``
# for a segment — and the hidden blocks ``S:<n>``, matched by ``<n>`` (the scripts
# that pair them are gone from saved pages). Nested blocks come in a few rounds at most.
PLACEHOLDER_XPATH = XPath("//template[starts-with(@id, 'B:') or starts-with(@id, 'P:')]")
STREAMED_XPATH = XPath("//div[@hidden][starts-with(@id, 'S:')]")
MAX_STREAM_ROUNDS = 5
# A boundary's fallback: a childless element this short ("Loading paragraph...").
FALLBACK_TAGS = frozenset({"div", "span", "p"})
MAX_FALLBACK_CHARS = 40


def _fill_streamed_boundaries(tree: HtmlElement) -> None:
    """Put streamed blocks where their placeholders are, as the page's script does.

    Pages rendered with streaming send the article after the page's frame, in hidden
    blocks at the end of ``<body>``: left there, trafilatura drops them as hidden or
    reads them out of order, and the article is lost or cut.
    """
    for _ in range(MAX_STREAM_ROUNDS):
        streamed = {el.get("id")[2:]: el for el in STREAMED_XPATH(tree)}
        if not streamed:
            return
        moved = False
        for placeholder in PLACEHOLDER_XPATH(tree):
            block = streamed.pop(placeholder.get("id")[2:], None)
            if block is None or placeholder.getparent() is None:
                continue
            fallback = placeholder.getnext()
            if (placeholder.get("id").startswith("B:") and fallback is not None
                    and fallback.tag in FALLBACK_TAGS and not len(fallback)
                    and len((fallback.text or "").strip()) <= MAX_FALLBACK_CHARS):
                fallback.drop_tree()
            detach(block)
            block.attrib.pop("hidden")
            block.attrib.pop("id")
            block.tail = placeholder.tail
            placeholder.getparent().replace(placeholder, block)
            moved = True
        if not moved:
            return
