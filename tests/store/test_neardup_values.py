"""Near-duplicate signatures are stored, so their values may never change: these are the
values the states written so far hold (datasketch 2.0's ``MinHash(num_perm=64, seed=1)``,
which computed them until the MinHash moved into :mod:`scraper.store.neardup`)."""

from __future__ import annotations

import numpy as np

from scraper.store.neardup import EMPTY_VALUE, NUM_PERM, signature, signature_of_hashes, text_signature
from scraper.store.shingles import HashedText, shingle_hashes

WIRE = ("Syndicated wire copy: the central bank raised its main rate by a quarter point on Tuesday, "
        "the third rise this year.")
ARABIC = "قال البنك المركزي يوم الثلاثاء إنه رفع سعر الفائدة الرئيسي ربع نقطة للمرة الثالثة هذا العام"


def test_signatures_keep_the_values_stored_states_hold():
    assert signature(WIRE).values[:8].tolist() == [
        109385817, 91956087, 110212947, 16729098, 543663708, 332488646, 562100809, 489050896]
    assert signature(ARABIC).values[:8].tolist() == [
        58279576, 37920905, 96464347, 453556275, 663812689, 106983219, 241876370, 60873975]
    assert signature(WIRE).bands[:2] == [(0, 7017310349049902014), (1, 1110663943492445401)]


def test_a_text_without_words_has_the_empty_signature():
    for text in ("", "  ", "!!!"):
        values = signature(text).values
        assert values.dtype == np.uint64 and len(values) == NUM_PERM
        assert (values == EMPTY_VALUE).all()


def test_hashes_computed_apart_give_the_same_signature():
    """The extraction workers hash the shingles; the crawl process finishes the signature."""
    hashes = shingle_hashes(ARABIC)
    assert len(hashes) % 4 == 0 and hashes
    assert np.array_equal(signature_of_hashes(hashes).values, signature(ARABIC).values)
    assert signature(WIRE).similarity(signature(WIRE + " Markets fell.")) > 0.7


def test_hashes_of_another_text_are_not_used():
    """A record whose text changed after the worker hashed it is hashed again."""
    hashed = HashedText.of(WIRE)
    assert np.array_equal(text_signature(WIRE, hashed).values, signature(WIRE).values)
    assert np.array_equal(text_signature(ARABIC, hashed).values, signature(ARABIC).values)
    assert np.array_equal(text_signature(ARABIC).values, signature(ARABIC).values)


def test_shingle_hashes_are_the_sha1_of_each_joined_shingle_in_any_script():
    """Hashed as bytes split from the encoded text: the same values as hashing each
    5-word shingle joined and encoded on its own, whatever the whitespace and script."""
    import hashlib

    from scraper.record.fingerprint import normalise_text

    def one_by_one(text: str) -> list[bytes]:
        words = normalise_text(text).split()
        grams = ({" ".join(words[i:i + 5]) for i in range(len(words) - 4)} if len(words) > 5
                 else ({" ".join(words)} if words else set()))
        return sorted(hashlib.sha1(g.encode("utf-8")).digest()[:4] for g in grams)

    texts = [WIRE, ARABIC, "İSTANBUL\u3000haberleri \xa0 ÇAĞ\x1cyeni gün başlıyor bugün",
             "مُحَمَّد ـ كتب المقال", "中文 テキスト 한국어 words here now", "a b c d e", "one", "", "—"]
    for text in texts:
        hashes = shingle_hashes(text)
        assert sorted(hashes[i:i + 4] for i in range(0, len(hashes), 4)) == one_by_one(text), text
