"""Stage 3: strip the page's chrome from the tree before trafilatura sees it.

trafilatura is good at finding the main text but lets through page furniture that
sits next to it: search pop-ups, screen-reader labels, header clocks, share bars,
"related news" blocks. This stage removes, from the lxml tree, in place:

1. chrome elements by tag and ARIA role (nav, aside, dialog, search forms, the
   site header and footer when outside the article — a header holding the <h1>
   is the article's own and stays, with its standfirst: trafilatura keeps that
   lead and so does traf-dev's gold, even when it repeats the page's description);
2. chrome elements by class / id / aria-label (cookie, newsletter, share, print,
   comments, related / recommended / most-read, screen-reader-only text, …:
   ``vocab.chrome.CHROME_WORDS``);
3. blocks introduced by a multilingual heading ("أخبار ذات صلة", "Related",
   "Lire aussi" …), together with the list of links under it, small feedback,
   appeal and newsletter boxes ("Was this helpful?", "اشترك في النشرة البريدية"),
   and comment-policy notes ("Comments are moderated …");
4. "Read more: <link>" paragraphs inside the body;
5. glossary and tooltip pop-ups inside paragraphs, whose text trafilatura would glue
   into the sentence (:func:`drop_inline_popups`).

A candidate that holds most of the page's text is kept whatever its class says
(WordPress puts ``category-related-news`` or ``tag-share`` on the article itself),
unless it is a pop-up: a dialog holding the article's paragraphs is a copy of them.

Last, the prose tail of an empty element (an image wrapper) is handed to the text
before it, so trafilatura's precise mode cannot delete it with the element.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import repeat

from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.tree import TEXT_BLOCK_TAGS, content_paragraphs, detach, link_text_length, text_length
from scraper.extract.vocab.chrome import CHROME_WORDS
from scraper.extract.vocab.match import (
    BLOCK_HEADING_KEYS,
    POLICY_HEAD_CHARS,
    RELATED_KEYS,
    is_block_heading,
    is_box_opener,
    is_policy_key,
    may_open_policy,
    phrase_key,
)

# Elements that are chrome by their tag or ARIA role alone; header and footer only
# outside the article (inside, they hold the headline and the byline).
CHROME_TAGS = frozenset({"nav", "aside", "dialog", "menu"})
EDGE_TAGS = frozenset({"header", "footer"})
CONTENT_TAGS = frozenset({"article", "main"})
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog",
                          "alertdialog", "complementary"})
# Pop-ups (dialogs, modals) are chrome even when they hold the article's paragraphs:
# the article is not read in a pop-up, and a pop-up holding its text is a copy of it
# (a "republish this story" or print box), which trafilatura would take instead.
POPUP_TAGS = frozenset({"dialog"})
POPUP_ROLES = frozenset({"dialog", "alertdialog"})
HEADLINE_XPATH = XPath(".//h1")
SEARCH_INPUT_XPATH = XPath(".//input[@type='search' or @name='s' or @name='q' or @name='search']")
# Class / id tokens of chrome: a token matches when one of CHROME_WORDS is a whole
# hyphen/underscore-separated part of it: ``jp-relatedposts``, ``share-buttons``,
# ``sr-only`` match; ``unrelated``, ``research``, ``shared-content`` do not.
CHROME_TOKEN_RE = re.compile(
    r"(?:^|[-_])(?:" + "|".join(re.escape(w) for w in CHROME_WORDS) + r")(?:$|[-_])"
)
# WordPress and friends describe the post's taxonomy in class names
# (``category-related-news``, ``tag-share``): such tokens say nothing about chrome.
TAXONOMY_TOKEN_RE = re.compile(
    r"^(?:category|tag|post|postid|type|format|status|author|page|single|term|topic|"
    r"section|has|is|with|no|hentry|wp-block)-"
)
# … except author boxes, whose names start like the taxonomy of a post's author.
AUTHOR_BOX_TOKEN_RE = re.compile(r"^author[-_](?:bio|box)(?:$|[-_])")
# Tables of contents (their lines repeat the subheadings), by whole token only:
# ``toc-para``, ``toc_1-2`` and ``no_toc_section`` name article sections and anchors.
TOC_TOKEN_RE = re.compile(
    r"^(?:toc|table-of-contents|lwptoc|ez-toc(?:-container)?|toc[-_](?:container|wrapper|widget|list|nav|box))$"
)
# Elements a class/id rule never removes.
PROTECTED_TAGS = frozenset({"html", "body", "main", "head", "title", "h1"})
# Elements scanned for block headings ("Related", "أخبار ذات صلة").
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b",
                          "header", "summary", "li", "a", "figcaption", "label", "h1"})
# Longest text (characters) a block heading may have.
MAX_HEADING_CHARS = 60
# A candidate holding at least this share of the page's article-like paragraphs (or,
# without paragraphs, of its text) is the content, not chrome.
MAX_CHROME_CONTENT_SHARE = 0.3
# Link lists (or link-dense blocks) right after a "Related" heading taken with it.
MAX_HEADING_LISTS = 3
# ``<article>`` elements right after a "Related" heading are the stories it lists, each
# with its teaser or excerpt, however long: at most this many go with the heading.
MAX_TEASER_ARTICLES = 12
# Above this share of link text, a block is a list of links.
LINK_DENSE_RATIO = 0.5
# Feedback and appeal boxes ("Was this helpful? Yes / No", "Enjoyed this piece? We need
# your help …"): longest heading that opens one (characters), and longest box taken
# with it (characters of text: heading, a few lines, buttons or a form), climbed at most
# this many levels. Calibrated on wcxb-dev (even pages): boxes run 20–450 characters.
MAX_APPEAL_HEADING_CHARS = 100
MAX_APPEAL_BLOCK_CHARS = 700
MAX_APPEAL_DEPTH = 6
# Comment-policy notes ("Comments are moderated …", "التعليقات المنشورة لا تعبر عن
# رأي الموقع"): an element of these tags whose text, at most this long (characters),
# opens with ``vocab.chrome.COMMENT_POLICY_PREFIXES``. Such notes run one to three
# sentences (80–350 characters on the pages seen); longer blocks are text. Inline
# tags are not looked at: their block, visited first, holds the same text.
POLICY_TAGS = frozenset({"p", "div", "li", "small", "section"})
MAX_POLICY_CHARS = 400
# Longest "Read more: <headline>" paragraph (characters).
MAX_READ_MORE_CHARS = 299
# Longest text any heading rule below reads: a longer element is none of them, and its
# text is not read in full (most are longer, and a page has thousands).
MAX_HEADING_SCAN_CHARS = max(MAX_HEADING_CHARS, MAX_APPEAL_HEADING_CHARS, MAX_READ_MORE_CHARS)
# Class and id values told apart at once, per process (they repeat within and across a
# site's pages).
TOKEN_CACHE_SIZE = 4096
# Separators after a "Read more" lead-in.
LEAD_IN_SEPARATOR_RE = re.compile(r"[:：\-–—|]")
MAX_LEAD_IN_CHARS = 40


@lru_cache(maxsize=TOKEN_CACHE_SIZE)
def _is_chrome_token(value: str | None) -> bool:
    if not value:
        return False
    for token in value.lower().split():
        if CHROME_TOKEN_RE.search(token) and (not TAXONOMY_TOKEN_RE.match(token)
                                              or AUTHOR_BOX_TOKEN_RE.search(token)):
            return True
        if TOC_TOKEN_RE.match(token):
            return True
    return False


def _is_chrome_by_attributes(el: HtmlElement) -> bool:
    if _is_chrome_token(el.get("class")) or _is_chrome_token(el.get("id")):
        return True
    label = el.get("aria-label")
    return bool(label) and is_block_heading(label)


def _heading_block(heading: HtmlElement) -> list[HtmlElement]:
    """The elements that make up the block a "Related" heading introduces: the
    highest ancestor that, apart from the heading, is mostly links; else the
    heading and the link lists right after it."""
    heading_len = text_length(heading)
    block, node = None, heading
    while True:
        parent = node.getparent()
        if parent is None or parent.tag in PROTECTED_TAGS or parent.tag == "article":
            break
        rest = text_length(parent) - heading_len
        if rest > 0 and link_text_length(parent) < LINK_DENSE_RATIO * rest:
            break
        block = node = parent
    if block is not None:
        return [block]
    elements, lists, teasers = [heading], 0, 0
    sibling = heading.getnext()
    while sibling is not None and lists < MAX_HEADING_LISTS:
        length = text_length(sibling)
        if not isinstance(sibling.tag, str) or length == 0:
            sibling = sibling.getnext()
            continue
        if sibling.tag == "article" and teasers < MAX_TEASER_ARTICLES:
            teasers += 1  # a story of its own: another story's teaser, however long
        elif sibling.tag in ("ul", "ol") or link_text_length(sibling) >= LINK_DENSE_RATIO * length:
            lists += 1
        else:
            break
        elements.append(sibling)
        sibling = sibling.getnext()
    return elements


def _appeal_block(heading: HtmlElement) -> HtmlElement:
    """The box a feedback or appeal heading opens: its highest ancestor, below the
    article's own container, that is still short (heading, buttons, a line or two)."""
    block = heading
    for depth, parent in enumerate(heading.iterancestors()):
        if (depth >= MAX_APPEAL_DEPTH or parent.tag in PROTECTED_TAGS
                or parent.tag in CONTENT_TAGS or text_length(parent) > MAX_APPEAL_BLOCK_CHARS):
            break
        block = parent
    return block


