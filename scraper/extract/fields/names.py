"""What a credited name is: splitting a credit line ("By A and B", "A, MD & B") into
names, and telling a person's name from a role, a team, an organisation, an account
handle, a date or a sentence. Shared by every source of the authors field
(:mod:`~scraper.extract.fields.authors`, :mod:`~scraper.extract.fields.bylines`)."""

from __future__ import annotations

import re
from typing import Any

from scraper.extract.sources.jsonld import node_types
from scraper.extract.sources.markup import URL_RE, clean
from scraper.extract.vocab import bylines as vocab
from scraper.extract.vocab.match import MONTH_NUMBER, WEEKDAY_WORDS, flatten, is_chrome_line, phrase_key, word_set

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
# Labels before names, in the languages the project crawls (``vocab.bylines``).
BYLINE_LABELS: tuple[str, ...] = flatten(vocab.BYLINE_LABELS)
AUTHOR_PREFIX_RE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(w) for w in sorted(BYLINE_LABELS, key=len, reverse=True))
    + r")(?:\s*[:：]\s*|\s+)", re.I)
BYLINE_LABEL_KEYS = frozenset(phrase_key(w) for w in BYLINE_LABELS)
# A byline said as a short sentence ("This post was written by Jane Doe"): a few words,
# then a label that only ever introduces a writer (``vocab.bylines.LEAD_IN_LABELS``).
LEAD_IN_LABELS: tuple[str, ...] = flatten(vocab.LEAD_IN_LABELS)
MAX_LEAD_IN_WORDS = 4
LEAD_IN_LABEL_RE = re.compile(
    rf"^\s*(?:[^\s:：]+\s+){{1,{MAX_LEAD_IN_WORDS}}}?(?:"
    + "|".join(re.escape(w) for w in sorted(LEAD_IN_LABELS, key=len, reverse=True))
    + r")(?:\s*[:：]\s*|\s+|$)", re.IGNORECASE)
# A byline opening with the post's date (``vocab.bylines.DATED_LEAD_INS``): the verb,
# a date (a digit in it) within MAX_DATED_LEAD_IN_CHARS, then "by".
MAX_DATED_LEAD_IN_CHARS = 40
DATED_LEAD_IN_RE = re.compile(
    r"^\s*(?:{})\b(?=[^|•·]{{0,{}}}?\d)[^|•·]{{0,{}}}?\s(?:{})\s+".format(
        "|".join(sorted({re.escape(w) for verbs, _ in vocab.DATED_LEAD_INS.values() for w in verbs})),
        MAX_DATED_LEAD_IN_CHARS, MAX_DATED_LEAD_IN_CHARS,
        "|".join(sorted({re.escape(w) for _, bys in vocab.DATED_LEAD_INS.values() for w in bys}))),
    re.IGNORECASE)
# A byline label standing alone in its element ("Written by", "Author:"), matched by a
# set look-up.
BYLINE_LABEL_LOWER = frozenset(w.lower() for w in BYLINE_LABELS)
# Credits that are not authorship.
NOT_AUTHOR_LABEL_RE = re.compile(
    r"^\s*(?:(?:medically\s+|fact[-\s]checked\s+|expert\s+)?reviewed|edited|fact[-\s]checked|"
    r"photos?|photography|illustrations?|images?|video)\s+by\b", re.I)
# Academic and professional credentials after a name ("Jane Roe, MD, RD").
CREDENTIAL_RE = re.compile(
    r"^(?:(?:[A-Z][a-z]?\.\s?){1,4}|[A-Z]{2,6}(?:[-\s][A-Z0-9]{1,6})*|Ph\.?D\.?|M\.?Sc\.?|"
    r"B\.?Sc\.?|Esq\.?|Jr\.?|Sr\.?)\s?[®™]?$")
