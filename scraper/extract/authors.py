"""Authors: names from JSON-LD and meta values, from the visible byline, or from the
page's script data; organisations and role words are told apart from people."""

from __future__ import annotations

import re
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.dates import MONTH_NUMBER, WEEKDAY_NAMES
from scraper.extract.jsonld import node_types
from scraper.extract.markup import (
    BYLINE_EXCLUDED_CONTAINERS,
    CHROME_ANCESTOR_XPATH,
    STATE_CLASS_PREFIXES,
    URL_RE,
    clean,
    dedupe,
    outside_chrome,
)
from scraper.extract.phrases import is_chrome_line, phrase_key

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
ORGANISATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation",
                                "educationalorganization", "governmentorganization",
                                "localbusiness", "ngo", "website", "brand"})
# Splits a credit line into names: "A and B", "A, B", "A & B", "A | B", "A - Role",
# "A و B", "A، B". A hyphen without spaces ("Smith-Jones") is part of a name.
AUTHOR_SPLIT_RE = re.compile(
    r"\s*(?:,|;|&|\||،|\band\b|\bet\b|\bund\b|\sو\s|\s[-–—]\s)\s*", re.I)
AUTHOR_SPLIT_KEEP_RE = re.compile(f"({AUTHOR_SPLIT_RE.pattern})", re.IGNORECASE)
# Values of author fields that name nobody: no letter at all (a numeric account id,
# "262588213843476"), a template's unfilled placeholder ("page.head.extra.author",
# "{{ author }}", "%author_name%"), a script's empty value printed as text
# ("undefined", "null"), or a site path ("/nexxisrentals").
NOT_A_CREDIT_RE = re.compile(
    r"^[\W\d_]+$|^\w+(?:\.\w+)*\.\w*(?:author|name|byline)\w*$|\{\{|\}\}|^%\w+%$|^\$\{"
    r"|^(?:undefined|null)$|^/", re.IGNORECASE)
# The joints of AUTHOR_SPLIT_RE that also join the words of one job title.
ROLE_JOINT_RE = re.compile(r"^\s*(?:&|and|et|und|و)\s*$", re.IGNORECASE)
# Labels before names, in the languages the project crawls ("By", "Written by:",
# "Author:", "بقلم", "كتب", "Par", "Von", "Por", "Autor:", "Автор:", "Yazar:").
BYLINE_LABELS: tuple[str, ...] = (
    "written by", "posted by", "published by", "words by", "text by", "story by",
    "reported by", "reporting by", "article by", "compiled by", "by", "author", "authors",
    "authored by", "bylined by", "contributor", "contributors", "writer",
    "بقلم", "كتب", "كتبت", "كتبه", "بواسطة", "الكاتب", "تأليف", "إعداد",
    "écrit par", "par", "auteur", "auteurs", "geschrieben von", "von", "autor", "autorin",
    "escrito por", "por", "autora", "scritto da", "di", "autore", "da",
    "автор", "авторы", "yazar", "yazan", "نویسنده", "به قلم", "مصنف", "作者", "撰文",
)
AUTHOR_PREFIX_RE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(w) for w in sorted(BYLINE_LABELS, key=len, reverse=True))
    + r")(?:\s*[:：]\s*|\s+)", re.I)
BYLINE_LABEL_KEYS = frozenset(phrase_key(w) for w in BYLINE_LABELS)
# A byline said as a short sentence: a few words, then a label that only ever
# introduces a writer ("This post was written by Jane Doe", "Article written by:",
# "Cet article a été écrit par", "هذا المقال بقلم"). Bare prepositions ("by", "par",
# "von") end too many phrases to be used so. Per language: en, ar, fr, de, es / pt,
# it, pt, ru, tr, fa, ur, zh.
LEAD_IN_LABELS: tuple[str, ...] = (
    "written by", "authored by", "posted by", "reported by", "words by", "text by",
    "بقلم", "كتبه", "إعداد",
    "écrit par", "rédigé par",
    "geschrieben von", "verfasst von",
    "escrito por", "redactado por",
    "scritto da", "a cura di",
    "redigido por",
    "автор", "написал", "написала",
    "kaleme alan", "yazan",
    "به قلم", "نوشته شده توسط", "نویسنده",
    "تحریر", "مصنف",
    "作者", "撰文",
)
LEAD_IN_ENDINGS = tuple(w.lower() for w in LEAD_IN_LABELS)
MAX_LEAD_IN_WORDS = 4
LEAD_IN_LABEL_RE = re.compile(
    rf"^\s*(?:[^\s:：]+\s+){{1,{MAX_LEAD_IN_WORDS}}}?(?:"
    + "|".join(re.escape(w) for w in sorted(LEAD_IN_LABELS, key=len, reverse=True))
    + r")(?:\s*[:：]\s*|\s+|$)", re.IGNORECASE)