def _is_read_more_paragraph(el: HtmlElement, text: str) -> bool:
    """"Read more: <linked headline>" inside the body."""
    match = LEAD_IN_SEPARATOR_RE.search(text, 0, MAX_LEAD_IN_CHARS + 2)
    if not match or phrase_key(text[: match.start()]) not in RELATED_KEYS:
        return False
    return link_text_length(el) >= LINK_DENSE_RATIO * len(text[match.end():].strip())


def _short_text(el: HtmlElement, limit: int) -> str | None:
    """``el``'s text when it is at most ``limit`` characters, else None; reads no
    further than that (most elements are longer, and a page has thousands)."""
    parts, total = [], 0
    for part in el.itertext():
        total += len(part)
        if total > limit:
            return None
        parts.append(part)
    return "".join(parts)


def _head_text(el: HtmlElement, chars: int) -> str:
    """The start of ``el``'s text without its leading whitespace: at least ``chars``
    characters of it when it has that many, read no further."""
    head = ""
    for part in el.itertext():
        head = head + part if head else part.lstrip()
        if len(head) >= chars:
            break
    return head


def _text_start(el: HtmlElement, limit: int) -> tuple[str | None, str]:
    """``el``'s text when it is at most ``limit`` characters (else None), and the start
    of its text without leading whitespace (all of it, or at least POLICY_HEAD_CHARS
    characters): what the heading and the policy-note rules read, in one pass."""
    parts, total = [], 0
    for part in el.itertext():
        total += len(part)
        parts.append(part)
        if total > limit:
            head = "".join(parts).lstrip()
            return None, head if len(head) >= POLICY_HEAD_CHARS else _head_text(el, POLICY_HEAD_CHARS)
    text = "".join(parts)
    return text, text.lstrip()


