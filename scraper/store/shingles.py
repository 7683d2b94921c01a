"""Word shingles of a text and their 32-bit hashes: the input of a MinHash signature
(:mod:`scraper.store.neardup`).

Apart from the signature, and free of numpy, because the extraction workers hash the
texts they make (:class:`HashedText`): that is most of what a signature costs, and the
workers should not carry numpy's memory for it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from scraper.record.fingerprint import normalise_body

SHINGLE_WORDS = 5
"""Word 5-grams: long enough that two different articles on one topic share few."""


def shingles(text: str) -> set[bytes]:
    """Word n-grams of the normalised text (the whole text when shorter), UTF-8 encoded.

    The text is encoded once and split as bytes: the same n-grams as encoding each
    joined string, since a normalised text's words are separated by single ASCII
    spaces, and 1.12 times as fast on wcxb-dev texts (thousands of n-grams a page)."""
    words = normalise_body(text).encode("utf-8").split()
    if len(words) <= SHINGLE_WORDS:
        return {b" ".join(words)} if words else set()
    return {b" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def shingle_hashes(text: str) -> bytes:
    """The 32-bit hash of each of the text's shingles, as little-endian bytes, in no fixed
    order (a set's, which differs between processes; a signature takes minimums)."""
    sha1 = hashlib.sha1
    return b"".join([sha1(shingle).digest()[:4] for shingle in shingles(text)])


@dataclass(frozen=True)
class HashedText:
    """A text with its :func:`shingle_hashes`, computed where the text was made.

    Hashing every shingle is most of what a signature costs; an extraction worker does it
    beside the extraction, so that the crawl process, which a pool of workers waits on,
    only takes the minimums (:func:`scraper.store.neardup.text_signature`).
    """

    text: str
    hashes: bytes

    @classmethod
    def of(cls, text: str) -> HashedText:
        return cls(text, shingle_hashes(text))
