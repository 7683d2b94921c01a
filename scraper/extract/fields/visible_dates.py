"""Dates the reader sees: the article's dateline around its headline (or in elements
classed date / time), each with whether it is labelled "Updated", and the date a
page states as the story's first publication ("Originally published on …").

A date is never read from the site header (a header clock shows *today*), nor from
navigation, comments or lists of other stories."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from typing import Any

from lxml.etree import XPath, tostring
from lxml.html import HtmlElement

from scraper.extract.fields.date_parsing import DIGITS, date_matches, match_date, normalise_date
from scraper.extract.sources.markup import DIGIT_RE, outside_chrome
from scraper.extract.vocab import dates as vocab
from scraper.extract.vocab.match import flatten

# Dates in these (class or id tokens, or nav and footer) are other stories' or readers'.
DATELINE_EXCLUDED_CONTAINERS = ("comment", "related", "recommend", "popular", "trending",
                                "more-stories", "read-next")
DATELINE_CHROME_XPATH = XPath("ancestor::nav or ancestor::footer or ancestor::blockquote or ancestor::figcaption")
# A text in a top-level headline (its own or a link's in it): after the article's own, it
# starts another story (a related-stories block), so the article's dateline ends there.
MAX_HEADLINE_DEPTH = 3
# Tags a text in such a headline is held by (checked first: most texts are elsewhere).
HEADLINE_PATH_TAGS = frozenset({"h1", "a", "span", "strong", "em", "b", "i"})
# "Updated …" labels (``vocab.dates``): such a date is the modification date, not the
# publication date.
UPDATED_WORDS: tuple[str, ...] = flatten(vocab.UPDATED_WORDS)
UPDATED_WORD_RE = re.compile("|".join(UPDATED_WORDS), re.IGNORECASE)
# Words between such a label and its date ("Updated on", "mis à jour le").
UPDATED_PREPOSITIONS: tuple[str, ...] = flatten(vocab.UPDATED_PREPOSITIONS)
UPDATED_LABEL_RE = re.compile(
    rf"(?:{'|'.join(UPDATED_WORDS)})(?:\W*(?:{'|'.join(UPDATED_PREPOSITIONS)}))?\W*$",
    re.IGNORECASE)
# How much text before a date is searched for its label (whitespace collapsed).
MAX_DATE_LABEL_LEAD_CHARS = 40
# Elements that hold a byline or the article's dates, by class, id or itemprop.
# ("/descendant::" finds what "//" finds, in the same order, in one walk of the tree.)
DATE_CLASS_XPATH = XPath(
    "/descendant::*[self::time or @class[contains(., 'date') or contains(., 'Date')"
    " or contains(., 'publish') or contains(., 'posted') or contains(., 'byline')]]"
)
# Texts after and before the headline that are read as its dateline.
MAX_AFTER_HEADLINE_TEXTS = 40
MAX_BEFORE_HEADLINE_TEXTS = 8
# Short texts just before the headline read as its dateline ("Published … " above it).
MAX_BEFORE_HEADLINE = 4
# "Originally published …": the page states when the story first appeared (a republished
# or refreshed page shows its new date in the header); read when the page has no date
# metadata, or its header disagrees with the metadata (wcxb-dev: 2 pages right, none
# wrong; 2 more state the metadata's day, 1 a year only, 1 a date out of reach). The
# phrases (``vocab.dates``) are lower case, matched without their first letter.
ORIGINALLY_PUBLISHED_PHRASES: tuple[str, ...] = flatten(vocab.ORIGINALLY_PUBLISHED_PHRASES)
ORIGINALLY_PUBLISHED_XPATH = XPath(
    "//body//text()[not(parent::script or parent::style)][{}]".format(" or ".join(
        f'contains(., "{p[1:]}")' for p in ORIGINALLY_PUBLISHED_PHRASES)))
# What the page text is searched for first (UTF-8, a key inside another key dropped).
_KEYS = {p[1:].encode() for p in ORIGINALLY_PUBLISHED_PHRASES}
ORIGINALLY_PUBLISHED_KEYS = tuple(k for k in _KEYS if not any(o != k and o in k for o in _KEYS))
ORIGINALLY_PUBLISHED_RE = re.compile("|".join(ORIGINALLY_PUBLISHED_PHRASES), re.IGNORECASE)
# Such statements looked at, and how far after the phrase its date may be written
# ("Originally published in <journal> (<url>), 25.06.2019").
MAX_ORIGINAL_STATEMENTS = 3
MAX_ORIGINAL_DATE_DISTANCE = 100
# A dateline is short: a text whose element says more is a sentence of the story.
MAX_DATELINE_CHARS = 120
# Characters of dateline text read after the headline (byline, dates, reading time).
MAX_AFTER_HEADLINE_CHARS = 600
# A date class worn by this many elements dates a list of stories (archive, "more from
# the blog"), not the article: a dateline is one date, or a published / updated pair.
MIN_LISTED_DATES = 3
# How many date-classed elements are looked at.
MAX_DATE_ELEMENTS = 60
DATELINE_INLINE_TAGS = frozenset({"a", "span", "strong", "em", "b", "i", "u", "small", "abbr", "font",
                         "sup", "sub", "mark", "cite", "q"})
PARAGRAPH_TAGS = frozenset({"p", "li", "td", "dd", "blockquote", "figcaption"})
NOT_DATELINE_TAGS = frozenset({"script", "style", "noscript", "option", "button", "svg"})


def _texts_after(el: HtmlElement):
    """(text, element holding it) for each non-blank text after ``el``'s end, in
    document order (a tail belongs to the element it follows, as in lxml)."""
    node = el
    while node is not None:
        if node.tail and node.tail.strip():
            yield node.tail, node
        for sib in node.itersiblings():
            for sub in sib.iter():
                if isinstance(sub.tag, str) and sub.text and sub.text.strip():
                    yield sub.text, sub
                if sub is not sib and sub.tail and sub.tail.strip():
                    yield sub.tail, sub
            if sib.tail and sib.tail.strip():
                yield sib.tail, sib
        node = node.getparent()


def _texts_before(el: HtmlElement, limit: int) -> list[tuple[str, HtmlElement]]:
    """The last ``limit`` non-blank texts before ``el`` starts, in document order."""
    return list(islice(_texts_backwards(el), limit))[::-1]


def _texts_backwards(el: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """(text, element holding it) for each non-blank text before ``el`` starts, nearest
    first: each preceding sibling's texts (its tail, then its elements' tails and texts
    from its last element back), then the parent's own text, one level up at a time.
    Lazy, so only the few texts wanted are read, not the whole page above a headline."""
    node = el
    while node is not None:
        for sib in node.itersiblings(preceding=True):
            if sib.tail and sib.tail.strip():
                yield sib.tail, sib
            for sub in _reverse_preorder(sib):
                if sub is not sib and sub.tail and sub.tail.strip():
                    yield sub.tail, sub
                if isinstance(sub.tag, str) and sub.text and sub.text.strip():
                    yield sub.text, sub
        parent = node.getparent()
        if parent is not None and parent.text and parent.text.strip():
            yield parent.text, parent
        node = parent


def _reverse_preorder(root: HtmlElement) -> Iterator[HtmlElement]:
    """``root.iter()`` backwards (the last element first, ``root`` last), lazily."""
    stack = [(root, reversed(root))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield node
        else:
            stack.append((child, reversed(child)))


def _dateline_text(text: str, el: HtmlElement, around: Any = ()) -> str | None:
    """``text`` (held by ``el``) if it may be part of a dateline: in a short element,
    not in a script or a button, not in navigation or a sidebar."""
    if el is None or el.tag in NOT_DATELINE_TAGS or _longer_than(el, MAX_DATELINE_CHARS):
        return None
    if not DIGIT_RE.search(text):
        return text  # no date, maybe its label ("Updated", "Published on")
    if _in_site_header(el, around) or not _dateline_place(el):
        return None  # a clock, a related-stories list, a comment
    while el.tag in DATELINE_INLINE_TAGS and el.getparent() is not None:
        el = el.getparent()
    if el.tag in PARAGRAPH_TAGS and _longer_than(el, MAX_DATELINE_CHARS):
        return None  # a link or a bold date inside a paragraph of the story
    return text


def _longer_than(el: HtmlElement, limit: int) -> bool:
    """Whether ``el``'s text, whitespace collapsed, is longer than ``limit``, reading
    only as far as the limit: the elements around a headline are often containers
    holding the whole article. (Templates indent a short dateline by hundreds of
    spaces: they are not text.)"""
    size = 0
    for piece in el.itertext():
        size += len(" ".join(piece.split()))
        if size > limit:
            return True
    return False


def _dateline_place(el: HtmlElement) -> bool:
    """Not in nav, footer, comments or lists of other stories (an aside may hold the
    article's own facts box, dates included)."""
    return outside_chrome(el, DATELINE_EXCLUDED_CONTAINERS, DATELINE_CHROME_XPATH)


def _dates_in(texts: list[str], month_first: bool,
              machine: list[str | None] | None = None) -> list[tuple[str, bool, str | None]]:
    """(date, labelled "updated", other reading) for each date in the texts, in order;
    a label may be in the same text or the text just before. ``machine`` holds, per
    text, the day its ``<time datetime>`` says: when it says another day than the
    text, that is the date's other reading."""
    found = []
    before = ""
    for index, text in enumerate(texts):
        work = text.translate(DIGITS)
        for match in date_matches(work):
            alt: list[str | None] = []
            date = match_date(match, month_first, alt)
            if date:
                if not alt and machine and machine[index] and machine[index] != date:
                    alt.append(machine[index])
                lead = " ".join((before + " " + work[:match.start()]).split())[-MAX_DATE_LABEL_LEAD_CHARS:]
                found.append((date, bool(UPDATED_LABEL_RE.search(lead.strip(" :|·•-—"))),
                              alt[0] if alt else None))
        before = work
    return found


def _in_headline(el: HtmlElement | None) -> bool:
    """``el`` is an <h1> or within ``MAX_HEADLINE_DEPTH`` levels of one (cheaper than
    an ancestor XPath, run on every dateline text)."""
    for _ in range(MAX_HEADLINE_DEPTH):
        if el is None:
            return False
        if el.tag == "h1":
            return True
        el = el.getparent()
    return False


def _machine_day(piece: str, holder: HtmlElement) -> str | None:
    """The day a ``<time datetime>`` gives for its own text ``piece`` (not its tail)."""
    if holder.tag != "time" or piece != holder.text:
        return None
    return (normalise_date(holder.get("datetime")) or "")[:10] or None


def visible_dates(tree: HtmlElement, headline: HtmlElement | None,
                  month_first: bool = True) -> list[tuple[str, bool, str | None]]:
    """Dates the reader sees in the article's header: the short lines just after (and
    just before) the headline, then elements classed date/time/meta/byline or
    ``<time>`` outside the site's chrome. Each as (``YYYY-MM-DD``, labelled updated,
    the other reading of a numeric date that reads both ways or None)."""
    found: list[tuple[str, bool, str | None]] = []
    if headline is not None:
        texts, machine, size = [], [], 0
        around = set(headline.iterancestors())
        for count, (piece, holder) in enumerate(_texts_after(headline)):
            if count >= MAX_AFTER_HEADLINE_TEXTS or (
                    holder.tag in HEADLINE_PATH_TAGS and _in_headline(holder)):
                break  # another story's headline: its dates are not this one's
            text = _dateline_text(piece, holder, around)
            if text is None:
                continue
            texts.append(text)
            machine.append(_machine_day(piece, holder))
            size += len(text)
            if size > MAX_AFTER_HEADLINE_CHARS:
                break
        before = [t for t in (_dateline_text(piece, holder, around)
                              for piece, holder in _texts_before(headline, MAX_BEFORE_HEADLINE_TEXTS))
                  if t is not None]  # document order: the nearest last
        found = _dates_in(texts, month_first, machine) + _dates_in(before[-MAX_BEFORE_HEADLINE:], month_first)
    if found:
        return found
    elements = DATE_CLASS_XPATH(tree)[:MAX_DATE_ELEMENTS]
    classes = Counter(el.get("class") for el in elements)
    for el in elements:
        text = el.text_content()
        if (len(text) > MAX_DATELINE_CHARS or not DIGIT_RE.search(text)
                or (el.get("class") and classes[el.get("class")] >= MIN_LISTED_DATES)
                or _in_site_header(el, ()) or not _dateline_place(el)):
            continue
        found += _dates_in([text], month_first)
        if found:
            break
    return found


def _is_site_banner(header: HtmlElement) -> bool:
    """The page's top banner: a header straight under <body>, or one holding the menu."""
    parent = header.getparent()
    return (parent is not None and parent.tag == "body") or header.find(".//nav") is not None


def _in_site_header(el: HtmlElement, around: Any) -> bool:
    """Inside the site's header (a clock or "today" widget lives there), not an
    article's: a header inside an article or main, or one around the headline
    (``around``: the headline's ancestors) and not the page banner, is the article's own."""
    in_header = False
    for anc in el.iterancestors():
        if anc.tag in ("article", "main"):
            return False
        if anc.tag == "header" or "header" in (anc.get("id") or "").lower():
            if anc in around and not _is_site_banner(anc):
                return False
            in_header = True
    return in_header


def stated_original_date(tree: HtmlElement, month_first: bool = True) -> str | None:
    """The date of an "Originally published on …" statement in the page (outside
    comments, related stories and the site's chrome), or None."""
    body = tree.find("body")
    page_text = tostring(tree if body is None else body, method="text", encoding="utf-8",
                         with_tail=False)
    if not any(phrase in page_text for phrase in ORIGINALLY_PUBLISHED_KEYS):
        return None  # (a byte search of the text is far cheaper than the XPath)
    for node in ORIGINALLY_PUBLISHED_XPATH(tree)[:MAX_ORIGINAL_STATEMENTS]:
        holder = node.getparent()  # a tail's: the element it follows, so go one up
        if holder is not None and node.is_tail:
            holder = holder.getparent()
        if holder is None or not _dateline_place(holder):
            continue
        text = holder.text_content()
        match = ORIGINALLY_PUBLISHED_RE.search(text)
        if match is None:
            continue
        window = text[match.end():match.end() + MAX_ORIGINAL_DATE_DISTANCE].translate(DIGITS)
        for found in date_matches(window):
            if UPDATED_WORD_RE.search(window, 0, found.start()):
                break  # "Originally published in 2022. Last updated on <date>"
            date = match_date(found, month_first)
            if date:
                return date
    return None
