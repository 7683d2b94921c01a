"""The record's language, as an ISO 639-1 code.

The page's own declaration wins (html ``lang``, og:locale, JSON-LD inLanguage),
then the caller's hint (the site's configured language), then a cheap guess from
the text itself: its script (Arabic, Persian, Urdu, CJK, Cyrillic, Greek, Hebrew …)
or, for Latin-script text, its most frequent function words. The guess needs no
model, so it runs everywhere and costs a few microseconds.
"""

from __future__ import annotations

import re
from collections import Counter

from scraper.extract.sources.markup import clean, meta_value
from scraper.extract.sources.page_sources import PageSources

# Meta keys that declare the page's language, in order of trust.
LANGUAGE_META = ("og:locale", "content-language", "language", "dc.language", "inlanguage")
LANGUAGE_CODE_RE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")
# ISO 639-2/3 codes (and legacy tags) some sites still declare.
THREE_LETTER_CODES = {
    "ara": "ar", "eng": "en", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "spa": "es",
    "ita": "it", "por": "pt", "rus": "ru", "tur": "tr", "fas": "fa", "per": "fa", "urd": "ur",
    "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "nld": "nl", "dut": "nl", "pol": "pl",
    "heb": "he", "ell": "el", "gre": "el", "hin": "hi", "ukr": "uk", "swe": "sv",
}
LEGACY_CODES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv"}

# Letters only Persian / only Urdu use among Arabic-script languages.
PERSIAN_LETTERS_RE = re.compile("[پچژگکی]")
URDU_LETTERS_RE = re.compile("[ٹڈڑںےھۃ]")
ARABIC_SCRIPT_RE = re.compile("[\u0600-\u06ff]")
SCRIPT_RANGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile("[\u3040-\u30ff]")),
    ("ko", re.compile("[\uac00-\ud7af]")),
    ("zh", re.compile("[\u4e00-\u9fff]")),
    ("el", re.compile("[\u0370-\u03ff]")),
    ("he", re.compile("[\u0590-\u05ff]")),
    ("th", re.compile("[\u0e00-\u0e7f]")),
    ("hi", re.compile("[\u0900-\u097f]")),
)
# Languages written in the same script: a declaration inside the text's family stands.
SCRIPT_FAMILIES: dict[str, frozenset[str]] = {
    "arabic": frozenset("ar fa ur ps ku sd ug ckb".split()),
    "cyrillic": frozenset("ru uk bg sr mk be kk ky mn tg".split()),
    "cjk": frozenset("zh ja ko".split()),
    "greek": frozenset({"el"}),
    "hebrew": frozenset({"he", "yi"}),
    "thai": frozenset({"th"}),
    "devanagari": frozenset("hi mr ne sa".split()),
}
CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
# Every range above in one class: text with fewer of these characters than
# MIN_SCRIPT_SHARE of its letters is Latin-script, and no single range needs a count.
NON_LATIN_SCRIPTS_RE = re.compile(
    "[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f"
    "\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
UKRAINIAN_LETTERS_RE = re.compile("[іїєґ]", re.I)
LATIN_WORD_RE = re.compile(r"[a-zà-öø-ÿğışçœ']+", re.I)
# Frequent function words that tell Latin-script languages apart.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is that for with was on are as by this have from".split()),
    "fr": frozenset("le la les des et est une pour dans que qui sur pas au du avec".split()),
    "de": frozenset("der die und das ist nicht mit den ein eine auf für von zu sich dem".split()),
    "es": frozenset("el la los las que y en del por con una para es se lo como".split()),
    "it": frozenset("il di che la per non una sono della con gli anche nel del alla".split()),
    "pt": frozenset("o a os que e do da em um uma para com não por das dos no na".split()),
    "tr": frozenset("bir ve bu da de için ile olarak çok daha gibi olan ama kadar".split()),
    "nl": frozenset("de het een en van is dat op te zijn niet met voor die".split()),
    "id": frozenset("yang dan di ini itu dengan untuk dari dalam tidak akan pada".split()),
}
# Characters of text the guess looks at.
SAMPLE_CHARS = 5000
# Least share of script characters (or function words) for a guess.
MIN_SCRIPT_SHARE = 0.3
MIN_FUNCTION_WORDS = 5


