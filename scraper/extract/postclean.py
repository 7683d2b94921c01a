"""Stage 5: post-clean the body text trafilatura returns, line by line.

What is left after the pre-clean is mostly article, but its edges still carry
furniture printed inside the article container: the headline again, a byline
("خاص : ترجمة – لميس السيد :", "By Jane Doe", "Reporting by …"), a button label
("Share this article", "Close this search box."), a related-news heading. This
stage works on whole lines only, never inside a sentence, in this order:

1. drop lines that are, as a whole, a chrome phrase or section label
   (``vocab.chrome``: "Advertisement", "Table of contents", "أخبار ذات صلة"), and
   short comment-policy lines ("Comments are moderated …");
2. drop a block rendered twice, keeping its first copy (see :func:`drop_repeats`);
3. drop lines that are not prose by their shape, wherever they are:
   data printed as text — a long line that is a serialised array or object
   (``[["Easy to understand","easyToUnderstand","thumb-up"],…]``): a widget's
   configuration, a JSON state dump; template text — a CMS shortcode or placeholder
   the page failed to render (``[button link="…"]Send us your review[/button]``,
   ``{{banner="/cta"}}``) and filler ("Lorem ipsum dolor sit amet …"); bare link
   lists — a run of lines that are each only a URL ("Article Sources:" followed by
   ``https://…`` lines). Code listings look like data too, but they come as many
   short lines, rarely as one long serialised line, and stay;
4. at the edges: the headline when it is repeated in the first lines; byline lines
   among the first and last lines, keeping their names as authors
   (:func:`~scraper.extract.fields.bylines.parse_byline`); cookie banners, date,
   update and reading-time lines ("Last updated: May 5, 2024", "11 min read"); and at
   the end short prompts and notes ("Subscribe to …", "Follow us on …", "SOURCE: …",
   "Filed under …"). Copyright notices of the story itself ("© 2019 Associated
   Press. All rights reserved.") are part of it and stay;
5. drop the author's bio printed after the article: from a last line that starts with
   the full name of an author the page's metadata credits ("Jane Doe is a health
   writer …", "محمد علي صحفي …") to the end.

The result has one paragraph or subheading per line, in order, no blank lines.
"""

from __future__ import annotations

import re

from scraper.extract.fields.authors import merge_authors
from scraper.extract.fields.bylines import parse_byline
from scraper.extract.fields.title import similar
from scraper.extract.sources.markup import without_soft_hyphens
from scraper.extract.vocab.match import (
    is_chrome_line,
    is_cookie_line,
    is_date_line,
    is_policy_line,
    phrase_key,
    tail_chrome_prefix,
)

# A comment-policy line ("Comments are moderated …", ``vocab.chrome``) is dropped
# wherever it stands when at most this long (characters): such notes run one to three
# sentences; a longer line only starts the same way.
MAX_POLICY_LINE_CHARS = 400
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
# A data line: at least MIN_DATA_LINE_CHARS long, opening with "[" or "{" and closing
# with "]" or "}", and at least MIN_DATA_PUNCT_SHARE of it brackets, quotes, commas
# and colons (prose has ~0.02, a JSON array of strings ~0.3). Calibrated on wcxb-dev:
# the one such line is a feedback widget's data (0.25); the JSON in code samples that
# gold keeps is pretty-printed over many lines, or one short object (< 60 chars).
MIN_DATA_LINE_CHARS = 100
MIN_DATA_PUNCT_SHARE = 0.15
DATA_PUNCT = frozenset('[]{}"\',:')
DATA_OPEN, DATA_CLOSE = "[{", "]}"

