"""Making record values encodable as UTF-8 before they are written.

JSON-LD may carry an escaped lone surrogate (``"\\ud800"``), which ``json.loads`` turns
into a code point UTF-8 cannot encode; written as is, the whole record would be lost.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
SURROGATE_RE = re.compile("[\ud800-\udfff]")


def encodable_text(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD, and how many were replaced.

    A high and low surrogate standing side by side are joined into the character they
    encode, as a UTF-16 reader would.
    """
    if not SURROGATE_RE.search(text):
        return text, 0
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return joined, joined.count(REPLACEMENT) - text.count(REPLACEMENT)


def make_encodable(value: Any) -> tuple[Any, int]:
    """``value`` (strings, lists, tuples, dicts, nested) with every string made encodable.

    Returns the value, rebuilt only where something changed, and the number of characters
    replaced.
    """
    if isinstance(value, str):
        return encodable_text(value)
    if isinstance(value, (list, tuple)):
        items, total = [], 0
        for item in value:
            clean, count = make_encodable(item)
            items.append(clean)
            total += count
        return (type(value)(items) if total else value), total
    if isinstance(value, dict):
        pairs, total = [], 0
        for key, item in value.items():
            clean_key, key_count = make_encodable(key)
            clean, count = make_encodable(item)
            pairs.append((clean_key, clean))
            total += key_count + count
        return (dict(pairs) if total else value), total
    return value, 0
