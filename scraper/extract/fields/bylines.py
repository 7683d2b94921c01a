"""The visible byline: the authors a page names outside its markup, from
``itemprop``/``rel`` author, links to author pages, elements classed author / byline,
the text after a standalone label, a plain "By Jane Doe" text, the dated line under the
headline (:func:`byline_authors`); and the byline lines at the edges of the body text
(:func:`parse_byline`: ``[prefix] MARKER [:–-] NAME [, NAME …]``)."""

from __future__ import annotations

import re
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.fields.names import (
    AUTHOR_PREFIX_RE,
    BYLINE_LABEL_LOWER,
    LEAD_IN_LABEL_RE,
    LEAD_IN_LABELS,
    MAX_BYLINE_ELEMENT_CHARS,
    NAME_PARTICLES,
    SENTENCE_WORDS,
    credit_names,
    credit_parts,
    is_team_credit,
    split_authors,
    structured_names,
)
from scraper.extract.sources.markup import (
    BYLINE_EXCLUDED_CONTAINERS,
    CHROME_ANCESTOR_XPATH,
    DIGIT_RE,
    STATE_CLASS_PREFIXES,
    clean,
    dedupe,
    outside_chrome,
)
from scraper.extract.vocab import bylines as vocab
from scraper.extract.vocab.match import is_chrome_line, phrase_key, word_set

AUTHOR_LINK_XPATH = XPath("/descendant::a[@href]")
ITEMPROP_NAME_XPATH = XPath(".//*[@itemprop='name']")
# Elements marked as the author's: itemprop / rel author, or classed author / byline /
# writer ("uthor" and "yline" match both cases of the first letter: Author, ByLine).
# One query, one walk of the tree, finds both kinds; Python tells them apart. Testing
# that an attribute exists before searching its text, and ``/descendant::`` rather than
# ``//`` (no child step under every node), make it about three times faster than a
# union of ``//`` queries (measured on wcxb-dev, same elements in the same order).
AUTHOR_MARKED_XPATH = XPath(
    "/descendant::*[@class[contains(., 'uthor') or contains(., 'yline') or contains(., 'riter')]"
    " or @id[contains(., 'uthor') or contains(., 'yline')]"
    " or @itemprop='author' or @rel[contains(., 'author')]]"
)
LEAD_IN_ENDINGS = tuple(w.lower() for w in LEAD_IN_LABELS)
# Longest standalone label ("Written by", "Author:") whose next text is the name.
MAX_BYLINE_LABEL_CHARS = 40
# Elements that hold running text: a label inside a long one is part of a sentence.
PROSE_TAGS = frozenset({"p", "li", "blockquote", "dd", "td"})
FOLLOWING_TEXT_XPATH = XPath("following::text()[normalize-space()][position() <= 2]")
# Path segments of author profile pages ("/author/jane-doe", "/contributors/jd").
AUTHOR_PATH_RE = re.compile(
    r"/(?:authors?|autore?s?|auteurs?|autori|writers?|contributors?|columnists?|journalists?|"
    r"reporters?|people|person|staff|team|profiles?|users?|byline|yazar(?:lar)?|"
    r"kategori/yazar|كاتب|الكاتب|كتاب)/([^/?#]+)", re.I)
# What follows "/user/" or "/profile/" on account pages, not on a writer's page
# ("/user/register", "/user/password", "/dashboard/profile/mfa"): the software's own
# path words, the same whatever the language of the site.
ACCOUNT_PAGE_SLUGS = frozenset(
    "register registration login logout signin sign-in signup sign-up password "
    "reset edit settings account mfa me new sign_in sign_up sign_out signout sign-out "
    "log_in log_out log-in log-out".split())  # traf-dev: 1 page ("Abmelden")