# A line that is one unrendered shortcode or placeholder with attributes: a
# ``[name key=value …]`` tag (optionally wrapping a short label and closed by
# ``[/name]``), or ``{{name="value"}}``. The attributes tell it from prose brackets
# ("[sic]", "[main]") and from template code shown in tutorials ("{{ person }}").
SHORTCODE_RE = re.compile(
    r"\[(?P<name>[a-z][\w-]*)\s+[\w-]+\s*=[^\]]*\](?:[^\[\]]{0,80}\[/(?P=name)\])?"
    r"|\{\{\s*[\w-]+\s*=[^{}]*\}\}",
    re.IGNORECASE,
)
# Placeholder filler: a line that opens with it ("Lorem ipsum", "- Lorem ipsum 2").
FILLER_RE = re.compile(r"[\W_]*lorem ipsum\b", re.IGNORECASE)
# An editor's selection marker saved into the story (TinyMCE's bookmark span, as the
# classic WordPress editor leaves it), as markup or HTML-escaped once or more: a line of
# such markers alone is no text (aeb, traf-dev and wcxb-dev each have a page with it).
EDITOR_MARKER_RE = re.compile(
    r"(?:\s*(?:<|&(?:amp;)*lt;)span\b[^\n]*?data-mce-type=[\"']?bookmark[^\n]*?"
    r"(?:</span>|&(?:amp;)*lt;/span&(?:amp;)*gt;))+\s*",
    re.IGNORECASE,
)

# A line that is one URL, nothing else but a list marker ("- ", "3. ", "[3]").
URL_LINE_RE = re.compile(r"(?:[-•*–]|\d{1,3}[.)]|\[\d{1,3}\])?\s*(?:https?://|www\.)\S+", re.IGNORECASE)
# A run of at least this many URL-only lines in a row is a bare link list, dropped
# with a short heading ending in a colon right above it ("Article Sources:").
# Single URL lines stay: on wcxb-dev, references that give each source a title line
# then its URL are kept by gold on some pages (0250, 0281) and not on others (4864).
# Runs of 3+ bare URLs: one extracted page (0052, gold drops them); one gold body
# keeps such a list (4582) but its page never brings it into our text.
MIN_URL_RUN = 3
MAX_URL_HEADING_CHARS = 40


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


def is_data_line(line: str) -> bool:
    """True for a long line that is a serialised array or object, not text."""
    line = line.strip()
    if len(line) < MIN_DATA_LINE_CHARS or line[0] not in DATA_OPEN or line[-1] not in DATA_CLOSE:
        return False
    return sum(c in DATA_PUNCT for c in line) >= MIN_DATA_PUNCT_SHARE * len(line)


def is_template_line(line: str) -> bool:
    """True for an unrendered shortcode / placeholder line, a line of filler text or of
    an editor's selection markers."""
    line = line.strip()
    return (SHORTCODE_RE.fullmatch(line) is not None or FILLER_RE.match(line) is not None
            or ("mce" in line and EDITOR_MARKER_RE.fullmatch(line) is not None))


def is_url_line(line: str) -> bool:
    """True for a line that is only a URL."""
    return URL_LINE_RE.fullmatch(line.strip()) is not None


def drop_url_runs(lines: list[str]) -> list[str]:
    """``lines`` without runs of MIN_URL_RUN or more URL-only lines (and the short
    "Sources:" heading right above such a run)."""
    flags = [is_url_line(line) for line in lines]
    drop = [False] * len(lines)
    i = 0
    while i < len(lines):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and flags[j]:
            j += 1
        if j - i >= MIN_URL_RUN:
            drop[i:j] = [True] * (j - i)
            head = lines[i - 1].rstrip() if i else ""
            if head.endswith((":", "：")) and len(head) <= MAX_URL_HEADING_CHARS:
                drop[i - 1] = True
        i = j
    return [line for line, d in zip(lines, drop) if not d]


def drop_junk_lines(lines: list[str]) -> list[str]:
    """``lines`` without data, template and filler lines and bare link lists (see
    module docstring)."""
    return drop_url_runs([line for line in lines if not (is_data_line(line) or is_template_line(line))])


def clean_body(
    text: str, title: str | None = None, credited: list[str] | None = None
) -> tuple[str, list[str]]:
    """The cleaned body and the names found in its bylines (see module docstring).
    ``credited``: the authors the page's metadata names, whose bios are dropped."""
    lines = [" ".join(line.split()) for line in without_soft_hyphens(text or "").splitlines()]
    lines = drop_repeats([line for line in lines if line and not is_chrome_line(line)
                          and not (len(line) <= MAX_POLICY_LINE_CHARS and is_policy_line(line))])
    lines = drop_junk_lines(lines)
    authors: list[str] = []
    lines = _strip_edges(lines, title, authors)
    lines = drop_author_bio(lines, credited or [])
    return "\n".join(lines), merge_authors([], authors)