# A byline label standing alone in its element ("Written by", "Author:"): the name is
# the next text of the page. Short text nodes are picked in XPath, the label is
# matched in Python by a set look-up.
BYLINE_LABEL_LOWER = frozenset(w.lower() for w in BYLINE_LABELS)
MAX_LABEL_CHARS = 40
# Elements that hold running text: a label inside a long one is part of a sentence.
PROSE_TAGS = frozenset({"p", "li", "blockquote", "dd", "td"})
FOLLOWING_TEXT_XPATH = XPath("following::text()[normalize-space()][position() <= 2]")
# Credits that are not authorship.
NOT_AUTHOR_LABEL_RE = re.compile(
    r"^\s*(?:(?:medically\s+|fact[-\s]checked\s+|expert\s+)?reviewed|edited|fact[-\s]checked|"
    r"photos?|photography|illustrations?|images?|video)\s+by\b", re.I)
# Academic and professional credentials after a name ("Jane Roe, MD, RD").
CREDENTIAL_RE = re.compile(
    r"^(?:(?:[A-Z][a-z]?\.\s?){1,4}|[A-Z]{2,6}(?:[-\s][A-Z0-9]{1,6})*|Ph\.?D\.?|M\.?Sc\.?|"
    r"B\.?Sc\.?|Esq\.?|Jr\.?|Sr\.?)\s?[®™]?$")
# Words of job titles and teams: a credit part holding one is a role, not a name
# ("Staff Writer", "Head of Marketing", "FullStack Editorial Team").
ROLE_WORDS = frozenset(
    "writer writers editor editors editorial reporter reporters correspondent contributor "
    "contributors staff columnist journalist expert specialist director manager founder "
    "cofounder co-founder ceo cto cfo coo president chief head lead officer analyst "
    "strategist consultant coordinator representative dietitian nutritionist team "
    "marketing content senior junior associate intern producer desk newsroom "
    "محرر مراسل كاتب صحفي rédacteur rédactrice journaliste redakteur redakteurin "
    "redactor redactora periodista giornalista redattore jornalista корреспондент "
    "журналист редактор muhabir editörü".split()
)
# Words of organisation names: a credit made only of such a name is not a person.
ORGANISATION_WORDS = frozenset(
    "team staff editors editorial desk newsroom news media inc inc. llc ltd ltd. gmbh "
    "group company corp corporation magazine blog press agency network online "
    "services university institute association foundation council department".split()
)
MAX_NAME_WORDS = 6
# Inside one token: words joined by a dot or an underscore ("jane.doe", "j_doe"; not
# initials, "J.R.R."), a digit after a letter ("jdoe42"), or a capital after three
# lower-case letters ("KatieS"; "McDonald", "MacKenzie", "DeShawn" have fewer).
ACCOUNT_HANDLE_RE = re.compile(r"[^\W\d_]{2}[._]+[^\W\d_]{2}|[^\W\d_][._]?\d|[a-z]{3}[A-Z]")
# A team credited in a byline ("By the Workzone Team", "Podium Staff", "TOI Lifestyle
# Desk"): its word first or last, a few capitalised words around it. Readers (and
# wcxb-dev's gold, 13 pages) take it as the author; a role ("Staff Writer") is not one.
TEAM_WORDS = frozenset({"team", "staff", "desk", "editors", "newsroom"})
MAX_TEAM_WORDS = 4
# A byline element's text is at most this long (a bio box is not a byline).
MAX_BYLINE_CHARS = 120
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
    "reset edit settings account mfa me new".split())