ROLE_WORDS = word_set(vocab.ROLE_WORDS)
ORGANISATION_WORDS = frozenset(vocab.ORGANISATION_WORDS)
# Most words of a person's name, in a credit.
MAX_CREDIT_NAME_WORDS = 6
# Inside one token: words joined by a dot or an underscore ("jane.doe", "j_doe"; not
# initials, "J.R.R."), a digit after a letter ("jdoe42"), or a capital after three
# lower-case letters ("KatieS"; "McDonald", "MacKenzie", "DeShawn" have fewer).
ACCOUNT_HANDLE_RE = re.compile(r"[^\W\d_]{2}[._]+[^\W\d_]{2}|[^\W\d_][._]?\d|[a-z]{3}[A-Z]")
# A team credited in a byline ("By the Workzone Team", "Podium Staff", "TOI Lifestyle
# Desk"): its word first or last, a few capitalised words around it. Readers (and
# wcxb-dev's gold, 13 pages) take it as the author; a role ("Staff Writer") is not one.
TEAM_WORDS = frozenset(vocab.TEAM_WORDS)
MAX_TEAM_WORDS = 4
# A byline element's text is at most this long (a bio box is not a byline).
MAX_BYLINE_ELEMENT_CHARS = 120
# Words of sentences, not of people's names (shared with the body's byline lines) …
SENTENCE_WORDS = word_set(vocab.SENTENCE_WORDS)
# … and words of page chrome that sit where a byline would.
NOT_NAME_WORDS = SENTENCE_WORDS | frozenset(vocab.CHROME_NAME_WORDS)
MAX_AUTHOR_CHARS = 80
# Words of SENTENCE_WORDS that are also surnames (see ``vocab.bylines``).
NAME_TOO_WORDS = frozenset(vocab.NAME_TOO_WORDS)
# An initial in a name ("A.", "J."): never one of NOT_NAME_WORDS ("a", "i").
INITIAL_RE = re.compile(r"^[^\W\d_]\.$")
# A maiden name or nickname in brackets between a person's names.
NICKNAME_RE = re.compile(r"(?<=\w)\s+\([^\W\d_]+\)\s+(?=\w)")
# What follows the names in a byline: a date, "on", "in Section", "Updated", "|", "•".
BYLINE_TAIL_RE = re.compile(
    r"\s+(?:on|in|updated|published|posted|last updated|le|am|el|il|em)\s+|\s*[|•·]\s*"
    r"|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
NAME_PARTICLES = frozenset(vocab.NAME_PARTICLES)


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
    return key in WEEKDAY_WORDS or key in MONTH_NUMBER


def _is_sentence_word(word: str, position: int) -> bool:
    """A word of sentences or chrome at ``position`` in a name: not an initial ("A" is
    a word, "A." an initial: "A. J. Neal"), nor a capitalised surname after the
    first word ("Mahua Das")."""
    key = word.lower().strip(".,'")
    if key not in NOT_NAME_WORDS or INITIAL_RE.match(word):
        return False
    return not (position > 0 and key in NAME_TOO_WORDS and word[0].isupper())


def looks_like_name(text: str, strict: bool = True) -> bool:
    """A person's name: a few words, no digits or sentence punctuation; in cased
    scripts capitalised (``strict``; a profile link's text may be a user name)."""
    text = NICKNAME_RE.sub(" ", text)  # "Paramita (Guha) Ghosh"
    words = text.split()
    if not words or len(words) > MAX_CREDIT_NAME_WORDS or len(text) > MAX_AUTHOR_CHARS:
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


def is_team_credit(text: str) -> bool:
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


def _without_dated_lead_in(text: str) -> str:
    """``text`` from the names on, when it opens with the post's date ("Posted on
    September 21, 2020 by Jane Doe" -> "Jane Doe"): the date before the names is not
    the byline's tail, which :data:`BYLINE_TAIL_RE` would cut there."""
    return DATED_LEAD_IN_RE.sub("", text, count=1)


def credit_parts(text: str) -> list[str]:
    """All parts of a credit line, names or not, after its tail is cut."""
    text = LEAD_IN_LABEL_RE.sub("", _without_dated_lead_in(clean(text) or ""), count=1)
    return split_authors(BYLINE_TAIL_RE.split(text, maxsplit=1)[0])


def structured_names(text: str | None) -> list[str]:
    """The names in the ``name`` of a structured author (microdata's ``itemprop="name"``
    inside ``itemprop="author"``), read as JSON-LD's are: a pen name or a column's
    ("The Ritualist", "Ask the Doctors") is the credit the publisher gives, though not
    a person's name. Still not a label, a chrome line, a number or an address."""
    text = clean(text)
    if (not text or len(text.split()) > MAX_CREDIT_NAME_WORDS or NOT_A_CREDIT_RE.search(text)
            or re.search(r"\d|https?|@|[:|]", text) or phrase_key(text) in BYLINE_LABEL_KEYS
            or is_chrome_line(text)):
        return []
    return split_authors(text)


def credit_names(text: str | None, strict: bool = True) -> list[str]:
    """Names in a byline element's text ("By Jane Doe | March 3", "Author: J. Roe");
    a team credited there ("By the Upwork Team") counts as a name."""
    text = clean(text)
    if not text or len(text) > MAX_BYLINE_ELEMENT_CHARS or NOT_AUTHOR_LABEL_RE.match(text):
        return []
    text = LEAD_IN_LABEL_RE.sub("", _without_dated_lead_in(text), count=1)
    text = BYLINE_TAIL_RE.split(text, maxsplit=1)[0]
    names = split_authors(text)
    return [n for n in names if looks_like_name(n, strict) or is_team_credit(n)]
