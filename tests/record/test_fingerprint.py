"""Fingerprints are equal for texts that differ only in formatting."""

from __future__ import annotations

import re

from scraper.record.fingerprint import normalise_text, text_fingerprint


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
