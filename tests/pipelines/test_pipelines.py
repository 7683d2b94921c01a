"""Each pipeline built the Scrapy way (from_crawler over a real crawler) and driven directly."""

from __future__ import annotations

import asyncio
import json

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from pipelines.deduplicate import DeduplicatePipeline
from pipelines.export import JsonLinesExportPipeline
from pipelines.extract import ExtractPipeline
from pipelines.validate import ValidatePipeline
from scraper.config.project import project_defaults
from scraper.crawl.page import FetchedPage
from scraper.record.article import ArticleRecord
from scraper.record.fingerprint import text_fingerprint
from scraper.store.neardup import signature, signature_of_hashes
from scraper.store.shingles import HashedText, shingle_hashes

BODY = " ".join(f"الفقرة رقم {i} من نص المقال تروي ما جرى في المدينة أمس بالتفصيل." for i in range(12))
OTHER_BODY = " ".join(f"Paragraph {i} of a different story about the harbour and its ships." for i in range(12))


def record(**changes) -> ArticleRecord:
    values = dict(
        url="http://a.test/2024/01/02/story/",
        canonical_url="http://a.test/2024/01/02/story/",
        site="demo",
        title="عنوان",
        text=BODY,
        language="ar",
        fetched_at="2024-11-24T01:13:00+00:00",
    )
    values.update(changes)
    values.setdefault("fingerprint", text_fingerprint(values["text"]))
    return ArticleRecord(**values)


def page(html: str = "", rec: ArticleRecord | None = None, **changes) -> FetchedPage:
    values = dict(url=(rec.url if rec else "http://a.test/2024/01/02/story/"), site="demo", html=html,
                  fetched_at="2024-11-24T01:13:00+00:00", language_hint="en", record=rec)
    values.update(changes)
    return FetchedPage(**values)


def build(cls, tmp_path=None, **settings):
    if tmp_path is not None:
        settings.setdefault("SCRAPER_OUTPUT_DIR", str(tmp_path))
    settings.setdefault("SCRAPER_STATE", "memory")
    crawler = get_crawler(settings_dict={**project_defaults(), **settings})
    crawler.stats.open_spider()
    return cls.from_crawler(crawler), crawler.stats


def test_validate_drops_short_untitled_and_invalid_records_counting_each_reason():
    pipeline, stats = build(ValidatePipeline, VALIDATE_MIN_TEXT_CHARS=100)
    assert pipeline.process_item(page(rec=record())).record is not None
    for bad, reason in [
        (record(text="قصير"), "too_short"),
        (record(title=""), "no_title"),
        (record(language="Arabic"), "invalid_record"),
    ]:
        with pytest.raises(DropItem, match=reason):
            pipeline.process_item(page(rec=bad))
        assert stats.get_value(f"dropped/{reason}") == 1
        assert stats.get_value(f"site/demo/dropped/{reason}") == 1


def test_deduplicate_by_canonical_url_variants_fingerprint_and_near_copies():
    pipeline, stats = build(DeduplicatePipeline)
    first = pipeline.process_item(page(rec=record())).record
    assert first.version == 1 and len(first.article_id) == 16
    with pytest.raises(DropItem, match="unchanged"):
        pipeline.process_item(page(rec=record(url="http://a.test/2024/01/02/story/?utm_source=x")))
    with pytest.raises(DropItem, match="duplicate_fingerprint"):
        pipeline.process_item(page(rec=record(url="http://a.test/copy/", canonical_url="http://a.test/copy/")))
    near = BODY + " وأضاف المتحدث أن التحقيق مستمر."
    with pytest.raises(DropItem, match="near_duplicate"):
        pipeline.process_item(page(rec=record(url="http://b.test/wire/", canonical_url="http://b.test/wire/",
                                              text=near)))
    other = pipeline.process_item(page(rec=record(url="http://a.test/other/", canonical_url="http://a.test/other/",
                                                  text=OTHER_BODY)))
    assert other.record.article_id != first.article_id
    assert stats.get_value("site/demo/articles_new") == 2


def test_changed_text_under_a_known_url_is_the_next_version():
    pipeline, stats = build(DeduplicatePipeline)
    first = pipeline.process_item(page(rec=record())).record
    updated = pipeline.process_item(
        page(rec=record(text=BODY + " تحديث: أضيفت تفاصيل جديدة."), lead={"lead_lastmod": "2024-11-25T08:00:00+03:00"})
    ).record
    assert updated.article_id == first.article_id and updated.version == 2
    assert updated.date_modified == "2024-11-25T08:00:00+03:00"
    assert stats.get_value("site/demo/articles_updated") == 1


def test_near_duplicates_can_be_marked_instead_of_dropped():
    pipeline, _ = build(DeduplicatePipeline, NEARDUP_ACTION="mark")
    first = pipeline.process_item(page(rec=record())).record
    copy = pipeline.process_item(page(rec=record(url="http://b.test/wire/", canonical_url="http://b.test/wire/",
                                                 text=BODY + " (رويترز)"))).record
    assert copy.duplicate_of == first.article_id


def test_deduplication_takes_the_workers_hashes_of_the_very_text_it_commits():
    pipeline, _ = build(DeduplicatePipeline)
    text = record().text
    # empty hashes stand out: they give the empty signature, which the text's own does not
    hashed = pipeline.process_item(page(rec=record(), hashed_text=HashedText(text, b"")))
    assert hashed.commit.signature == signature_of_hashes(b"").to_bytes() != signature(text).to_bytes()
    other = record(text=text + " تحديث")  # its text changed after the worker hashed it
    stale, _ = build(DeduplicatePipeline)
    stale = stale.process_item(page(rec=other, hashed_text=HashedText(text, b"")))
    assert stale.commit.signature == signature(other.text).to_bytes()