def _is_policy_text(text: str | None) -> bool:
    """Whether ``text`` (None: longer than MAX_POLICY_CHARS) is a comment-policy note."""
    return bool(text) and is_policy_key(phrase_key(text))


def _is_chrome_element(el: HtmlElement, tag: str, in_content: bool, role: str | None) -> bool:
    if tag in CHROME_TAGS:
        return True
    if tag in EDGE_TAGS and not in_content:
        # a header that holds the headline is the article's own, placed outside <article>
        return not (tag == "header" and HEADLINE_XPATH(el))
    if tag == "form" and SEARCH_INPUT_XPATH(el):
        return True
    if role in CHROME_ROLES or el.get("aria-modal") == "true":
        return True
    return bool(el.get("class") or el.get("id") or el.get("aria-label")) and _is_chrome_by_attributes(el)


def _is_popup_element(el: HtmlElement, tag: str, role: str | None) -> bool:
    return tag in POPUP_TAGS or role in POPUP_ROLES or el.get("aria-modal") == "true"


def _block_texts(el: HtmlElement, tag: str) -> tuple[str | None, bool]:
    """The text the heading rules read of ``el`` (None when it is not a heading
    candidate or is longer than MAX_HEADING_SCAN_CHARS), and whether ``el`` is a
    comment-policy note (see MAX_POLICY_CHARS); its text read once for both. The
    opening word is tested first, on the text's start alone, which most blocks fail."""
    heading = tag in HEADING_TAGS and len(el) <= 3
    if tag not in POLICY_TAGS:
        return (_short_text(el, MAX_HEADING_SCAN_CHARS) if heading else None), False
    if not heading:
        return None, (may_open_policy(_head_text(el, POLICY_HEAD_CHARS))
                      and _is_policy_text(_short_text(el, MAX_POLICY_CHARS)))
    text, head = _text_start(el, MAX_POLICY_CHARS)
    policy = may_open_policy(head) and _is_policy_text(text)
    return (text if text is not None and len(text) <= MAX_HEADING_SCAN_CHARS else None), policy


