"""Scoring functions for ``scraper eval``: pure, no I/O, no extractor imports.

Body text
    * :func:`shingle_scores` — the AEB metric: ``\\w+`` tokens (case kept), 4-token
      shingles counted as a multiset; precision = shared shingles / predicted shingles,
      recall = shared shingles / gold shingles. (Normalising a page's counts to sum to 1
      leaves these ratios unchanged; it only means every page weighs the same when the
      caller averages P and R over pages.)
    * :func:`word_scores` — the WCXB metric: lower-cased ``\\w+`` tokens as a bag of
      words (multiset overlap); precision, recall and F1 per page.

    Edge cases, the same for both: an empty prediction scores P = R = F1 = 0 (a page
    where the extractor found nothing is a miss, not a page to leave out); an empty gold
    with a non-empty prediction scores P = 0, R = 1; both empty score 1 everywhere.
    A text with 1 to 3 tokens forms one shorter shingle of all its tokens, so a short
    gold text can still be matched exactly; a text with no tokens has no shingles.

Snippets
    :func:`snippet_share` — share of snippets found in the text, case-insensitive, after
    collapsing runs of whitespace to one space on both sides (gold snippets and extracted
    text break lines differently); :func:`snippet_hits` gives the counts and
    :func:`snippet_prf` turns a set's counts into trafilatura's snippet precision, recall
    and F1.

Metadata
    * :func:`title_matches` — equal lists of lower-cased ``\\w+`` tokens.
    * :func:`same_day` — the same calendar day, read from the leading ``YYYY-MM-DD`` of
      each ISO 8601 value as written (no time-zone conversion); a gold value with only a
      month (``2003-11``) or a year matches on the parts it has.
    * :func:`author_matches` — at least one gold name equals one returned name; see
      :func:`name_key` and :func:`gold_names` for the normalisation.
    * :func:`language_matches` — equal ISO 639-1 codes (primary subtag, case-insensitive).

Every comparison first drops the Arabic diacritics U+064B–U+065F, U+0670 and the tatweel
U+0640 (:func:`normalise`), or ``\\w+`` would split vowelled words into letters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "PRF",
    "SHINGLE_SIZE",
    "author_matches",
    "f1_score",
    "gold_names",
    "language_matches",
    "name_key",
    "normalise",
    "returned_names",
    "same_day",
    "shingle_scores",
    "shingles",
    "snippet_hits",
    "snippet_prf",
    "snippet_share",
    "title_matches",
    "tokens",
    "word_scores",
]

SHINGLE_SIZE = 4

ARABIC_MARKS_RE = re.compile("[\u064b-\u065f\u0670\u0640]")
WORD_RE = re.compile(r"\w+")
SPACE_RE = re.compile(r"\s+")
DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Between two names in a credit line: punctuation, "&", "and".
NAME_SEPARATOR_RE = re.compile(r"\s*(?:[,;|/&\n]|\band\b)\s*", re.IGNORECASE)
# A leading "By", "Written by", "Edited by" … before a name.
BYLINE_PREFIX_RE = re.compile(r"^\s*(?:(?:written|posted|reported|edited|words)\s+)?by\b\s*", re.IGNORECASE)
LANGUAGE_SUBTAG_RE = re.compile(r"[-_]")


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one page (or their averages)."""

    precision: float
    recall: float
    f1: float


def normalise(text: str | None) -> str:
    """``text`` without Arabic diacritics and tatweel (``""`` for None)."""
    return ARABIC_MARKS_RE.sub("", text or "")