# An author-classed article or section is the whole post (<article class="… author-jane-doe">),
# not its byline.
CONTAINER_TAGS = frozenset({"article", "main", "section", "body"})
# The dated line under the headline ("Dec 26, 2025 • Mahua Das"): looked for in the
# first elements after the first <h1>, told by a year and separators between its parts.
MAX_META_LINE_ELEMENTS = 12
META_LINE_XPATH = XPath(f"(/descendant::body/descendant::h1)[1]/following::*[position() <= {MAX_META_LINE_ELEMENTS}]"
                        f"[string-length(normalize-space()) <= {MAX_BYLINE_ELEMENT_CHARS}]")
# Four digits of any script ("2025", "٢٠٢٥"), a year when between these bounds.
FOUR_DIGITS_RE = re.compile(r"(?<!\d)\d{4}(?!\d)")
YEAR_RANGE = range(1900, 2101)
META_LINE_SEPARATOR_RE = re.compile(r"\s*[·•|⋅]\s*")
# An article's own footer (<article>…<footer class="entry-footer">Posted by …) holds its
# byline and tags, and its own <aside> its author box; only a footer or aside outside
# the article is the site's.
ARTICLE_FOOTER_MARKERS = tuple(m for m in BYLINE_EXCLUDED_CONTAINERS if m != "footer")
ARTICLE_FOOTER_CHROME_XPATH = XPath(
    "ancestor::nav or ancestor::aside[not(ancestor::article)] or ancestor::footer[not(ancestor::article)]")
IN_ARTICLE_XPATH = XPath("boolean(ancestor::article)")
# A link to a site's home page: its root, with or without the host, or a parent folder.
HOME_HREF_RE = re.compile(r"^(?:(?:https?:)?//[^/?#]+)?/?(?:\.\./|\./)*(?:index\.\w+)?$", re.I)
# How many candidates of each byline source are looked at (bounds the cost on huge pages).
MAX_BYLINE_CANDIDATES = 30
# Text nodes short enough to be a whole byline ("By Jane Doe | March 3, 2025"), after
# the first headline when the page has one (what precedes it is the site's header and
# menus: "By Ovolo Collective Hotels"), and how many of them are looked at (a long page
# has thousands of text nodes).
# One scan serves the label and the plain-text sources (labels are at most
# MAX_BYLINE_LABEL_CHARS long).
_SHORT_TEXT = f"text()[string-length(normalize-space()) <= {MAX_BYLINE_ELEMENT_CHARS}][normalize-space()]"
BYLINE_TEXT_XPATH = XPath(f"/descendant::body/descendant::{_SHORT_TEXT}")
BYLINE_TEXT_AFTER_H1_XPATH = XPath(f"(/descendant::body/descendant::h1)[1]/following::{_SHORT_TEXT}")
FIRST_H1_XPATH = XPath("(/descendant::body/descendant::h1)[1]")
MAX_BYLINE_TEXTS = 3000
# A byline line of the body text is short, and so are its names.
MAX_BYLINE_LINE_CHARS = 150
MAX_BYLINE_LINE_NAME_WORDS = 5
MAX_BYLINE_LINE_NAME_CHARS = 50
SEPARATORS = r"[:：\-–—/|]"
# Byline markers and the words that may precede them, longest first.
BYLINE_MARKER_WORDS: tuple[str, ...] = tuple(sorted(word_set(vocab.BYLINE_MARKERS), key=len, reverse=True))
BYLINE_PREFIX_WORDS: tuple[str, ...] = tuple(sorted(word_set(vocab.BYLINE_PREFIXES), key=len, reverse=True))
BYLINE_RE = re.compile(
    r"^\s*(?:(?:" + "|".join(map(re.escape, BYLINE_PREFIX_WORDS)) + r")\s*" + SEPARATORS + r"\s*)?"
    r"(?P<marker>" + "|".join(map(re.escape, BYLINE_MARKER_WORDS)) + r")"
    r"(?P<sep>\s*" + SEPARATORS + r"\s*|\s+)(?P<names>.+?)\s*[:：.]?\s*$",
    re.IGNORECASE,
)
# Credits of editors: the line is a byline, but the names are not authors.
EDITOR_MARKERS = word_set(vocab.EDITOR_MARKERS)
SENTENCE_PUNCT_RE = re.compile(r"[?!؟«»\"“”]")


