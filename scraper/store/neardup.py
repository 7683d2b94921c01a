"""Near-duplicate detection with MinHash signatures and banded locality-sensitive hashing.

Syndicated wire copies, URL variants and re-slugged articles differ by a sentence or by
leftover chrome, so their exact fingerprints differ; the Jaccard similarity of their
word shingles stays high. The bands are plain (band, hash) pairs, so any key-value store
(SQLite, Redis) can index them and a lookup costs one query per band instead of a scan.

The MinHash is defined here, not taken from a library, because its values are stored:
a library's new default permutation scheme (datasketch's changed in 2.0) would make
every stored signature incomparable with new ones. These are the values datasketch 2.0
gives for ``MinHash(num_perm=64, seed=1)``, which the states written so far hold: each
shingle is hashed to 32 bits (the first four bytes of its SHA-1, little-endian; see
:mod:`scraper.store.shingles`), mixed with MurmurHash3's 32-bit finalizer, then put
through 64 affine maps ``a*h + b`` modulo 2**32 with odd ``a``; the signature keeps
each map's minimum.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

import numpy as np

from scraper.store.shingles import HashedText, shingle_hashes

NUM_PERM = 64
"""Signature length. 64 permutations estimate Jaccard to about ±0.06 (1/sqrt(64)/2)."""
BANDS = 16
ROWS = NUM_PERM // BANDS
"""16 bands of 4 rows: a pair at Jaccard 0.8 becomes a candidate with probability
1-(1-0.8**4)**16 > 0.999, a pair at 0.3 with 0.12; candidates are then checked on the
full signature, so the threshold decides, not the banding."""
SEED = 1
"""Fixed, so signatures stored by earlier runs stay comparable."""
EMPTY_VALUE = np.uint32(0xFFFFFFFF)
"""Every value of the signature of a text without words."""
FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
"""MurmurHash3's finalizer (shift, multiply, shift, multiply, shift): spreads similar hashes."""


def _permutations(seed: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``a`` (odd) and ``b`` of each affine map, drawn in this order from ``seed``."""
    draw = np.random.RandomState(seed)
    a = draw.randint(0, 1 << 31, count, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, count, dtype=np.uint32)
    return a, b


_A, _B = _permutations(SEED, NUM_PERM)


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


def signature_of_hashes(hashes: bytes) -> Signature:
    """The MinHash signature of the shingles hashed by :func:`shingle_hashes`."""
    if not hashes:
        return Signature(np.full(NUM_PERM, EMPTY_VALUE, dtype=np.uint64))
    h = np.frombuffer(hashes, dtype="<u4").astype(np.uint32)
    shift1, multiply1, shift2, multiply2, shift3 = FMIX32
    h ^= h >> shift1
    h *= multiply1
    h ^= h >> shift2
    h *= multiply2
    h ^= h >> shift3
    mapped = h[:, np.newaxis] * _A + _B  # wraps modulo 2**32, as intended
    return Signature(mapped.min(axis=0).astype(np.uint64))


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``."""
    return signature_of_hashes(shingle_hashes(text))


def text_signature(text: str, hashed: HashedText | None = None) -> Signature:
    """:func:`signature` of ``text``, from ``hashed``'s hashes when they are of this very text."""
    if hashed is not None and hashed.text == text:
        return signature_of_hashes(hashed.hashes)
    return signature(text)
