"""Candidate blocks: where the article's paragraphs are, independent of trafilatura.

trafilatura picks its main block by class names and its own heuristics; on some
pages (guides, product pages, CMS grids) that block is a side box or one section of
the article, and its balanced mode does no better. The article-like paragraphs of
the page (long enough, few links: :func:`scraper.extract.tree.content_paragraphs`)
say where the text really is: the deepest element that holds nearly all of them is
the article's container. Run on that container alone, trafilatura cannot wander off.

The container also tells what the text should hold besides paragraphs: its
subheadings and list items. When trafilatura's answer has most of the paragraphs
but few of those, one of its fallbacks (readability, jusText) won, and they keep
paragraphs only: a how-to or a product guide loses its steps, pros and cons and
section titles. Its recall mode, run on the container, keeps them.

Whatever trafilatura returns, the paragraphs, list items and subheadings it lost
between two paragraphs it kept are put back where they were, and so is the article's
lead lost between the headline and the first paragraph (:func:`restore_lost_blocks`).

On some pages trafilatura loses the article even inside its container: it takes the
first block named like content (one slide of a listicle, the lede box) and all of its
modes stop there. The container without class and id names has no such block; its
text is taken when it extends what was found so far (:func:`extends`).
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from itertools import accumulate

from lxml.html import HtmlElement
from trafilatura.settings import MANUALLY_CLEANED
from trafilatura.xpaths import REMOVE_COMMENTS_AND_LISTS_XPATH

from scraper.extract.fields.date_parsing import date_matches
from scraper.extract.sources.markup import host_key
from scraper.extract.tree import content_paragraphs, link_text_length, name_parts

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
    the container as a whole. The names have done their work by then: the pre-clean
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


# --- Lost blocks -------------------------------------------------------------------
#
# trafilatura drops whole paragraphs, list items and subheadings *inside* the article:
# the cards of a product guide whose wrapper is named like a widget or an embed, a
# resource list whose items are all links, a section that sits in a second content
# block it did not pick. What lies between two paragraphs it kept, in document order,
# is part of the article's flow; what lies before the first or after the last one is
# where the chrome is (related posts, comments, newsletter boxes), and is left alone.
# wcxb-dev body F1 +0.003 (both halves), aeb shingle F1 +0.0007 (even -0.0002).

# The blocks whose loss is restored: paragraphs, list items and subheadings (<h1> is
# the headline, which the body does not repeat). Loose text in <div>s is not restored:
# on wcxb-dev it is as often a card's labels and buttons as article text.
LOST_BLOCK_TAGS = ("p", "li", "h2", "h3", "h4", "h5", "h6")
# Tags whose content is not text of a block (a nested block is a block of its own).
NESTED_BLOCK_TAGS = frozenset({"p", "li", "ul", "ol", "div", "table", "h2", "h3", "h4", "h5", "h6",
                               "blockquote", "pre", "section", "article", "figure", "dl"})
NON_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "button", "select", "textarea"})
# A kept paragraph marks the article's flow when it is at least this long (characters)
# and found verbatim: shorter ones ("Share", "1.") recur anywhere on a page. Kept list
# items and headings mark nothing: when trafilatura keeps part of a teaser list, the
# rest of it is not the article's (aeb: news pages with "more stories" lists lost 0.3).
# wcxb-dev: 15, 25 and 50 score within 0.0001.
MIN_ANCHOR_CHARS = 25
# A lost block counts as kept after all when, from this many words on, its first or
# last words are in the text (trafilatura drops bits of inline markup, so a kept
# paragraph is not always verbatim).
MIN_PARTIAL_WORDS = 12
EDGE_WORDS = 6
# A lost paragraph with at least this share of link text is a teaser of another story
# ("READ MORE: …"), which trafilatura drops on purpose (aeb: F1 -0.002 without this).
MAX_TEASER_LINK_RATIO = 0.5
# Any lost block inside a link is a teaser card's face (its headline, its summary):
# wcxb-dev restores 37 such subheadings outside the gold against 6 in it, aeb 1
# against none, traf-dev 31 teaser headlines (one a `without` snippet) against none.
# (A subheading that *holds* a link is a listicle's entry, the product it names:
# wcxb-dev 483 in the gold against 76 out; it stays.)
# A lost list item that is all link (at least this share of its text) to pages of the
# same site is a related story or a menu entry, unless the article introduces its list
# ("Here are the courses you can take:", the block before it ends with a colon). One
# linking off the site is a source or a resource, which the gold keeps. wcxb-dev: the
# in-site ones of lists not introduced so are 747 lines outside the gold and 179 in it
# (introduced: 30 out, 235 in; off-site: 31 out, 189 in); aeb 3 out, none in;
# traf-dev 3 `without` snippets (BBC's, Correio's, The Local's related stories).
MIN_NAV_LINK_RATIO = 0.9
INTRODUCING_MARKS = (":", "：")
# A list of one item is a label (a listicle's entry, linked to its page), not a list of
# other stories: wcxb-dev 12 such lines in the gold, 6 out; traf-dev 1 `without`.
MIN_NAV_ITEMS = 2
# Bound on the blocks scanned per page (a page has a few hundred).
MAX_SCANNED_BLOCKS = 5000
# Tags trafilatura never reads as text (forms, figures, navigation, footers, …): a
# lost block inside one is left lost.
UNREAD_TAGS = frozenset(MANUALLY_CLEANED)
# A lost block inside a hidden element or an image caption (by class or id name, as
# trafilatura reads them) is left lost. trafilatura's other name rules (widget, embed,
# sidebar, …) are not applied: inside the article's flow they hide product cards and
# resource lists the gold keeps (wcxb-dev: F1 +0.002 without them, aeb unchanged).
CAPTION_NAME = "caption"
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Characters trafilatura drops from the text (mis-decoded pages are full of them).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# The article's lead (standfirst, dek) lost between the headline and the first kept
# paragraph is put back too: trafilatura's precise mode drops an article's <header>
# and the lead in it; its balanced mode and the traf-dev gold keep it. traf-dev:
# `with` snippets found 0.9378 -> 0.9427 (even 0.9272 -> 0.9300, odd 0.9484 -> 0.9554;
# trafilatura 0.9406), `without` unchanged; wcxb-dev about the same; aeb F1 -0.002
# (its gold leaves the dek out, the record's `description` usually holds it).
# A lead is at least this long (a kicker, a byline or a date line is shorter) and is a
# paragraph or subheading, not a list item (a list there is a summary box or a menu).
MIN_LEAD_CHARS = 40
LEAD_TAGS = frozenset({"p", "h2", "h3"})
# A lead is in the article's <header> or in a block named for one, in the languages
# the project crawls (lead, chapô, entradilla, bajada, Vorspann, …); a block named as
# metadata, a byline or a picture's caption, or holding a picture or a date, is not.
LEAD_NAME_PARTS = frozenset({"lead", "leadtext", "intro", "introduction", "standfirst", "teaser",
                             "excerpt", "summary", "subtitle", "subheadline", "subhead",
                             "subheading", "description", "chapo", "chapeau", "abstract",
                             "deck", "dek", "sapo", "entradilla", "bajada", "sumario",
                             "subtitulo", "vorspann", "anriss", "sottotitolo", "occhiello"})
NOT_LEAD_NAME_PARTS = frozenset({"meta", "byline", "author", "authors", "date", "time", "caption",
                                 "credit", "credits", "copyright", "annotation", "image", "img",
                                 "photo", "picture", "figure", "infoline", "submitted", "dateline",
                                 "tags", "share", "social"})
NOT_LEAD_HOLDERS = frozenset({"a", "figure", "figcaption", "nav", "aside"})
NOT_LEAD_CONTENT = frozenset({"figure", "img", "picture", "time"})


def _block_text(element: HtmlElement) -> str:
    """The text of ``element`` without that of the blocks nested in it."""
    if not len(element):
        return element.text or ""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":  # trafilatura breaks the line there
            parts.append(" ")
        elif tag and tag not in NESTED_BLOCK_TAGS and tag not in NON_TEXT_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)


def _normalised(block: str) -> str:
    return CONTROL_RE.sub("", " ".join(block.split()))


class _Extraction:
    """The extracted text, whitespace collapsed, with the offset of each line in it."""

    def __init__(self, text: str) -> None:
        lines = [" ".join(line.split()) + " " for line in text.split("\n")]
        self.raw = "".join(lines)
        self.starts = list(accumulate((len(line) for line in lines[:-1]), initial=0))

    def lacks(self, block: str, end: int | None = None) -> bool:
        """Whether the text (up to offset ``end``) lacks ``block``: all of it, or, for a
        long block, its first and last words (see MIN_PARTIAL_WORDS)."""
        raw = self.raw[:end]
        block = _normalised(block)
        if block in raw:
            return False
        words = block.split()
        return len(words) < MIN_PARTIAL_WORDS or (
            " ".join(words[:EDGE_WORDS]) not in raw and " ".join(words[-EDGE_WORDS:]) not in raw)

    def holds(self, block: str) -> bool:
        """Whether the text holds ``block`` verbatim (whitespace aside)."""
        return _normalised(block) in self.raw

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1


def _teaser(element: HtmlElement, block: str, site: str | None = None) -> bool:
    """Whether ``element`` is a paragraph that is mostly a link (see MAX_TEASER_LINK_RATIO),
    any block inside a link (a teaser card's headline and summary), or a list item that
    is all links within ``site`` (a :func:`host_key`) in a list the article does not
    introduce (see MIN_NAV_LINK_RATIO)."""
    if next(element.iterancestors("a"), None) is not None:
        return True
    if element.tag == "li":
        return (link_text_length(element) >= MIN_NAV_LINK_RATIO * len(block.strip())
                and all(_in_site(link.get("href"), site) for link in element.iter("a"))
                and _unintroduced_list(element.getparent()))
    return element.tag == "p" and link_text_length(element) >= MAX_TEASER_LINK_RATIO * len(block.strip())


def _unintroduced_list(block: HtmlElement | None) -> bool:
    """Whether ``block`` is a list of several items that the element before it does not
    introduce (it does not end with one of INTRODUCING_MARKS)."""
    if block is None or len(block) < MIN_NAV_ITEMS:
        return False
    previous = block.getprevious()
    while previous is not None and not isinstance(previous.tag, str):  # comments
        previous = previous.getprevious()
    return previous is None or not previous.text_content().rstrip().endswith(INTRODUCING_MARKS)


def _in_site(href: str | None, site: str | None) -> bool:
    """Whether ``href`` points within ``site``: a relative address, or one on that host."""
    try:
        key = host_key((href or "").strip())
    except ValueError:  # a malformed address
        return False
    return not key or key == site


def _readable(element: HtmlElement) -> bool:
    """Whether trafilatura could read ``element`` as text: not in a form, a figure, a
    caption or a hidden element."""
    for node in (element, *element.iterancestors()):
        if node.tag in UNREAD_TAGS:
            return False
        attrib = node.attrib
        if "hidden" in attrib or attrib.get("aria-hidden") == "true":
            return False
        if CAPTION_NAME in attrib.get("class", "") or CAPTION_NAME in attrib.get("id", ""):
            return False
        if HIDDEN_STYLE_RE.search(attrib.get("style", "")):
            return False
    return True


# Name parts (of a class or id split at "-" and "_") of the small boxes whose lost
# blocks stay lost: calls to action, promotions, carousels and sliders, teaser cards
# and recent-post lists, author boxes, tables of contents, sign-up forms, ads, link
# lists. trafilatura dropped these blocks on purpose: inside the article's flow they
# are inserts, not its text (wcxb-dev: about 5 % of the words it would restore from
# such boxes are in the gold). With them: F1 +0.0003 (both halves), `without` snippets
# found 0.0328 -> 0.0299; aeb unchanged.
INSERT_NAME_PARTS = frozenset({"cta", "promo", "hero", "carousel", "slider", "slide", "cards",
                               "post", "posts", "recent", "author", "bio", "toc", "signup",
                               "disclosure", "ad", "ads", "form", "button", "links",
                               "linklist", "playlist", "keywords", "relatedlinks",
                               "related", "tags"})
# A box is small below this many characters of text (a box that big is the article's),
# and is looked for this many levels up from the lost block (itself included).
MAX_INSERT_CHARS = 3000
MAX_INSERT_DEPTH = 6
# A box holding this many kept paragraphs is the article's flow, whatever its name (a
# story laid out as ``collection-cards``); one kept paragraph may be a teaser's excerpt.
MIN_FLOW_ANCHORS = 2


def _in_insert(element: HtmlElement, anchors: set[HtmlElement]) -> bool:
    """Whether ``element`` is, or sits in, a small box named as an insert
    (INSERT_NAME_PARTS) that holds fewer than MIN_FLOW_ANCHORS kept paragraphs
    (``anchors``)."""
    node: HtmlElement | None = element
    for _ in range(MAX_INSERT_DEPTH):
        if (node is None or node.tag in ("body", "article", "main")
                or len(node.text_content()) > MAX_INSERT_CHARS
                or sum(p in anchors for p in node.iter("p")) >= MIN_FLOW_ANCHORS):
            return False
        if not INSERT_NAME_PARTS.isdisjoint(name_parts(node)):
            return True
        node = node.getparent()
    return False


def lost_blocks(tree: HtmlElement, text: str, url: str | None = None) -> dict[int, list[str]]:
    """The paragraphs, list items and subheadings of ``tree`` missing from ``text``
    between two paragraphs it holds verbatim, and the article's lead (see
    :func:`_lost_lead`), by the index of the line of ``text`` they follow (-1: before
    the first line). ``url``: the page's address, which tells links within the site."""
    site = host_key(url) if url else None
    body = tree.find("body")
    root = body if body is not None else tree
    found = _Extraction(text)
    lost: dict[int, list[str]] = {}
    gap: list[tuple[HtmlElement, str]] = []
    anchors: set[HtmlElement] = set()  # the kept paragraphs met so far
    after = -1  # line of the last kept paragraph, -1 before the first one
    cursor = 0
    for count, element in enumerate(root.iter("h1", *LOST_BLOCK_TAGS)):
        if count >= MAX_SCANNED_BLOCKS:
            break
        if element.tag == "h1":
            if after < 0:
                gap = []  # what precedes the headline is not the lead
            continue
        block = _block_text(element)
        position = -1
        if element.tag == "p" and len(block) >= MIN_ANCHOR_CHARS:
            paragraph = " ".join(block.split())
            position = found.raw.find(paragraph, cursor)
        if position >= 0:
            if after < 0:
                lead = _lost_lead(element, gap, found, position)
                if lead:
                    lost[found.line_of(position) - 1] = lead
                gap = []
            cursor = position + len(paragraph)
            anchors.add(element)
            if gap:  # checked only now: most blocks lie after the last paragraph
                lost.setdefault(after, []).extend(
                    " ".join(b.split()) for e, b in gap if found.lacks(b) and not _teaser(e, b, site) and _readable(e)
                    and not _in_insert(e, anchors))
                gap = []
            after = found.line_of(cursor - 1)
        elif block and not block.isspace():
            gap.append((element, block))
    return lost


