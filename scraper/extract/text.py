"""Stage 3: post-clean the body text trafilatura returns.

What is left after the DOM stage is mostly article, but its edges still carry
furniture printed inside the article container: the headline again, a byline
("خاص : ترجمة – لميس السيد :", "By Jane Doe", "Reporting by …"), a button label
("Share this article", "Close this search box."), a related-news heading. This
stage works on whole lines only, never inside a sentence:

1. drop lines that are, as a whole, a chrome phrase or section label (``phrases.py``:
   "Advertisement", "Table of contents", "أخبار ذات صلة"), and cookie banners at the edges;
2. drop the headline when it is repeated in the first lines;
3. drop byline lines among the first and last lines, keeping their names as authors;
4. drop a block rendered twice, keeping its first copy (see :func:`drop_repeats`);
5. drop date, update and reading-time lines at both edges ("Last updated: May 5, 2024",
   "11 min read"), and short end-of-text prompts and notes ("Subscribe to …",
   "Follow us on …", "SOURCE: …", "Filed under …"). Copyright notices of the story
   itself ("© 2019 Associated Press. All rights reserved.") are part of it and stay;
6. drop the author's bio printed after the article: from a last line that starts with
   the full name of an author the page's metadata credits ("Jane Doe is a health
   writer …", "محمد علي صحفي …") to the end.

Between steps 4 and 5, lines that are not prose by their shape (a data dump, a bare
list of URLs) leave wherever they are (``junk.py``).

The result has one paragraph or subheading per line, in order, no blank lines.
"""

from __future__ import annotations

import re

from scraper.extract.authors import NAME_PARTICLES, SENTENCE_WORDS, split_authors
from scraper.extract.junk import drop_junk_lines
from scraper.extract.phrases import (
    BYLINE_MARKER_WORDS,
    BYLINE_PREFIX_WORDS,
    is_chrome_line,
    is_cookie_line,
    is_date_line,
    phrase_key,
    tail_chrome_prefix,
)
from scraper.extract.titles import similar

# How many lines at each edge may hold a headline, byline or banner.
HEAD_LINES = 3
TAIL_LINES = 3
# Most lines dropped from the end as prompts, notes and dates (aeb and wcxb-dev pages
# end with up to 5 such lines: newsletter box, follow line, source, tags).
MAX_TAIL_DROPS = 6
# Longest line (characters) that may be dropped as a date line or as a tail prompt;
# longer lines are sentences that merely start the same way ("Sources say …").
# A one-word lead-in ("Source", "Tags", "المصدر") only makes a note of a short line.
MAX_DATE_LINE_CHARS = 80
MAX_TAIL_PROMPT_CHARS = 160
MAX_TAIL_NOTE_CHARS = 60
# A byline line is short.
MAX_BYLINE_CHARS = 150
MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 50
SEPARATORS = r"[:：\-–—/|]"
BYLINE_RE = re.compile(
    r"^\s*(?:(?:" + "|".join(map(re.escape, BYLINE_PREFIX_WORDS)) + r")\s*" + SEPARATORS + r"\s*)?"
    r"(?P<marker>" + "|".join(map(re.escape, BYLINE_MARKER_WORDS)) + r")"
    r"(?P<sep>\s*" + SEPARATORS + r"\s*|\s+)(?P<names>.+?)\s*[:：.]?\s*$",
    re.IGNORECASE,
)
# Credits of editors: the line is a byline, but the names are not authors.
EDITOR_MARKERS = frozenset({"edited by", "editing by", "editor", "المحرر", "تحرير", "编辑", "編輯",
                            "责任编辑", "責任編輯"})
# Copies of a block: at least MIN_COPIED_RUN lines in a row, each at least
# MIN_REPEATED_LINE_CHARS long and MIN_COPIED_RUN_CHARS in all, that all repeat
# earlier lines are the same text rendered twice (desktop and mobile layouts, tabs,
# a print version), not the writer repeating a sentence, a training plan repeating a
# line or a meal plan repeating a day. Shorter lines ("Pros", "Step 1") repeat in
# real text and go only just before a copied run. Calibrated on wcxb-dev and aeb:
# single repeated paragraphs are content on 16 wcxb pages; an aeb meal plan repeats
# runs of up to ~1000 characters; pages holding the article two to four times
# repeat runs of several thousand.
MIN_REPEATED_LINE_CHARS = 60
MIN_COPIED_RUN = 3
MIN_COPIED_RUN_CHARS = 1500
# An author bio: among the last BIO_LINES lines, a line that starts with an author's
# name of at least MIN_BIO_NAME_WORDS words (one word is too often a sentence's
# subject) and goes on for at least MIN_BIO_EXTRA_CHARS (shorter: a signature, left to
# the byline rules). Calibrated on wcxb-dev: 12 pages, gains on both halves, no aeb
# page touched.
BIO_LINES = 3
MIN_BIO_NAME_WORDS = 2
MIN_BIO_EXTRA_CHARS = 20
DIGIT_RE = re.compile(r"\d")
SENTENCE_PUNCT_RE = re.compile(r"[?!؟«»\"“”]")