def _is_line_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > MAX_BYLINE_LINE_NAME_WORDS or len(name) > MAX_BYLINE_LINE_NAME_CHARS:
        return False
    if DIGIT_RE.search(name) or SENTENCE_PUNCT_RE.search(name) or is_chrome_line(name):
        return False
    if any(w.lower().strip(".,") in SENTENCE_WORDS for w in words):
        return False
    # in cased scripts, names are capitalised (particles aside)
    cased = [w for w in words if w[0].isalpha() and w[0].lower() != w[0].upper()]
    return all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in cased)


def parse_byline(line: str) -> list[str] | None:
    """The people a byline line credits, or None if ``line`` is not a byline.

    Handles several credits in one line ("Reporting by A; Editing by B").
    """
    if len(line) > MAX_BYLINE_LINE_CHARS:
        return None
    names: list[str] = []
    credits = 0
    for part in line.split(";"):
        if not part.strip():
            continue
        match = BYLINE_RE.match(part)
        if not match:
            return None
        found = split_authors(match.group("names"))
        if not found or not all(_is_line_name(n) for n in found):
            return None
        credits += 1
        if match.group("marker").lower() not in EDITOR_MARKERS:
            names.extend(found)
    return names if credits else None


class _Page:
    """A page's tree and its short body texts, scanned once for all byline sources."""

    __slots__ = ("_holder_markers", "_holders", "_links", "_marked", "_texts", "tree")

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self._texts: list | None = None
        self._marked: list | None = None
        self._holders: frozenset | None = None
        self._links: list | None = None
        self._holder_markers: list | None = None

    def _marked_elements(self) -> list:
        if self._marked is None:
            self._marked = AUTHOR_MARKED_XPATH(self.tree)
        return self._marked

    def prop_elements(self) -> list:
        """Elements with ``itemprop=author`` or ``rel=author``."""
        return [el for el in self._marked_elements()
                if el.get("itemprop") == "author" or "author" in (el.get("rel") or "")]

    def class_elements(self) -> list:
        """Elements classed or named author / byline / writer."""
        return [el for el in self._marked_elements()
                if any(m in (el.get("class") or "") for m in ("uthor", "yline", "riter"))
                or any(m in (el.get("id") or "") for m in ("uthor", "yline"))]

    def headline_holders(self) -> frozenset:
        """The elements that hold the first ``<h1>`` (the headline and its wrappers);
        none when that ``<h1>`` is a link to the home page, the site's title (which some
        themes put in their sidebar: ``<div class="sidebar"><h1><a href="/">Blog``)."""
        if self._holders is None:
            h1 = FIRST_H1_XPATH(self.tree)
            self._holders = frozenset((h1[0], *h1[0].iterancestors())) if h1 and not _is_site_title(h1[0]) \
                else frozenset()
        return self._holders

    def building_markers(self, ancestors: set, markers: tuple[str, ...]) -> set[str]:
        """Chrome words that mark the headline's own boxes, those not also around the
        candidate whose ``ancestors`` are given: a page builder's block classes."""
        if self._holder_markers is None:
            self._holder_markers = [(h, found) for h in self.headline_holders()
                                    if (found := _chrome_markers(h, BYLINE_EXCLUDED_CONTAINERS))]
        found: set[str] = set()
        for holder, words in self._holder_markers:
            if holder not in ancestors:
                found.update(w for w in words if w in markers)
        return found

    def author_links(self) -> list:
        """Links to author pages ("/author/jane-doe"), in document order."""
        if self._links is None:
            self._links = [a for a in AUTHOR_LINK_XPATH(self.tree) if _is_author_page(a.get("href", ""))]
        return self._links

    def texts(self) -> list:
        if self._texts is None:
            self._texts = BYLINE_TEXT_XPATH(self.tree)
        return self._texts

    def texts_after_headline(self) -> list:
        """The short texts after the first ``<h1>`` (all of them without one), found in
        the same scan: the first text of the headline marks the start."""
        h1 = FIRST_H1_XPATH(self.tree)
        if not h1:
            return self.texts()
        heading = h1[0]
        if not 0 < len(" ".join(heading.text_content().split())) <= MAX_BYLINE_ELEMENT_CHARS:
            return BYLINE_TEXT_AFTER_H1_XPATH(self.tree)  # no short text marks it
        inside = set(heading.iter())
        texts = self.texts()
        for i, text in enumerate(texts):
            parent = text.getparent()
            if parent in inside:
                # texts inside the headline are not after it; the tail of <h1> is
                start = i + 1 if not (parent is heading and text.is_tail) else i
                while start < len(texts) and texts[start].getparent() in inside and not (
                        texts[start].getparent() is heading and texts[start].is_tail):
                    start += 1
                return texts[start:]
        return BYLINE_TEXT_AFTER_H1_XPATH(self.tree)