def test_export_writes_partitioned_readable_json_lines_and_returns_the_record(tmp_path):
    dedupe, _ = build(DeduplicatePipeline, tmp_path)
    pipeline, stats = build(JsonLinesExportPipeline, tmp_path)
    pipeline.open_spider()
    out = pipeline.process_item(dedupe.process_item(page(rec=record())))
    assert isinstance(out, ArticleRecord)
    pipeline.process_item(page(rec=record(site="other", fetched_at="2024-11-25T00:00:01+00:00")))
    pipeline.close_spider()
    first = tmp_path / "demo" / "2024-11-24.jsonl"
    second = tmp_path / "other" / "2024-11-25.jsonl"
    assert json.loads(first.read_text(encoding="utf-8"))["title"] == "عنوان"
    assert "عنوان" in first.read_text(encoding="utf-8")
    assert second.exists()
    assert stats.get_value("site/demo/articles_written") == 1
    assert stats.get_value("export/records") == 2


def test_pipelines_pass_other_items_through():
    for cls in (ValidatePipeline, DeduplicatePipeline, ExtractPipeline):
        pipeline, _ = build(cls)
        assert pipeline.process_item({"x": 1}) == {"x": 1}


ARTICLE_HTML = (
    "<html><head><title>Harbour reopens</title><meta property='og:type' content='article'></head>"
    "<body><article><h1>Harbour reopens</h1>"
    + "".join(f"<p>The harbour reopened on Monday after repairs, sentence {i} of the report.</p>" for i in range(8))
    + "</article></body></html>"
)


def test_extract_fills_site_fetch_time_and_the_sitemap_date_when_the_page_has_none():
    pipeline, stats = build(ExtractPipeline)
    result = pipeline.process_item(page(ARTICLE_HTML, lead={"lead_published": "2024-01-02T08:00:00+02:00"}))
    record_ = result.record
    assert record_.site == "demo" and record_.fetched_at == "2024-11-24T01:13:00+00:00"
    assert record_.date_published == "2024-01-02T08:00:00+02:00"
    assert record_.language == "en"
    assert stats.get_value("extract/articles") == 1


def test_extract_drops_non_articles_and_garbage_with_a_reason():
    pipeline, stats = build(ExtractPipeline)
    for html in ("", "\x00\x01\x02 binary", "<html><body><ul><li><a href='/a'>A</a></li></ul></body></html>"):
        with pytest.raises(DropItem, match="not_article"):
            pipeline.process_item(page(html))
    assert stats.get_value("site/demo/dropped/not_article") == 3


def test_extract_drop_message_says_what_the_page_is_and_why():
    pipeline, _ = build(ExtractPipeline)
    listing = "<html><body><ul>" + "".join(
        f"<li><a href='/news/{i}'>Story {i} on the harbour and its ships</a></li>" for i in range(30)) + "</ul>"
    with pytest.raises(DropItem, match=r"not_article: .* \(listing: markup:none, links:"):
        pipeline.process_item(page(listing + "<p>" + "Some words about the harbour. " * 20 + "</p></body></html>"))


BRIEF_HTML = (
    "<html lang='en'><head><title>Northern pier closed</title>"
    "<meta property='article:published_time' content='2024-05-01T09:30:00Z'></head>"
    "<body><article><h1>Northern pier closed</h1>"
    "<p>The port authority closed the northern pier on Tuesday after a crane failed during unloading.</p>"
    "<p>No one was hurt; the pier reopens on Friday.</p></article></body></html>"
)


def test_a_two_paragraph_brief_in_article_markup_passes_extract_and_validate_with_defaults():
    extract, _ = build(ExtractPipeline)
    validate, stats = build(ValidatePipeline)
    item = validate.process_item(extract.process_item(page(BRIEF_HTML, url="http://a.test/news/pier")))
    assert item.record.page_type == "article" and "crane failed" in item.record.text
    assert not any(key.startswith("dropped") for key in stats.get_stats())


def chunks(hashes: bytes) -> list[bytes]:
    return sorted(hashes[i:i + 4] for i in range(0, len(hashes), 4))


def test_extract_with_a_worker_hands_the_records_text_hashes_to_the_page():
    """With EXTRACT_WORKERS, the worker's shingle hashes travel on the page to
    deduplication (test_deduplication_takes_the_workers_hashes_... covers their use)."""
    pipeline, stats = build(ExtractPipeline, EXTRACT_WORKERS=1)
    in_process, _ = build(ExtractPipeline, EXTRACT_WORKERS=0)

    async def extract_in_the_pool() -> FetchedPage:
        pipeline.open_spider()
        try:
            assert pipeline.pool is not None and pipeline.pool.trim_interval == 1.0  # HEAP_TRIM_INTERVAL
            return await pipeline.process_item(page(ARTICLE_HTML))
        finally:
            pipeline.close_spider()

    pooled = asyncio.run(extract_in_the_pool())
    assert pooled.record == in_process.process_item(page(ARTICLE_HTML)).record
    assert pooled.hashed_text.text == pooled.record.text
    hashes = pooled.hashed_text.hashes
    assert hashes and chunks(hashes) == chunks(shingle_hashes(pooled.record.text))  # each process orders its set
    assert stats.get_value("extract/articles") == 1 and stats.get_value("extract/workers") == 1