def find_chrome(
    tree: HtmlElement,
    holds_content: Callable[[HtmlElement], bool] = lambda el: False,
) -> list[HtmlElement]:
    """The outermost elements of ``tree`` that the rules above call chrome.

    An element that ``holds_content`` is searched inside instead of being taken whole.
    """
    found: list[HtmlElement] = []
    stack: list[tuple[HtmlElement, bool]] = [(tree, False)]
    while stack:
        el, in_content = stack.pop()
        tag = el.tag
        if not isinstance(tag, str):
            continue
        role = el.get("role")
        if (tag not in PROTECTED_TAGS and _is_chrome_element(el, tag, in_content, role)
                and (_is_popup_element(el, tag, role) or not holds_content(el))):
            found.append(el)
            continue  # its descendants go with it
        text, policy = _block_texts(el, tag)
        if policy and not holds_content(el):
            found.append(el)
            continue
        if text is not None:
            key = phrase_key(text) if len(text) <= MAX_APPEAL_HEADING_CHARS else ""
            if len(text) <= MAX_HEADING_CHARS and key in BLOCK_HEADING_KEYS:
                block = _heading_block(el)
                if not any(holds_content(b) for b in block):
                    found.extend(block)
                    continue
            if key and is_box_opener(key):
                box = _appeal_block(el)
                if not holds_content(box):
                    found.append(box)
                    continue
            if (tag in ("p", "li", "div") and len(text) <= MAX_READ_MORE_CHARS and el.find(".//a") is not None
                    and _is_read_more_paragraph(el, text)):
                found.append(el)
                continue
        in_content = in_content or tag in CONTENT_TAGS or role == "main"
        stack.extend(zip(reversed(el), repeat(in_content)))
    return found