def _is_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS or len(name) > MAX_NAME_CHARS:
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
    if len(line) > MAX_BYLINE_CHARS:
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
        if not found or not all(_is_name(n) for n in found):
            return None
        credits += 1
        if match.group("marker").lower() not in EDITOR_MARKERS:
            names.extend(found)
    return names if credits else None


def _is_head_chrome(line: str) -> bool:
    return is_cookie_line(line) or (len(line) <= MAX_DATE_LINE_CHARS and is_date_line(line))


def _is_tail_chrome(line: str) -> bool:
    if is_cookie_line(line):
        return True
    if len(line) <= MAX_DATE_LINE_CHARS and is_date_line(line):
        return True
    if len(line) > MAX_TAIL_PROMPT_CHARS:
        return False
    prefix = tail_chrome_prefix(phrase_key(line))
    return prefix is not None and (" " in prefix or len(line) <= MAX_TAIL_NOTE_CHARS)


def _strip_edges(lines: list[str], title: str | None, authors: list[str]) -> list[str]:
    # headline repeated at the top (possibly after a kicker line)
    if title:
        head = [i for i, line in enumerate(lines[:HEAD_LINES]) if similar(line, title)]
        for i in reversed(head):
            del lines[i]
    # bylines, dates and banners at the top …
    i = 0
    while i < min(HEAD_LINES, len(lines)):
        names = parse_byline(lines[i])
        if names is not None:
            authors.extend(names)
            del lines[i]
        elif _is_head_chrome(lines[i]):
            del lines[i]
        else:
            i += 1
    # … and bylines, prompts, notes and dates at the bottom
    for _ in range(MAX_TAIL_DROPS):
        if not lines:
            break
        names = parse_byline(lines[-1])
        if names is not None:
            authors.extend(names)
            lines.pop()
        elif _is_tail_chrome(lines[-1]):
            lines.pop()
        else:
            break
    return lines


def drop_repeats(lines: list[str]) -> list[str]:
    """``lines`` without copied runs (MIN_COPIED_RUN long lines in a row, of
    MIN_COPIED_RUN_CHARS in all, that all repeat earlier lines), nor the short lines
    (headings) that repeat earlier ones right before a copied long line."""
    seen: set[str] = set()
    repeated = []
    for line in lines:
        key = line.lower()
        repeated.append(key in seen)
        seen.add(key)
    is_long = [len(line) >= MIN_REPEATED_LINE_CHARS for line in lines]
    copied: set[int] = set()
    run: list[int] = []
    for i in [i for i, long in enumerate(is_long) if long] + [-1]:
        if i >= 0 and repeated[i]:
            run.append(i)
            continue
        if len(run) >= MIN_COPIED_RUN and sum(len(lines[j]) for j in run) >= MIN_COPIED_RUN_CHARS:
            copied.update(run)
        run = []
    drop, next_copied = [False] * len(lines), False
    for i in range(len(lines) - 1, -1, -1):
        drop[i] = i in copied or (repeated[i] and not is_long[i] and next_copied)
        if is_long[i]:
            next_copied = i in copied
    return [line for line, d in zip(lines, drop) if not d]


def drop_author_bio(lines: list[str], authors: list[str]) -> list[str]:
    """``lines`` without a trailing bio of one of ``authors`` (see BIO_LINES)."""
    names = [" ".join(a.split()).lower() for a in authors if len(a.split()) >= MIN_BIO_NAME_WORDS]
    if not names:
        return lines
    for i in range(max(1, len(lines) - BIO_LINES), len(lines)):
        line = lines[i].lower()
        for name in names:
            if (line.startswith(name) and line[len(name):len(name) + 1] == " "
                    and len(line) >= len(name) + MIN_BIO_EXTRA_CHARS):
                return lines[:i]
    return lines


def merge_authors(first: list[str], second: list[str]) -> list[str]:
    """``first`` then the names of ``second`` not already in it (normalised)."""
    merged, seen = [], set()
    for name in [*first, *second]:
        key = phrase_key(name)
        if key and key not in seen:
            seen.add(key)
            merged.append(name)
    return merged


def clean_body(
    text: str, title: str | None = None, credited: list[str] | None = None
) -> tuple[str, list[str]]:
    """The cleaned body and the names found in its bylines (see module docstring).
    ``credited``: the authors the page's metadata names, whose bios are dropped."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    lines = drop_repeats([line for line in lines if line and not is_chrome_line(line)])
    lines = drop_junk_lines(lines)
    authors: list[str] = []
    lines = _strip_edges(lines, title, authors)
    lines = drop_author_bio(lines, credited or [])
    return "\n".join(lines), merge_authors([], authors)
