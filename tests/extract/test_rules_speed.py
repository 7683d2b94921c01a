"""Fast paths must give what the general code gives."""

from __future__ import annotations

import re
import unicodedata

import pytest

from scraper.record.fingerprint import normalise_text


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