def normalise_language(code: str | None) -> str | None:
    """``"ar-SA"``, ``"en_US"``, ``"ara"`` → ``"ar"``, ``"en"``, ``"ar"``; None if not a code."""
    if not code:
        return None
    match = LANGUAGE_CODE_RE.match(code.split(",")[0])
    if not match:
        return None
    base = match.group(1).lower()
    if len(base) == 3:
        return THREE_LETTER_CODES.get(base)
    return LEGACY_CODES.get(base, base)


def _letter_count(text: str) -> int:
    """How many characters of ``text`` are letters (map runs str.isalpha in C: twice
    as fast as a generator over the characters)."""
    return sum(map(str.isalpha, text))


def script_language(text: str) -> str | None:
    """The language ``text``'s script tells (Arabic, Persian, Urdu, CJK, Cyrillic,
    Greek, Hebrew, Thai, Devanagari); None for Latin-script or mixed text."""
    sample = text[:SAMPLE_CHARS]
    letters = _letter_count(sample)
    if not letters:
        return None
    return _script_guess(sample, letters)


def _script_guess(sample: str, letters: int) -> str | None:
    if len(NON_LATIN_SCRIPTS_RE.findall(sample)) < MIN_SCRIPT_SHARE * letters:
        return None  # (one pass instead of one per script, on the Latin-script majority)
    arabic = len(ARABIC_SCRIPT_RE.findall(sample))
    if arabic >= MIN_SCRIPT_SHARE * letters:
        urdu, persian = len(URDU_LETTERS_RE.findall(sample)), len(PERSIAN_LETTERS_RE.findall(sample))
        if urdu > 0.01 * arabic:
            return "ur"
        return "fa" if persian > 0.01 * arabic else "ar"
    for code, script in SCRIPT_RANGES:
        if len(script.findall(sample)) >= MIN_SCRIPT_SHARE * letters:
            return code
    if len(CYRILLIC_RE.findall(sample)) >= MIN_SCRIPT_SHARE * letters:
        return "uk" if len(UKRAINIAN_LETTERS_RE.findall(sample)) > 0.005 * letters else "ru"
    return None


def guess_language(text: str) -> str | None:
    """A cheap guess of the language of ``text`` from its script and function words."""
    sample = text[:SAMPLE_CHARS]
    letters = _letter_count(sample)
    if not letters:
        return None
    by_script = _script_guess(sample, letters)
    if by_script:
        return by_script
    words = Counter(w.lower() for w in LATIN_WORD_RE.findall(sample))
    scores = {code: sum(words[w] for w in vocab) for code, vocab in FUNCTION_WORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= MIN_FUNCTION_WORDS else None


def _family(code: str) -> str:
    return next((name for name, codes in SCRIPT_FAMILIES.items() if code in codes), "latin")


def detect_language(declared: list[str], hint: str | None = None, text: str = "") -> str | None:
    """The page's declared language, else the hint, else a guess from ``text``.

    A declaration (or hint) the text's script contradicts is a template default
    (``lang="en"`` on an Arabic article): then the script decides. Within one script
    family ("fa" declared on Arabic-script text) the declaration stands.
    """
    code = next((c for c in map(normalise_language, declared) if c), None) or normalise_language(hint)
    if not code:
        return guess_language(text)
    script = script_language(text) if text else None
    if script and _family(script) != _family(code):
        return script
    return code


def declared_languages(sources: PageSources) -> list[str]:
    """The languages the page declares (html ``lang``, ``xml:lang``, JSON-LD
    inLanguage, meta), in order of trust, as written."""
    tree = sources.tree
    languages = [tree.get("lang"), tree.get("xml:lang"), clean(sources.ld("inLanguage")),
                 *(meta_value(sources.meta, (k,)) for k in LANGUAGE_META)]
    return [lang for lang in languages if isinstance(lang, str) and lang.strip()]