def tokens(text: str | None, *, lower: bool = False) -> list[str]:
    """The ``\\w+`` tokens of ``text`` after :func:`normalise`, lower-cased on request."""
    clean = normalise(text)
    return WORD_RE.findall(clean.lower() if lower else clean)


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of ``precision`` and ``recall`` (0 when both are 0)."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of the ``size``-token shingles of ``text`` (case kept).

    A text with fewer than ``size`` tokens (but at least one) gives a single shingle of
    all its tokens; a text without tokens gives none.
    """
    words = tokens(text)
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


def _overlap_scores(predicted: Counter, gold: Counter) -> PRF:
    pred_total = sum(predicted.values())
    gold_total = sum(gold.values())
    if not pred_total:
        return PRF(1.0, 1.0, 1.0) if not gold_total else PRF(0.0, 0.0, 0.0)
    if not gold_total:
        return PRF(0.0, 1.0, 0.0)
    shared = sum((predicted & gold).values())
    precision, recall = shared / pred_total, shared / gold_total
    return PRF(precision, recall, f1_score(precision, recall))


def shingle_scores(predicted: str | None, gold: str | None, size: int = SHINGLE_SIZE) -> PRF:
    """AEB shingle precision, recall and F1 of one page (see the module doc)."""
    return _overlap_scores(shingles(predicted, size), shingles(gold, size))


def word_scores(predicted: str | None, gold: str | None) -> PRF:
    """WCXB bag-of-words precision, recall and F1 of one page (see the module doc)."""
    return _overlap_scores(Counter(tokens(predicted, lower=True)), Counter(tokens(gold, lower=True)))


def _fold(text: str | None) -> str:
    return SPACE_RE.sub(" ", normalise(text).lower()).strip()


def snippet_hits(text: str | None, snippets: Sequence[str]) -> tuple[int, int]:
    """``(found, total)``: how many of the non-blank ``snippets`` occur in ``text``."""
    wanted = [s for s in (_fold(s) for s in snippets) if s]
    haystack = _fold(text) if wanted else ""
    return sum(1 for s in wanted if s in haystack), len(wanted)


def snippet_share(text: str | None, snippets: Sequence[str]) -> float | None:
    """Share of ``snippets`` found in ``text`` (None when there are no non-blank snippets)."""
    found, total = snippet_hits(text, snippets)
    return found / total if total else None


def snippet_prf(with_found: int, with_total: int, without_found: int) -> PRF | None:
    """trafilatura's snippet score over a whole set: a ``with`` snippet found is a true
    positive, a ``without`` snippet found a false positive, a ``with`` missed a false
    negative (None when there are no ``with`` snippets)."""
    if not with_total:
        return None
    kept = with_found + without_found
    precision = with_found / kept if kept else 0.0
    recall = with_found / with_total
    return PRF(precision, recall, f1_score(precision, recall))


def title_matches(predicted: str | None, gold: str | None) -> bool:
    """True when both titles have the same lower-cased ``\\w+`` tokens (and some)."""
    gold_tokens = tokens(gold, lower=True)
    return bool(gold_tokens) and tokens(predicted, lower=True) == gold_tokens


def _date_parts(value: str | None) -> tuple[str, ...]:
    match = DATE_RE.match(value or "")
    return tuple(part for part in match.groups() if part) if match else ()


def same_day(predicted: str | None, gold: str | None) -> bool:
    """True when ``predicted`` falls on the gold calendar day (as far as gold says)."""
    gold_parts = _date_parts(gold)
    return bool(gold_parts) and _date_parts(predicted)[:len(gold_parts)] == gold_parts


def name_key(name: str | None) -> str:
    """Comparison key of one person's name.

    Case-folded ``\\w+`` tokens (after :func:`normalise`) of the name without a leading
    "By", sorted so that "Kaufman, Jeff T." and "Jeff T. Kaufman" compare equal.
    Empty when the name has no tokens.
    """
    stripped = BYLINE_PREFIX_RE.sub("", normalise(name))
    return " ".join(sorted(WORD_RE.findall(stripped.casefold())))


def gold_names(credits: Iterable[str]) -> set[str]:
    """Keys of every name a gold credit line may stand for.

    Each credit counts whole and split at commas, semicolons, ``|``, ``/``, ``&``,
    newlines and "and": "By Ann Lee and Bo Chan" gives "Ann Lee", "Bo Chan" (and the
    whole line); "Jane Roe, MD" gives "Jane Roe" (and "MD", which no returned name
    equals in practice).
    """
    keys: set[str] = set()
    for credit in credits:
        keys.add(name_key(credit))
        keys.update(name_key(part) for part in NAME_SEPARATOR_RE.split(BYLINE_PREFIX_RE.sub("", credit)))
    keys.discard("")
    return keys


def returned_names(names: Iterable[str]) -> set[str]:
    """Keys of the names an extractor returned; each is split only at semicolons
    (trafilatura joins several authors with ``"; "``)."""
    keys = {name_key(part) for name in names for part in name.split(";")}
    keys.discard("")
    return keys


def author_matches(predicted: Iterable[str], gold: Iterable[str]) -> bool:
    """True when at least one gold name equals one returned name (see :func:`gold_names`)."""
    return bool(gold_names(gold) & returned_names(predicted))


def _primary_language(code: str | None) -> str:
    return LANGUAGE_SUBTAG_RE.split((code or "").strip().lower(), maxsplit=1)[0]


def language_matches(predicted: str | None, gold: str | None) -> bool:
    """True when both name the same ISO 639-1 language (``en-GB`` equals ``en``)."""
    gold_code = _primary_language(gold)
    return bool(gold_code) and _primary_language(predicted) == gold_code
