"""justext's stop words for a page of unknown language, built once per process.

trafilatura runs justext as a fallback on some pages (wcxb-dev: about one in ten).
For a page whose language it was not told, it hands justext a tuple of the ~154,000
stop words of all its languages, and justext turns whatever it is given into a new
lower-cased frozenset on every call: a 19 MB set built and thrown away each time
(about 4 ms; wcxb-dev's 73 such calls took 0.28 s), besides the 14 MB tuple kept.
:func:`install` makes the first such call build that frozenset, and every later call
reuse it: one process extracting wcxb-dev ends 14 MB smaller.

Only the combined list is cached: a stop list of one language is justext's own path,
unchanged. The words and their case are exactly what justext would build, so the
text it keeps is the same.
"""

from __future__ import annotations

from collections.abc import Iterable

import justext.core
import trafilatura.external
from justext.utils import get_stoplist, get_stoplists

__all__ = ["all_stop_words", "install"]

_DEFINE_STOPLIST = justext.core.define_stoplist
_ALL_WORDS: frozenset[str] | None = None


def all_stop_words() -> frozenset[str]:
    """The stop words of every justext language, lower-cased as justext compares them;
    built on the first call (what trafilatura's own initialiser would collect)."""
    global _ALL_WORDS
    if _ALL_WORDS is None:
        _ALL_WORDS = frozenset(word.lower() for language in get_stoplists()
                               for word in get_stoplist(language))
        trafilatura.external.JT_STOPLIST = _ALL_WORDS
    return _ALL_WORDS


def _define_stoplist(stoplist: Iterable[str]) -> frozenset[str]:
    """justext's ``define_stoplist``, except that the combined list, already
    lower-cased and frozen, is passed through instead of copied."""
    if stoplist is _ALL_WORDS:
        return _ALL_WORDS
    return _DEFINE_STOPLIST(stoplist)


def install() -> None:
    """Point trafilatura's initialiser and justext's stop-list step at the cache
    (idempotent). A combined list trafilatura built before is let go."""
    if trafilatura.external.JT_STOPLIST is not _ALL_WORDS:
        trafilatura.external.JT_STOPLIST = None
    trafilatura.external.jt_stoplist_init = all_stop_words
    justext.core.define_stoplist = _define_stoplist