def _chrome_markers(el: HtmlElement, markers: tuple[str, ...]) -> set[str]:
    """The chrome words (``markers``) named by the classes and id of ``el``."""
    found: set[str] = set()
    for token in f"{el.get('class') or ''} {el.get('id') or ''}".lower().split():
        if ":" not in token and not token.startswith(STATE_CLASS_PREFIXES):
            found.update(m for m in markers if m in token)
    return found


def _is_site_title(el: HtmlElement) -> bool:
    """All the text of ``el`` is one link to the site's home page ("/", "../",
    "https://blog.example/"), as site titles are; a headline links to its story."""
    links = [a for a in el.iter("a") if a.get("href") is not None]
    if len(links) != 1 or " ".join(links[0].text_content().split()) != " ".join(el.text_content().split()):
        return False
    return bool(HOME_HREF_RE.match(links[0].get("href").strip()))


def _is_author_page(href: str) -> bool:
    """A link to a writer's page ("/author/jane-doe"), not to an account page."""
    match = AUTHOR_PATH_RE.search(href)
    return bool(match) and match.group(1).lower() not in ACCOUNT_PAGE_SLUGS


def _on_article(el: HtmlElement, page: _Page) -> bool:
    """Outside the page's chrome (:func:`outside_chrome`), with corrections: an
    article's own footer (``<article>…<footer class="entry-footer">Posted by``) is the
    article's; the classes of wrappers around ``<main>`` only lay out the page
    (``<div class="content-sidebar-wrap"><main>``); so do those of a wrapper that holds
    the headline too (``<div class="site-content sidebar-right">``: a sidebar never
    holds the page's headline); and a chrome word that also marks the headline's own
    box (a page builder wraps every block, its title too, in ``…-widget-…``) is the
    page's building block, not chrome."""
    if outside_chrome(el):
        return True
    in_article = IN_ARTICLE_XPATH(el)
    if (ARTICLE_FOOTER_CHROME_XPATH if in_article else CHROME_ANCESTOR_XPATH)(el):
        return False
    markers = ARTICLE_FOOTER_MARKERS if in_article else BYLINE_EXCLUDED_CONTAINERS
    ancestors = list(el.iterancestors())
    holders = page.headline_holders()
    building = page.building_markers(set(ancestors), markers)
    for anc in ancestors:
        if anc.tag in ("main", "body", "html"):
            return True
        if anc in holders:
            continue
        if _chrome_markers(anc, markers) - building:
            return False
    return True


def _prop_byline(page: _Page) -> list[str]:
    """Names in ``itemprop=author`` / ``rel=author`` elements."""
    for el in page.prop_elements()[:MAX_BYLINE_CANDIDATES]:
        if el.tag in ("meta", "link") or not _on_article(el, page):
            continue
        named = ITEMPROP_NAME_XPATH(el)
        text = (named[0].get("content") or named[0].text_content()) if named else el.text_content()
        names = credit_names(text, strict=False) or (structured_names(text) if named else [])
        if names:
            return names
    return []