def preclean(tree: HtmlElement) -> HtmlElement:
    """Remove chrome from ``tree`` in place (see the module docstring); returns it.
    A lead repeating the page's description stays: it is the article's (traf-dev: 4
    `with` snippets were lost to the rule that dropped it)."""
    body = tree.find("body")
    root = body if body is not None else tree
    paragraphs = content_paragraphs(root, text_blocks=True)
    content_len = sum(paragraphs.values())
    page_len = text_length(root) if not content_len else 0

    def holds_content(el: HtmlElement) -> bool:
        # looks like chrome by name, but holds the article's paragraphs
        if content_len:
            held = sum(paragraphs.get(p, 0) for p in el.iter("p", *TEXT_BLOCK_TAGS))
            return held >= MAX_CHROME_CONTENT_SHARE * content_len
        length = text_length(el)
        return length > MAX_CHROME_CONTENT_SHARE * page_len and link_text_length(el) < LINK_DENSE_RATIO * length

    for el in find_chrome(tree, holds_content):
        if el.getparent() is not None:
            el.drop_tree()
    _rescue_tails(root)
    return tree


# Tags trafilatura's precise mode deletes, tail text included, when they are empty at
# that point (an image wrapper whose <img> it already removed, an icon <i>, a clearing
# <div>): the sentence after them is lost mid-paragraph. Its other modes keep the tail.
TAIL_LOSING_TAGS = ("b", "div", "em", "i", "q", "span", "strong")
# A tail that opens at least this much text up to the end of its parent (characters,
# stripped) is prose worth keeping; shorter runs ("Share", "Print" after an icon) stay
# with their element. Calibrated on wcxb-dev (even pages): 0075 loses 20 paragraph
# openings to image wrappers.
MIN_RESCUED_TEXT_CHARS = 40
# Inline parents the count above climbs out of (a link holding an image and its
# caption), at most this many levels.
RESCUE_INLINE_TAGS = frozenset({"a", "b", "em", "font", "i", "mark", "small", "span", "strong", "u"})
MAX_INLINE_DEPTH = 3
# In a heading the tail is the heading's text itself (after an anchor <span id=…>),
# however short: it is always kept.
RESCUED_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _text_after(el: HtmlElement, limit: int) -> int:
    """Length of the text from ``el``'s tail to the end of its block (the parent, or the
    parent's parent when the parent is inline, e.g. a link), counted up to ``limit``
    only (the scan stops there)."""
    total = 0
    for _ in range(MAX_INLINE_DEPTH):
        total += len((el.tail or "").strip())
        for sibling in el.itersiblings():
            if total >= limit:
                return total
            total += len(sibling.text_content().strip()) + len((sibling.tail or "").strip())
        el = el.getparent()
        if total >= limit or el is None or el.tag not in RESCUE_INLINE_TAGS:
            return total
    return total


def _rescue_tails(root: HtmlElement) -> None:
    """Hand the prose tail of a text-free element to the text before it, so that a
    later deletion of the empty element cannot take the prose with it."""
    for el in root.iter(TAIL_LOSING_TAGS):
        tail = el.tail
        # a lone space or &nbsp; inside keeps the element (and its tail) alive
        if not tail or not tail.strip() or el.text or el.text_content().strip():
            continue
        parent = el.getparent()
        if parent.tag not in RESCUED_HEADINGS and _text_after(el, MIN_RESCUED_TEXT_CHARS) < MIN_RESCUED_TEXT_CHARS:
            continue
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        el.tail = None


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
                    and _is_inline_popup(popup)):
                found.append(popup)
    removed = 0
    for popup in found:
        if popup.getparent() is not None:
            detach(popup)
            removed += 1
    return removed


def _is_inline_popup(el: HtmlElement) -> bool:
    if el.get("role") == "tooltip" or el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return any(mark in names for mark in POPUP_MARKS)


def _descendant_by_id(host: HtmlElement, ident: str) -> HtmlElement | None:
    for el in host.iterdescendants():
        if el.get("id") == ident:
            return el
    return None


def clean_tree(tree: HtmlElement) -> HtmlElement:
    """The whole stage: :func:`preclean`, then :func:`drop_inline_popups`; in place."""
    preclean(tree)
    drop_inline_popups(tree)
    return tree
