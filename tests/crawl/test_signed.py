"""The signature an extraction worker computes beside a record (scraper.crawl.signed):
the one deduplication would compute, and used only while the text is unchanged."""

from __future__ import annotations

from scraper.crawl.signed import Signed, signature_for, signed
from scraper.record.article import ArticleRecord
from scraper.store.ledger import commit_for
from scraper.store.neardup import signature

TEXT = " ".join(f"The harbour reopened on Monday after repairs, sentence {i}." for i in range(20))


def test_a_signed_record_carries_its_texts_signature_and_commits_the_same():
    record = ArticleRecord(url="https://news.example.com/a", title="Harbour", text=TEXT)
    result = signed(record)
    assert result.result is record and result.text == TEXT
    sig = signature_for(TEXT, result.text, result.signature)
    assert sig is not None and sig.to_bytes() == signature(TEXT).to_bytes()
    written = {"url": record.url, "article_id": "a1", "fingerprint": "f", "text": TEXT}
    assert commit_for(written, None, sig) == commit_for(written)


def test_a_changed_text_or_a_result_without_text_gets_no_signature():
    result = signed(ArticleRecord(url="https://news.example.com/a", text=TEXT))
    assert signature_for(TEXT + " A correction.", result.text, result.signature) is None
    assert signature_for(None, result.text, result.signature) is None
    assert signed(None) == Signed(None)