def _linked_names(page: _Page, in_prose: bool) -> list[str]:
    """Names of links to author pages, in paragraphs or out of them, with co-authors
    linked in the same byline."""
    links = page.author_links()
    for a in links[:MAX_BYLINE_CANDIDATES]:
        if _in_paragraph(a) != in_prose or not _on_article(a, page):
            continue
        names = credit_names(a.text_content() or a.get("title") or a.get("aria-label"), strict=False)
        if not names:
            continue
        # co-authors: other author links in the same byline
        block = a.getparent()
        block = block.getparent() if block is not None and block.getparent() is not None else block
        for other in links:
            if other is not a and block is not None and block in other.iterancestors():
                names += credit_names(other.text_content(), strict=False)
        return dedupe(names)
    return []


def _link_byline(page: _Page) -> list[str]:
    """Names of links to author pages outside paragraphs: a byline's links."""
    return _linked_names(page, in_prose=False)


def _prose_link_byline(page: _Page) -> list[str]:
    """A link to an author page inside a paragraph ("As <a href="/profile/so">Dr.
    Stacy Ogbeide</a>, a psychologist, explains …"): a person the story quotes, taken
    only when no byline names anyone (the page's one credit, then)."""
    return _linked_names(page, in_prose=True)


def _class_byline(page: _Page) -> list[str]:
    """Names in elements classed author / byline / writer."""
    for el in page.class_elements()[:MAX_BYLINE_CANDIDATES]:
        if el.tag in CONTAINER_TAGS or not _on_article(el, page):
            continue
        for piece in el.itertext():
            names = credit_names(piece) or _names_after_date(piece)
            if names:
                return names
    return []


def _names_after_date(text: str) -> list[str]:
    """The names in a byline that starts with its date ("Dec. 19, 2025 · Niko
    Matsakis on behalf of …"): a later part between separators, without digits
    (not "6 min read"), that is a name of two words or more."""
    parts = META_LINE_SEPARATOR_RE.split(clean(text) or "")
    if len(parts) < 2 or not _has_year(parts[0]):
        return []
    for part in parts[1:]:
        if not any(c.isdigit() for c in part):
            names = [n for n in credit_names(part) if len(n.split()) >= 2]
            if names:
                return names
    return []


def _in_paragraph(el: HtmlElement | None) -> bool:
    """Inside a long paragraph: a sentence that mentions a person ("As <a
    href="/profile/so">Dr. Stacy Ogbeide</a>, a psychologist, explains …"), not the
    page's byline, which is a short line of its own."""
    block = el.getparent() if el is not None else None
    return (block is not None and block.tag in PROSE_TAGS
            and len(block.text_content()) > MAX_BYLINE_ELEMENT_CHARS)


def _mid_sentence(text: Any) -> bool:
    """A label word after an inline element of a paragraph ("… the uunf library
    <a>…</a> by <a>Daniel</a>, which …"): prose crediting someone else's work."""
    return bool(text.is_tail) and _in_paragraph(text.getparent())


def _label_byline(page: _Page) -> list[str]:
    """The name after a standalone label ("Written by", "Author:")."""
    for text in page.texts():
        key = " ".join(text.split())
        if len(key) > MAX_BYLINE_LABEL_CHARS:
            continue
        key = key.rstrip(":：").lower()
        if key not in BYLINE_LABEL_LOWER and not (key.endswith(LEAD_IN_ENDINGS) and _is_lead_in(text)):
            continue
        parent = text.getparent()
        if (parent is None or parent.tag in ("script", "style", "option") or _mid_sentence(text)
                or not _on_article(parent, page)):
            continue
        names = credit_names(_text_after(text))
        if names:
            return names
    return []


