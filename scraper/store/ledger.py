"""The crawl's ledger: committed state plus this run's records not yet committed.

Deduplication asks the ledger whether an article is known; the exporter tells it once a
record is on disk, and only then does the ledger commit it to the persistent state. A
record that was written but not committed when the process died is found again in the
output file on the next start (:meth:`Ledger.recover`), so nothing is lost or repeated.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scraper.store.memory import MemoryState
from scraper.store.neardup import Signature, text_signature
from scraper.store.shingles import HashedText
from scraper.store.state import ArticleCommit, CrawlState, KnownArticle, url_key

logger = logging.getLogger(__name__)


def new_article_id(canonical_key: str) -> str:
    """A stable id for an article first seen under ``canonical_key``."""
    return hashlib.sha256(canonical_key.encode("utf-8")).hexdigest()[:16]


def commit_for(record: Mapping[str, Any], lastmod: str | None = None,
               hashed: HashedText | None = None) -> ArticleCommit:
    """What to remember about a written record (from its JSON form or its fields);
    ``hashed``: its text's shingle hashes, when the extraction worker computed them."""
    urls = tuple(dict.fromkeys(url_key(u) for u in (record.get("canonical_url"), record.get("url")) if u))
    sig = text_signature(record.get("text") or "", hashed)
    return ArticleCommit(
        urls=urls,
        article_id=record["article_id"],
        fingerprint=record["fingerprint"],
        version=int(record.get("version") or 1),
        lastmod=lastmod,
        signature=sig.to_bytes(),
        bands=tuple(sig.bands),
    )


class Ledger:
    """What the crawl knows: the persistent state overlaid with this run's staged records.

    A staged record stays in the in-memory overlay (``session``) only until it is committed
    to the state, so that a crawl of 100,000 articles does not hold 100,000 signatures and
    band keys twice; a set of hashed URL keys remembers what this run staged.
    """

    def __init__(self, state: CrawlState) -> None:
        self.state = state
        self.session = MemoryState()
        self._pending: list[ArticleCommit] = []
        self._staged_keys: set[int] = set()

    # --- questions ----------------------------------------------------------------------

    def known(self, *urls: str) -> KnownArticle | None:
        """The newest known version of the article under any of ``urls``."""
        found: KnownArticle | None = None
        for url in urls:
            key = url_key(url)
            for source in (self.session, self.state):
                article = source.article(key)
                if article and (found is None or article.version > found.version):
                    found = article
        return found

    def staged_this_run(self, key: str) -> bool:
        """Whether this run staged an article under the URL key ``key`` (see :func:`url_key`)."""
        return hash(key) in self._staged_keys

    def fingerprint_owner(self, fingerprint: str) -> str | None:
        return self.session.article_with_fingerprint(fingerprint) or self.state.article_with_fingerprint(
            fingerprint
        )

    def near_duplicate(
        self, sig: Signature, threshold: float, exclude: str | None = None
    ) -> tuple[str, float] | None:
        """The most similar known article at or above ``threshold``, if any."""
        best: tuple[str, float] | None = None
        bands = sig.bands
        for source in (self.session, self.state):
            for article_id, data in source.similar_candidates(bands):
                if article_id == exclude:
                    continue
                similarity = sig.similarity(Signature.from_bytes(data))
                if similarity >= threshold and (best is None or similarity > best[1]):
                    best = (article_id, similarity)
        return best

    # --- changes ------------------------------------------------------------------------

    def stage(self, commit: ArticleCommit) -> None:
        """A record passed deduplication: known for the rest of this run, not yet durable."""
        self.session.commit_articles([commit], {})
        self._staged_keys.update(hash(key) for key in commit.urls)

    def written(self, commit: ArticleCommit) -> None:
        """The record is in the output file; commit it with the next :meth:`flush`."""
        self._pending.append(commit)

    def flush(self, offsets: Mapping[str, int]) -> int:
        """Commit what was written, with the output offsets it reaches (after fsync)."""
        pending, self._pending = self._pending, []
        if pending or offsets:
            self.state.commit_articles(pending, offsets)
        for commit in pending:  # the state answers for them now
            self.session.forget(commit)
        return len(pending)

    def note_lastmod(self, article_id: str, lastmod: str) -> None:
        self.state.note_lastmod(article_id, lastmod)

    # --- recovery -----------------------------------------------------------------------

    def recover(self, root: Path, pattern: str = "*/*.jsonl") -> int:
        """Commit records found in output files (``pattern`` under ``root``) past their
        committed offsets.

        They were written by a run that died before committing them; without this the
        next run would fetch and write them again.
        """
        offsets = self.state.output_offsets()
        recovered = 0
        for path in sorted(root.glob(pattern)):
            start = offsets.get(str(path), 0)
            if path.stat().st_size <= start:
                continue
            commits, end = _read_commits(path, start)
            self.state.commit_articles(commits, {str(path): end})
            recovered += len(commits)
        if recovered:
            logger.info("Recovered %d records written by an interrupted crawl", recovered)
        return recovered


def _read_commits(path: Path, offset: int) -> tuple[list[ArticleCommit], int]:
    """Commits for the complete lines after ``offset``, and where the last one ends."""
    commits = []
    with path.open("rb") as handle:
        handle.seek(offset)
        for line in handle:
            if not line.endswith(b"\n"):
                break  # torn tail: the writer cuts it when it reopens the file
            offset += len(line)
            try:
                record = json.loads(line)
                if record.get("article_id") and record.get("fingerprint"):
                    # as the exporter would have: a sitemap date after the fetch means a change
                    commits.append(commit_for(record, record.get("fetched_at")))
            except (ValueError, KeyError, TypeError):
                logger.warning("Skipping an unreadable line in %s", path)
    return commits, offset