def _lost_lead(first: HtmlElement, before: list[tuple[HtmlElement, str]], found: _Extraction,
               opening: int) -> list[str]:
    """The lead paragraphs trafilatura lost: those between the headline and ``first``,
    the first paragraph it kept, in the same ``<article>``, in its ``<header>`` or
    named as a lead (precise mode drops an article's header, and the standfirst in it;
    see LEAD_NAME_PARTS). Lost means missing from the text before ``first`` (which
    starts at offset ``opening``) and not verbatim in the rest: a standfirst often opens with the words of
    a later paragraph, which it sums up."""
    articles = set(first.iterancestors("article"))
    if not articles:
        return []
    return [" ".join(b.split()) for e, b in before
            if e.tag in LEAD_TAGS and len(b.strip()) >= MIN_LEAD_CHARS and _is_lead(e, articles)
            and next(date_matches(b), None) is None and found.lacks(b, opening) and not found.holds(b)
            and not _teaser(e, b) and _readable(e)]


def _is_lead(element: HtmlElement, articles: set[HtmlElement]) -> bool:
    """Whether ``element``, inside one of ``articles``, sits in its header or in a block
    named as a lead, and in nothing named as metadata or a caption (LEAD_NAME_PARTS,
    NOT_LEAD_NAME_PARTS), nor in a link, a figure or a sidebar."""
    if any(el.tag in NOT_LEAD_CONTENT for el in element.iter()):
        return False
    lead = False
    for node in (element, *element.iterancestors()):
        if node in articles:
            return lead
        if node.tag in NOT_LEAD_HOLDERS:
            return False
        parts = name_parts(node)
        if not NOT_LEAD_NAME_PARTS.isdisjoint(parts):
            return False
        lead = lead or node.tag == "header" or not LEAD_NAME_PARTS.isdisjoint(parts)
    return False


def restore_lost_blocks(tree: HtmlElement, text: str, url: str | None = None) -> str:
    """``text`` with :func:`lost_blocks` put back in place, each on a line of its own."""
    lost = lost_blocks(tree, text, url)
    if not any(lost.values()):
        return text
    lines = list(lost.get(-1, ()))
    for index, line in enumerate(text.split("\n")):
        lines.append(line)
        lines.extend(lost.get(index, ()))
    return "\n".join(lines)
