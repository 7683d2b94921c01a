"""The HTML parser every stage works on: trafilatura's loader, with one class for all elements.

lxml.html picks a Python class per element (form, input, label …) through a lookup
written in Python, run each time any code touches an element: about 5,000 times a page
between our stages and trafilatura's. Nothing here uses those per-tag classes, so one
lookup done in C, always :class:`~lxml.html.HtmlElement`, does the same work faster.
Decoding, repair and the not-HTML checks are trafilatura's own, in the same order.
"""

from __future__ import annotations

import logging

from lxml.etree import ElementDefaultClassLookup
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction, HTMLParser, fromstring
from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

__all__ = ["load_html"]

LOGGER = logging.getLogger(__name__)


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


def load_html(data: str | bytes) -> HtmlElement | None:
    """``data`` decoded and parsed, or None when it is not HTML (a fragment of one
    block, plain text or binary reads as not HTML)."""
    text = decode_file(data)
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
