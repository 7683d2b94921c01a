"""What an extraction worker sends back to the crawl: the record, and its text hashed.

With a pool of workers the crawl process is the one every page waits on, and hashing the
shingles of each new text for near-duplicate detection was a sixth of its time (cProfile
of a 3,000-page bench crawl). The worker, which made the text, hashes it too
(:class:`~scraper.store.shingles.HashedText`).
"""

from __future__ import annotations

from scraper.record.article import ArticleRecord
from scraper.store.shingles import HashedText


def with_hashed_text(record: ArticleRecord | None) -> tuple[ArticleRecord | None, HashedText | None]:
    """``record`` and its text's shingle hashes; None for a page that is not an article,
    which the crawl drops without deduplicating."""
    if record is None or record.page_type != "article" or not record.text:
        return record, None
    return record, HashedText.of(record.text)