def _prefixed_byline(page: _Page) -> list[str]:
    """A byline printed as one plain text, label and names together ("By Amy Wilhelm",
    "Written by John Crenshaw", "بقلم أحمد علي") in an element with no byline class.
    Stricter than the other sources, since any text may start with "By": the text
    starts its element, and every part of it is a name of two words or more."""
    for text in page.texts_after_headline()[:MAX_BYLINE_TEXTS]:
        if not text.is_text or not AUTHOR_PREFIX_RE.match(text):
            continue
        parent = text.getparent()
        if parent is None or parent.tag in ("script", "style", "option", "title"):
            continue
        names = credit_names(text)
        if (not names or len(names) != len(credit_parts(text))
                or any(len(n.split()) < 2 for n in names) or not _on_article(parent, page)):
            continue
        return names
    return []


def _has_year(text: str) -> bool:
    return any(int(m) in YEAR_RANGE for m in FOUR_DIGITS_RE.findall(text))


def _meta_line_byline(page: _Page) -> list[str]:
    """The name in the dated line under the headline ("2025-12-17 · Trond Teigen",
    "Dec 26, 2025 • Mahua Das in Project Management"): the first short element after
    the first ``<h1>`` that holds a year and separators; a part of it that is a name of
    two words or more, and not the text of a link elsewhere than an author page (a
    section: "March 3, 2025 · <a href="/health">Mental Health</a>"), is the author."""
    tree = page.tree
    for el in META_LINE_XPATH(tree):
        text = clean(el.text_content())
        if not text or not _has_year(text):
            continue
        parts = META_LINE_SEPARATOR_RE.split(text)
        if len(parts) < 2 or not _on_article(el, page):
            return []
        links = {phrase_key(a.text_content()) for a in el.iter("a")
                 if a.get("href") and not AUTHOR_PATH_RE.search(a.get("href", ""))}
        for part in parts:
            if any(c.isdigit() for c in part):
                continue
            names = [n for n in credit_names(part) if len(n.split()) >= 2 and phrase_key(n) not in links]
            if names:
                return names
        return []
    return []


# The visible byline's sources, most explicit first.
BYLINE_SOURCES = (_prop_byline, _link_byline, _class_byline, _label_byline, _prefixed_byline,
                  _meta_line_byline, _prose_link_byline)


def byline_authors(tree: HtmlElement) -> list[str]:
    """Authors named on the visible page: ``itemprop``/``rel`` author, links to
    author pages, elements classed author/byline/writer, the text after a
    standalone label ("Written by", "Author:"), a plain "By Jane Doe" text, the
    dated line under the headline, and last a profile link inside a paragraph (a
    person the story quotes). The first source that names a person wins; a team credit ("Team Tiger Data")
    is kept only when no later source names a person, since a page crediting both
    shows the team as the publisher and the person as the writer. Several names
    are taken from the same byline only."""
    team: list[str] = []
    page = _Page(tree)
    for source in BYLINE_SOURCES:
        names = source(page)
        if names and all(is_team_credit(n) for n in names):
            team = team or names
        elif names:
            return names
    return team


def _is_lead_in(text: Any) -> bool:
    """A text node that is a byline sentence up to its label ("This post was written
    by "), starting an element whose whole text is short: a line, not a paragraph
    that names a book's author."""
    match = LEAD_IN_LABEL_RE.match(text)
    if not match or match.end() < len(text.rstrip()) or not text.is_text:
        return False
    return len(text.getparent().text_content()) <= MAX_BYLINE_ELEMENT_CHARS


def _text_after(text: Any) -> str | None:
    """The first non-blank text after the text node ``text`` (an lxml smart string)."""
    el = text.getparent()
    if text.is_text:
        for node in el.iterdescendants():
            for piece in (node.text, node.tail):
                if piece and piece.strip():
                    return piece
    for piece in FOLLOWING_TEXT_XPATH(el):
        if not (text.is_tail and piece.is_tail and piece.getparent() is el):
            return piece
    return None
