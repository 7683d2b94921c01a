"""Matching against the word lists of :mod:`scraper.extract.vocab`: the normalised form
phrases are compared in, the look-up sets built from the lists, and the whole-line tests
the pre- and post-clean stages use.

Matching is always on whole, normalised strings (:func:`phrase_key`), or on whole-word
prefixes, never on substrings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scraper.extract.vocab.chrome import (
    APPEAL_HEADINGS,
    COMMENT_HEADINGS,
    COMMENT_POLICY_PREFIXES,
    COOKIE_PREFIXES,
    LABEL_LINES,
    NEWSLETTER_PHRASES,
    RELATED_HEADINGS,
    SEARCH_LABELS,
    SHARE_PHRASES,
    TAIL_PREFIXES,
)
from scraper.extract.vocab.dates import (
    CLOCK_WORDS,
    DATE_LABELS,
    DATE_WORDS,
    JALALI_MONTHS,
    MONTH_NAMES,
    WEEKDAY_NAMES,
)
from scraper.record.fingerprint import normalise_text

Table = dict[str, tuple[str, ...]]


def flatten(table: Table) -> tuple[str, ...]:
    """The words of ``table``, languages in their written order, each word once (at the
    place of its first language): the order a regex alternation is built in."""
    return tuple(dict.fromkeys(word for words in table.values() for word in words))


def word_set(table: Table) -> frozenset[str]:
    """The words of ``table``, all languages, as a set."""
    return frozenset(word for words in table.values() for word in words)


DIGIT_RUN_RE = re.compile(r"\d+|\D+")


def phrase_key(text: str) -> str:
    """The form phrases are compared in: :func:`normalise_text` (NFKC, case-folded,
    Arabic marks removed, punctuation collapsed)."""
    return normalise_text(text)


def _keys(table: dict[str, tuple[str, ...]]) -> frozenset[str]:
    return frozenset(k for phrases in table.values() for p in phrases if (k := phrase_key(p)))


def _all(tables: Iterable[dict[str, tuple[str, ...]]]) -> frozenset[str]:
    return frozenset().union(*(_keys(t) for t in tables))


RELATED_KEYS: frozenset[str] = _keys(RELATED_HEADINGS)
COMMENT_KEYS: frozenset[str] = _keys(COMMENT_HEADINGS)
# Headings whose whole block (heading + its list) is dropped from the DOM.
BLOCK_HEADING_KEYS: frozenset[str] = RELATED_KEYS | COMMENT_KEYS
# Whole lines dropped from the extracted text, wherever they stand.
CHROME_LINE_KEYS: frozenset[str] = _all(
    (RELATED_HEADINGS, SHARE_PHRASES, NEWSLETTER_PHRASES, SEARCH_LABELS, COMMENT_HEADINGS,
     LABEL_LINES)
)
TAIL_PREFIX_KEYS: tuple[str, ...] = tuple(sorted(_keys(TAIL_PREFIXES)))
APPEAL_KEYS: tuple[str, ...] = tuple(sorted(_keys(APPEAL_HEADINGS)))
# Whole headings that open a newsletter box ("Sign up for our newsletter"): the
# sign-up phrases of two words or more, matched whole, never as a prefix ("Sign up
# for MyGuide …" opens a step of a how-to on wcxb-dev; "Newsletter" alone may title
# a story about one).
NEWSLETTER_BOX_KEYS: frozenset[str] = frozenset(k for k in _keys(NEWSLETTER_PHRASES) if " " in k)
POLICY_KEYS: tuple[str, ...] = tuple(sorted(_keys(COMMENT_POLICY_PREFIXES)))
# Their first words (for CJK, whose notes have no spaces, the first two characters):
# a cheap test that most short blocks of a page fail.
POLICY_FIRST_WORDS: frozenset[str] = frozenset(k.split()[0] for k in POLICY_KEYS)
POLICY_FIRST_CHARS: frozenset[str] = frozenset(k[:2] for k in POLICY_KEYS)
# Characters of a text's start normalised for that test (longer than any first word).
POLICY_HEAD_CHARS = 40
DATE_LABEL_KEYS: tuple[str, ...] = tuple(sorted(_keys(DATE_LABELS), key=len, reverse=True))
DATE_WORD_KEYS: frozenset[str] = _keys(DATE_WORDS)
# Words of a clock time alone (a line with one number and only these is not a date line).
CLOCK_WORD_KEYS: frozenset[str] = frozenset(CLOCK_WORDS)
COOKIE_PREFIX_KEYS: tuple[str, ...] = tuple(sorted(_keys(COOKIE_PREFIXES)))
# Month and day names, for readers of dates and for telling a date from a name.
MONTH_NUMBER: dict[str, int] = {
    name: number for names in MONTH_NAMES.values()
    for number, forms in enumerate(names, 1) for name in forms
}
JALALI_NUMBER = {name: number for number, name in enumerate(JALALI_MONTHS, 1)}
WEEKDAY_WORDS: frozenset[str] = word_set(WEEKDAY_NAMES)


def is_block_heading(text: str) -> bool:
    """True when ``text`` is, as a whole, a related-articles or comments heading."""
    return phrase_key(text) in BLOCK_HEADING_KEYS


def is_appeal_key(key: str) -> bool:
    """True when the normalised heading ``key`` opens, with whole words, like a feedback
    or appeal box ("Was this article helpful?", "Enjoyed this piece? We need your help …")."""
    if not key.startswith(APPEAL_KEYS):  # one C-level test for the many headings that are not
        return False
    return any(key == p or key.startswith(p + " ") for p in APPEAL_KEYS)


def is_box_opener(key: str) -> bool:
    """True when the normalised heading ``key`` opens a feedback, appeal or newsletter
    box (:func:`is_appeal_key`, or a whole newsletter sign-up heading)."""
    return key in NEWSLETTER_BOX_KEYS or is_appeal_key(key)


def is_policy_key(key: str) -> bool:
    """True when the normalised text ``key`` opens, with whole words, like a
    comment-policy note ("Comments are moderated …")."""
    if not key.startswith(POLICY_KEYS):
        return False
    return any(key == p or key.startswith(p + " ") for p in POLICY_KEYS)


def is_policy_line(text: str) -> bool:
    """:func:`is_policy_key` of ``text``, normalising the whole text only when its
    first word is one a policy note opens with."""
    return may_open_policy(text) and is_policy_key(phrase_key(text))


def may_open_policy(text: str) -> bool:
    """Whether the first POLICY_HEAD_CHARS of ``text`` open with a word (or, in
    scripts without spaces, two characters) a policy note opens with: a cheap test
    that most blocks fail before their whole text is read."""
    head = phrase_key(text.lstrip()[:POLICY_HEAD_CHARS])
    return head.split(" ", 1)[0] in POLICY_FIRST_WORDS or head[:2] in POLICY_FIRST_CHARS


def is_appeal_heading(text: str) -> bool:
    """:func:`is_appeal_key` of ``text``."""
    return is_appeal_key(phrase_key(text))


def is_chrome_line(text: str) -> bool:
    """True when ``text`` is, as a whole, a chrome phrase (heading, button, label)."""
    return phrase_key(text) in CHROME_LINE_KEYS


def tail_chrome_prefix(key: str) -> str | None:
    """The prompt or note lead-in the normalised line ``key`` opens with, if any."""
    return next((p for p in TAIL_PREFIX_KEYS if key == p or key.startswith(p + " ")), None)


def is_date_line(text: str) -> bool:
    """True when ``text`` is, as a whole, a date, time, update or reading-time line:
    an optional label ("Last updated on", "آخر تحديث"), then only numbers and date words."""
    key = phrase_key(text)
    labelled = False
    for label in DATE_LABEL_KEYS:
        if key == label or key.startswith(label + " "):
            key = key[len(label):].strip()
            if not key:
                return True  # the label alone ("Published:"), its date on the next line
            labelled = True
            break
    words = key.split()
    if not words or not any(w[0].isdigit() for w in words):
        return False
    if not all(_is_date_word(w) for w in words):
        return False
    # a bare clock time ("10 p.m.", "5:45 AM") heads the entries of live blogs: it stays
    runs = [r for w in words for r in DIGIT_RUN_RE.findall(w)]
    numbers = sum(r[0].isdigit() for r in runs)
    return labelled or numbers > 2 or any(not r[0].isdigit() and r not in CLOCK_WORD_KEYS for r in runs)


def _is_date_word(word: str) -> bool:
    # digits and date words, also run together: 16th, 5pm, 20h13, 2024年3月5日
    return all(run[0].isdigit() or run in DATE_WORD_KEYS for run in DIGIT_RUN_RE.findall(word))


def is_cookie_line(text: str) -> bool:
    """True when ``text`` reads like a cookie / consent banner (starts like one)."""
    key = phrase_key(text)
    return bool(key) and len(key) < 600 and key.startswith(COOKIE_PREFIX_KEYS)