# Words of sentences, not of people's names (shared with the body's byline lines).
SENTENCE_WORDS = frozenset(
    "the a an of in on to is was were has have for with from this that said says at as "
    "في من إلى الى على عن أن ان التي الذي هذا هذه كان قال ما لا مع بعد قبل "
    "le la les des du est une pour dans que qui sur "
    "der die das und ist nicht mit ein eine auf "
    "el los las que en del por con una para es se "
    "il che per non sono "
    "в на и что не с по".split()
)
# … and words of page chrome that sit where a byline would.
NOT_NAME_WORDS = SENTENCE_WORDS | frozenset(
    "our your my we you it its all more about home menu search login share follow by i "
    "updated sign up subscribe articles posts review reviews spotlight galleries email rss "
    "bluesky twitter facebook linkedin instagram youtube tiktok threads mastodon".split()
)
MAX_AUTHOR_CHARS = 80
# Words of SENTENCE_WORDS that are also people's surnames ("Mahua Das", "Li Du",
# "Tam Le", "Guillermo Del Toro"): capitalised after a name's first word, they do not
# make it a sentence. First, they still do: "Le Figaro", "Der Spiegel", "Das Erste"
# name newspapers and channels. (Scripts without case, Arabic and Persian among
# them, cannot tell a name so.)
NAME_TOO_WORDS = frozenset("das der del des di du la le".split())
# An initial in a name ("A.", "J."): never one of NOT_NAME_WORDS ("a", "i").
INITIAL_RE = re.compile(r"^[^\W\d_]\.$")
# A maiden name or nickname in brackets between a person's names.
NICKNAME_RE = re.compile(r"(?<=\w)\s+\([^\W\d_]+\)\s+(?=\w)")
# Script data that may carry the byline: Next.js / Nuxt page props and analytics layers.
SCRIPT_DATA_XPATH = XPath(
    "//script[@id='__NEXT_DATA__' or @id='__NUXT_DATA__' or @type='application/json'"
    " or contains(., 'dataLayer')]")
# "author": "Jane Doe", "authorName": "…", "author": {"name": "…"}, "author": [{"name": …
SCRIPT_AUTHOR_RE = re.compile(
    r'"(?:author|authors|authorName|author_name|byline)"\s*:\s*\[?\s*'
    r'(?:\{[^{}"]*(?:"(?!name")[^"]*"\s*:\s*(?:"[^"]*"|[^,{}"]*)\s*,\s*)*"name"\s*:\s*)?'
    r'"([^"\\]{2,80})"')
