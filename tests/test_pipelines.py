"""Each pipeline built the Scrapy way (from_crawler over a real crawler) and driven directly."""

import json

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from pipelines.deduplicate import DeduplicatePipeline
from pipelines.export import JsonLinesExportPipeline
from pipelines.validate import ValidatePipeline
from scraper.fingerprint import text_fingerprint
from scraper.records import ArticleRecord

BODY = "فقرة أولى من نص المقال. " * 20


def record(**changes):
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


def build(cls, **settings):
    crawler = get_crawler(settings_dict=settings)
    crawler.stats.open_spider()
    return cls.from_crawler(crawler), crawler.stats


def test_validate_drops_short_untitled_and_invalid_records_counting_each_reason():
    pipeline, stats = build(ValidatePipeline, VALIDATE_MIN_TEXT_CHARS=100)
    assert pipeline.process_item(record()) is not None
    for bad, reason in [
        (record(text="قصير"), "too_short"),
        (record(title=""), "no_title"),
        (record(language="Arabic"), "invalid_record"),
    ]:
        with pytest.raises(DropItem, match=reason):
            pipeline.process_item(bad)
        assert stats.get_value(f"dropped/{reason}") == 1
        assert stats.get_value(f"site/demo/dropped/{reason}") == 1


def test_deduplicate_by_canonical_url_variants_and_by_fingerprint():
    pipeline, stats = build(DeduplicatePipeline)
    assert pipeline.process_item(record())
    with pytest.raises(DropItem, match="duplicate_url"):
        pipeline.process_item(record(url="http://a.test/x?utm=1", text=BODY + " تحديث"))
    with pytest.raises(DropItem, match="duplicate_fingerprint"):
        pipeline.process_item(record(url="http://a.test/copy/", canonical_url="http://a.test/copy/"))
    assert stats.get_value("dropped/duplicate_url") == 1
    assert stats.get_value("dropped/duplicate_fingerprint") == 1
    assert pipeline.process_item(
        record(url="http://a.test/other/", canonical_url="http://a.test/other/", text=BODY + " مختلف")
    )


def test_export_writes_partitioned_readable_json_lines(tmp_path):
    pipeline, stats = build(JsonLinesExportPipeline, SCRAPER_OUTPUT_DIR=str(tmp_path))
    pipeline.process_item(record())
    pipeline.process_item(record(site="other", fetched_at="2024-11-25T00:00:01+00:00"))
    pipeline.close_spider()
    first = tmp_path / "demo" / "2024-11-24.jsonl"
    second = tmp_path / "other" / "2024-11-25.jsonl"
    assert json.loads(first.read_text(encoding="utf-8"))["title"] == "عنوان"
    assert "عنوان" in first.read_text(encoding="utf-8")
    assert second.exists()
    assert stats.get_value("site/demo/articles_written") == 1
    assert stats.get_value("export/records") == 2


def test_pipelines_pass_other_items_through():
    for cls in (ValidatePipeline, DeduplicatePipeline):
        pipeline, _ = build(cls)
        assert pipeline.process_item({"x": 1}) == {"x": 1}


def page(html, **changes):
    from scraper.page import FetchedPage

    values = dict(url="http://a.test/2024/01/02/story/", site="demo", html=html,
                  fetched_at="2024-11-24T01:13:00+00:00", language_hint="en")
    values.update(changes)
    return FetchedPage(**values)


ARTICLE_HTML = (
    "<html><head><title>Harbour reopens</title><meta property='og:type' content='article'></head>"
    "<body><article><h1>Harbour reopens</h1>"
    + "".join(f"<p>The harbour reopened on Monday after repairs, sentence {i} of the report.</p>" for i in range(8))
    + "</article></body></html>"
)


def test_extract_fills_site_fetch_time_and_the_sitemap_date_when_the_page_has_none():
    from pipelines.extract import ExtractPipeline

    pipeline, stats = build(ExtractPipeline)
    result = pipeline.process_item(page(ARTICLE_HTML, lead={"lead_published": "2024-01-02T08:00:00+02:00"}))
    assert isinstance(result, ArticleRecord)
    assert result.site == "demo" and result.fetched_at == "2024-11-24T01:13:00+00:00"
    assert result.date_published == "2024-01-02T08:00:00+02:00"
    assert result.language == "en"
    assert stats.get_value("extract/articles") == 1


def test_extract_drops_non_articles_and_garbage_with_a_reason():
    from pipelines.extract import ExtractPipeline

    pipeline, stats = build(ExtractPipeline)
    for html in ("", "\x00\x01\x02 binary", "<html><body><ul><li><a href='/a'>A</a></li></ul></body></html>"):
        with pytest.raises(DropItem, match="not_article"):
            pipeline.process_item(page(html))
    assert stats.get_value("site/demo/dropped/not_article") == 3
