"""Fingerprints are equal for texts that differ only in formatting; the ASCII fast path of
:func:`normalise_text` gives what its general Unicode steps give."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pytest

from scraper.record.fingerprint import BODY_CACHE_SIZE, normalise_body, normalise_text, text_fingerprint


def test_fingerprint_is_sha256_hex():
    assert re.fullmatch(r"[0-9a-f]{64}", text_fingerprint("hello"))


def test_whitespace_case_and_punctuation_do_not_matter():
    a = "The Council voted.\nThe park opens in 2026!"
    b = "  the council   VOTED \n\n the park opens in 2026 "
    assert text_fingerprint(a) == text_fingerprint(b)


def test_arabic_diacritics_and_tatweel_do_not_matter():
    assert text_fingerprint("أَخْبَارٌ ذَاتُ صِلَةٍ") == text_fingerprint("أخبـــار ذات صلة")


def test_nfkc_forms_match():
    assert normalise_text("ﬁle Ｆｕｌｌ") == "file full"


def test_different_texts_differ():
    assert text_fingerprint("the park opens") != text_fingerprint("the park closes")


def test_normalise_text_is_stable():
    assert normalise_text("Hello,   World!  ") == "hello world"
    assert text_fingerprint("") == text_fingerprint("   ...  ")

def _unicode_path(text: str) -> str:
    """normalise_text's general steps, applied to any text."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u064b-\u065f\u0670\u0640]", "", text).casefold().replace("i\u0307", "i")
    return re.sub(r"[\W_]+", " ", text).strip()


def test_ascii_fast_path_matches_unicode_path_on_every_pair_of_ascii_characters() -> None:
    for a in range(128):
        for b in range(128):
            text = f"{chr(a)}x{chr(b)}Y_{chr(a)}{chr(b)}"
            assert normalise_text(text) == _unicode_path(text)


@pytest.mark.parametrize("text", [
    "", "   ", "Hello, World!", "  Don't_stop -- me\tnow\n", "\x0b\x0cA\x1cB\x1fC", "C3PO & R2-D2",
])
def test_ascii_fast_path_examples(text: str) -> None:
    assert normalise_text(text) == _unicode_path(text)


def test_remembered_body_forms_are_the_normal_forms() -> None:
    # more bodies than are remembered, each normalised twice, in an order that evicts
    bodies = [f"Rapport n° {i} : la Mairie a voté — أخبار {i}" for i in range(BODY_CACHE_SIZE * 3)]
    for body in bodies + bodies[::-1]:
        assert normalise_body(body) == normalise_text(body)
    assert text_fingerprint(bodies[0]) == hashlib.sha256(normalise_text(bodies[0]).encode("utf-8")).hexdigest()