# Bounds on that search (a page's script data can be megabytes).
MAX_DATA_SCRIPTS = 8
MAX_SCRIPT_CHARS = 300_000
MAX_SCRIPT_AUTHORS = 4
# What follows the names in a byline: a date, "on", "in Section", "Updated", "|", "•".
BYLINE_TAIL_RE = re.compile(
    r"\s+(?:on|in|updated|published|posted|last updated|le|am|el|il|em)\s+|\s*[|•·]\s*"
    r"|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
NAME_PARTICLES = frozenset("de da di del della van von der den du la le al el bin ibn ben y e st".split())
# An author-classed article or section is the whole post (<article class="… author-jane-doe">),
# not its byline.
CONTAINER_TAGS = frozenset({"article", "main", "section", "body"})
# The dated line under the headline ("Dec 26, 2025 • Mahua Das"): looked for in the
# first elements after the first <h1>, told by a year and separators between its parts.
MAX_META_LINE_ELEMENTS = 12
META_LINE_XPATH = XPath(f"(/descendant::body/descendant::h1)[1]/following::*[position() <= {MAX_META_LINE_ELEMENTS}]"
                        f"[string-length(normalize-space()) <= {MAX_BYLINE_CHARS}]")
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
# MAX_LABEL_CHARS long).
_SHORT_TEXT = f"text()[string-length(normalize-space()) <= {MAX_BYLINE_CHARS}][normalize-space()]"
BYLINE_TEXT_XPATH = XPath(f"/descendant::body/descendant::{_SHORT_TEXT}")
BYLINE_TEXT_AFTER_H1_XPATH = XPath(f"(/descendant::body/descendant::h1)[1]/following::{_SHORT_TEXT}")
FIRST_H1_XPATH = XPath("(/descendant::body/descendant::h1)[1]")
MAX_BYLINE_TEXTS = 3000


def jsonld_names(value: Any, ids: dict[str, dict], organisations: set[str], depth: int = 0) -> list[str]:
    """Names in a JSON-LD author value: text, object, ``@id`` reference or list.
    The keys of names typed Organization are added to ``organisations``."""
    if depth > 3 or value is None:
        return []
    if isinstance(value, list):
        return [n for item in value for n in jsonld_names(item, ids, organisations, depth + 1)]
    if isinstance(value, str):
        return [] if URL_RE.match(value) else split_authors(value)
    if isinstance(value, dict):
        node = value
        if "name" not in node and isinstance(node.get("@id"), str) and node["@id"] in ids:
            node = ids[node["@id"]]
        name = node.get("name")
        if isinstance(name, list):
            found = [n for item in name for n in jsonld_names(item, ids, organisations, depth + 1)]
        elif isinstance(name, str):
            found = [] if URL_RE.match(name) else split_authors(clean(name) or "")
        else:
            found = []
        if node_types(node) & ORGANISATION_TYPES:
            organisations.update(phrase_key(n) for n in found)
        return found
    return []


def _is_role(part: str) -> bool:
    words = phrase_key(part).split()
    return bool(CREDENTIAL_RE.match(part)) or any(w in ROLE_WORDS for w in words)


def split_authors(text: str) -> list[str]:
    """Names in a credit line: "By A and B", "A, B", "A & B", "A و B".

    Roles and credentials after a name are dropped ("Jane Roe, MD", "Jane Roe - Staff
    Writer") when at least one part is left; a credit that is only a role is kept.
    """
    text = AUTHOR_PREFIX_RE.sub("", text)
    pieces = AUTHOR_SPLIT_KEEP_RE.split(text)
    names: list[tuple[str, bool]] = []
    after_role = False
    for part, joint in zip(pieces[0::2], ["", *pieces[1::2]]):
        name = " ".join(part.split()).strip(" .:-–—")
        # "Head of Marketing and Community Development": "and" after a role goes on with it
        role = _is_role(name) or (after_role and bool(ROLE_JOINT_RE.match(joint)))
        after_role = role and not CREDENTIAL_RE.match(name)  # "Jane Roe, MD and John Doe"
        if name and len(name) <= MAX_AUTHOR_CHARS and not URL_RE.match(name) and not name.startswith("@"):
            names.append((name, role))
    people = [n for n, role in names if not role]
    return [n for n in people or [n for n, _ in names[:1]] if not NOT_A_CREDIT_RE.search(n)]


def inverted(name: str) -> str:
    """"Last, First" (citation metadata) → "First Last"."""
    last, _, first = name.partition(",")
    if first.strip() and 0 < len(last.split()) <= 3 and 0 < len(first.split()) <= 3:
        return f"{first.strip()} {last.strip()}"
    return name


def is_account_handle(name: str) -> bool:
    """A user account's login, not a person's name as printed ("andrew.keaveney",
    "KatieS", "jdoe_42"): one token whose words are joined by dots, underscores or
    digits, or with a capital inside a lower-case run. CMSs put it in the author meta
    when the writer has no display name. A word all in lower case is not enough: pen
    names are written so ("ibby")."""
    name = name.strip()
    return bool(name) and not any(c.isspace() for c in name) and bool(ACCOUNT_HANDLE_RE.search(name))


def is_organisation(name: str, site_keys: set[str]) -> bool:
    """Not a person credited by name: the site, an organisation, or an account's
    handle; the visible byline is then asked for the person."""
    key = phrase_key(name)
    return key in site_keys or key.replace(" ", "") in site_keys or any(
        w in ORGANISATION_WORDS for w in key.split()) or is_account_handle(name)


def _is_calendar_word(word: str) -> bool:
    """A day or month name in any language the date reader knows."""
    key = word.lower().strip(".,'،")
    return key in WEEKDAY_NAMES or key in MONTH_NUMBER


def _is_sentence_word(word: str, position: int) -> bool:
    """A word of sentences or chrome at ``position`` in a name: not an initial ("A" is
    a word, "A." an initial: "A. J. Neal"), nor a capitalised surname after the
    first word ("Mahua Das")."""
    key = word.lower().strip(".,'")
    if key not in NOT_NAME_WORDS or INITIAL_RE.match(word):
        return False
    return not (position > 0 and key in NAME_TOO_WORDS and word[0].isupper())


def _looks_like_name(text: str, strict: bool = True) -> bool:
    """A person's name: a few words, no digits or sentence punctuation; in cased
    scripts capitalised (``strict``; a profile link's text may be a user name)."""
    text = NICKNAME_RE.sub(" ", text)  # "Paramita (Guha) Ghosh"
    words = text.split()
    if not words or len(words) > MAX_NAME_WORDS or len(text) > MAX_AUTHOR_CHARS:
        return False
    if re.search(r"\d|[?!:;@/\\|<>{}()\[\]\"“”«»]|https?", text):
        return False
    if any(_is_sentence_word(w, i) for i, w in enumerate(words)):
        return False
    if phrase_key(text) in BYLINE_LABEL_KEYS or _is_role(text) or is_chrome_line(text):
        return False
    if not any(c.isalpha() for c in text):
        return False
    if len(words) == 1 and len(text) > 3 and text.isupper():
        return False  # a label in capitals ("GALLERIES"), not a name
    if len(words) == 1 and _is_calendar_word(text):
        return False  # what is left of a date ("Sat" from "Sat, 20 Dec 2025")
    if strict or len(words) > 1:
        cased = [w for w in words if w[0].isalpha() and w[0].lower() != w[0].upper()]
        return all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in cased)
    return True


