"""Crawl state: what the crawl has already seen, behind one small interface.

The pipelines only talk to :class:`CrawlState`. This issue ships the in-memory state
(deduplication within one crawl); persistent backends (SQLite for one machine, Redis for
a distributed crawl) implement the same protocol.
"""

from __future__ import annotations

import threading
from typing import Protocol


class CrawlState(Protocol):
    """Remembers canonical article URLs and content fingerprints."""

    def claim(self, canonical_url: str, fingerprint: str) -> str | None:
        """Record an article; return why it is a duplicate (``"url"`` or
        ``"fingerprint"``) without recording anything, or None when it is new."""

    def close(self) -> None:
        """Flush and release resources."""


class MemoryState:
    """Crawl state that lives for one crawl: enough for deduplication within a run."""

    def __init__(self) -> None:
        self._urls: set[str] = set()
        self._fingerprints: set[str] = set()
        self._lock = threading.Lock()

    def claim(self, canonical_url: str, fingerprint: str) -> str | None:
        with self._lock:
            if canonical_url in self._urls:
                return "url"
            if fingerprint in self._fingerprints:
                return "fingerprint"
            self._urls.add(canonical_url)
            self._fingerprints.add(fingerprint)
            return None

    def close(self) -> None:
        self._urls.clear()
        self._fingerprints.clear()
