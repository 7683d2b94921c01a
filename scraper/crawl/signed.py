"""The near-duplicate signature of a record's text, computed in the extraction worker.

A MinHash over every word shingle costs about as much as a third of the extraction
itself (a millisecond or two a page); done by the deduplicate pipeline it runs in the
crawl's event loop, which is what limits a crawl with an extraction pool. The worker
computes it beside the record, and deduplication takes it when the text is still the
one it was computed on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scraper.store.neardup import Signature, signature

SIGN_FUNCTION = "scraper.crawl.signed.signed"
"""Import path of :func:`signed`, as the extraction pool's ``finish`` step."""


@dataclass(frozen=True)
class Signed:
    """An extract function's result, with the signature of its text when it has one."""

    result: Any
    text: str | None = None
    """The text the signature is of."""
    signature: bytes | None = None


def signed(result: Any) -> Signed:
    """``result`` with the signature of its ``text`` (none for a result without text)."""
    text = getattr(result, "text", None)
    if not isinstance(text, str):
        return Signed(result)
    return Signed(result, text, signature(text).to_bytes())


def signature_for(text: str | None, signed_text: str | None, data: bytes | None) -> Signature | None:
    """The signature computed for ``signed_text`` if ``text`` is still that text."""
    if data is None or text is None or text != signed_text:
        return None
    return Signature.from_bytes(data)