def _is_team_credit(text: str) -> bool:
    """A team's credit ("The Upwork Team", "Resy Staff", "Team X"), not a role
    ("Staff Writer", "Senior Editor") nor a sentence."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or len(words) > MAX_TEAM_WORDS or re.search(r"[\d?!:;@/\\|<>{}()\[\]]", text):
        return False
    lower = [w.lower() for w in words]
    if lower[0] not in TEAM_WORDS and lower[-1] not in TEAM_WORDS:
        return False
    others = [w for w, low in zip(words, lower) if low not in TEAM_WORDS]
    # a team word last names a team even after a role word ("Marketing Team",
    # "Editorial Staff"); first, it may start a role ("Staff Writer")
    roles_ok = lower[-1] in TEAM_WORDS
    return all(w[0].isupper() and (roles_ok or w.lower() not in ROLE_WORDS)
               and w.lower() not in NOT_NAME_WORDS for w in others if w[0].isalpha())


def _credit_parts(text: str) -> list[str]:
    """All parts of a credit line, names or not, after its tail is cut."""
    text = LEAD_IN_LABEL_RE.sub("", clean(text) or "", count=1)
    return split_authors(BYLINE_TAIL_RE.split(text, maxsplit=1)[0])


def _credit_names(text: str | None, strict: bool = True) -> list[str]:
    """Names in a byline element's text ("By Jane Doe | March 3", "Author: J. Roe");
    a team credited there ("By the Upwork Team") counts as a name."""
    text = clean(text)
    if not text or len(text) > MAX_BYLINE_CHARS or NOT_AUTHOR_LABEL_RE.match(text):
        return []
    text = BYLINE_TAIL_RE.split(LEAD_IN_LABEL_RE.sub("", text, count=1), maxsplit=1)[0]
    names = split_authors(text)
    return [n for n in names if _looks_like_name(n, strict) or _is_team_credit(n)]


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
        if not 0 < len(" ".join(heading.text_content().split())) <= MAX_BYLINE_CHARS:
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
        names = _credit_names(text, strict=False)
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
        names = _credit_names(a.text_content() or a.get("title") or a.get("aria-label"), strict=False)
        if not names:
            continue
        # co-authors: other author links in the same byline
        block = a.getparent()
        block = block.getparent() if block is not None and block.getparent() is not None else block
        for other in links:
            if other is not a and block is not None and block in other.iterancestors():
                names += _credit_names(other.text_content(), strict=False)
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
            names = _credit_names(piece) or _names_after_date(piece)
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
            names = [n for n in _credit_names(part) if len(n.split()) >= 2]
            if names:
                return names
    return []


def _in_paragraph(el: HtmlElement | None) -> bool:
    """Inside a long paragraph: a sentence that mentions a person ("As <a
    href="/profile/so">Dr. Stacy Ogbeide</a>, a psychologist, explains …"), not the
    page's byline, which is a short line of its own."""
    block = el.getparent() if el is not None else None
    return (block is not None and block.tag in PROSE_TAGS
            and len(block.text_content()) > MAX_BYLINE_CHARS)


def _mid_sentence(text: Any) -> bool:
    """A label word after an inline element of a paragraph ("… the uunf library
    <a>…</a> by <a>Daniel</a>, which …"): prose crediting someone else's work."""
    return bool(text.is_tail) and _in_paragraph(text.getparent())


def _label_byline(page: _Page) -> list[str]:
    """The name after a standalone label ("Written by", "Author:")."""
    for text in page.texts():
        key = " ".join(text.split())
        if len(key) > MAX_LABEL_CHARS:
            continue
        key = key.rstrip(":：").lower()
        if key not in BYLINE_LABEL_LOWER and not (key.endswith(LEAD_IN_ENDINGS) and _is_lead_in(text)):
            continue
        parent = text.getparent()
        if (parent is None or parent.tag in ("script", "style", "option") or _mid_sentence(text)
                or not _on_article(parent, page)):
            continue
        names = _credit_names(_text_after(text))
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
        names = _credit_names(text)
        if (not names or len(names) != len(_credit_parts(text))
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
            names = [n for n in _credit_names(part) if len(n.split()) >= 2 and phrase_key(n) not in links]
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
        if names and all(_is_team_credit(n) for n in names):
            team = team or names
        elif names:
            return names
    return team


def labelled_meta_authors(meta: dict[str, list[str]]) -> list[str]:
    """Names from label / data meta pairs ("twitter:label1" = "Written by",
    "twitter:data1" = "Jane Doe"), which WordPress SEO plugins print on every post."""
    for key, values in meta.items():
        if not key.startswith("twitter:label") or not values:
            continue
        label = values[0].strip().rstrip(":：").lower()
        if label in BYLINE_LABEL_LOWER:
            data = meta.get(key.replace("label", "data", 1))
            names = [n for n in split_authors(data[0]) if _looks_like_name(n)] if data else []
            if names:
                return names
    return []


def script_authors(tree: HtmlElement) -> list[str]:
    """Names under "author" keys of the page's own script data (Next.js page props,
    a dataLayer), for pages that print the byline only from JavaScript."""
    for script in SCRIPT_DATA_XPATH(tree)[:MAX_DATA_SCRIPTS]:
        text = (script.text or "")[:MAX_SCRIPT_CHARS]
        if "uthor" not in text:
            continue
        names = [n for value in SCRIPT_AUTHOR_RE.findall(text)
                 for n in split_authors(clean(value) or "") if _looks_like_name(n)]
        if names:
            return dedupe(names)[:MAX_SCRIPT_AUTHORS]
    return []


def _is_lead_in(text: Any) -> bool:
    """A text node that is a byline sentence up to its label ("This post was written
    by "), starting an element whose whole text is short: a line, not a paragraph
    that names a book's author."""
    match = LEAD_IN_LABEL_RE.match(text)
    if not match or match.end() < len(text.rstrip()) or not text.is_text:
        return False
    return len(text.getparent().text_content()) <= MAX_BYLINE_CHARS


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
