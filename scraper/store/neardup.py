"""Near-duplicate detection with MinHash signatures and banded locality-sensitive hashing.

Syndicated wire copies, URL variants and re-slugged articles differ by a sentence or by
leftover chrome, so their exact fingerprints differ; the Jaccard similarity of their
word shingles stays high. datasketch computes the MinHash signatures; the bands are
plain (band, hash) pairs, so any key-value store (SQLite, Redis) can index
them and a lookup costs one query per band instead of a scan.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from scraper.record.fingerprint import normalise_text

NUM_PERM = 64
"""Signature length. 64 permutations estimate Jaccard to about ±0.06 (1/sqrt(64)/2)."""
BANDS = 16
ROWS = NUM_PERM // BANDS
"""16 bands of 4 rows: a pair at Jaccard 0.8 becomes a candidate with probability
1-(1-0.8**4)**16 > 0.999, a pair at 0.3 with 0.12; candidates are then checked on the
full signature, so the threshold decides, not the banding."""
SHINGLE_WORDS = 5
"""Word 5-grams: long enough that two different articles on one topic share few."""
SEED = 1
"""Fixed, so signatures stored by earlier runs stay comparable."""


@dataclass(frozen=True)
class Signature:
    """A text's MinHash signature and its LSH band keys."""

    values: np.ndarray

    @property
    def bands(self) -> list[tuple[int, int]]:
        """``(band index, band hash)`` pairs: texts sharing one are candidates."""
        keys = []
        for band in range(BANDS):
            chunk = self.values[band * ROWS:(band + 1) * ROWS].tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8).digest()
            keys.append((band, struct.unpack("<q", digest)[0]))
        return keys

    def to_bytes(self) -> bytes:
        return self.values.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(data, dtype="<u8").astype(np.uint64))

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' shingle sets."""
        return float(np.count_nonzero(self.values == other.values)) / len(self.values)


def shingles(text: str) -> set[str]:
    """Word n-grams of the normalised text (the whole text when shorter)."""
    words = normalise_text(text).split()
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


_EMPTY = MinHash(num_perm=NUM_PERM, seed=SEED)
"""Copied for each text: a copy shares the permutations that a new MinHash draws again."""


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``."""
    minhash = _EMPTY.copy()
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return Signature(np.asarray(minhash.hashvalues, dtype=np.uint64))
