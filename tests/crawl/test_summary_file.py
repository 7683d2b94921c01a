"""SummaryFile: the crawl summary as JSON, with the numbers of the printed table."""

from __future__ import annotations

import json

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from scraper.config.project import project_defaults
from scraper.crawl import stats as keys
from scraper.crawl.summary import format_summary, summarise
from scraper.crawl.summary_file import SummaryFile, write_atomically


def crawler_with(**settings):
    crawler = get_crawler(settings_dict={**project_defaults(), **settings})
    crawler.stats.open_spider()
    return crawler


def test_off_by_default():
    assert project_defaults()["SUMMARY_FILE"] == ""
    with pytest.raises(NotConfigured):
        SummaryFile.from_crawler(crawler_with())


def test_enabled_in_the_project_extensions():
    assert "scraper.crawl.summary_file.SummaryFile" in project_defaults()["EXTENSIONS"]


def test_writes_the_summary_when_the_spider_closes(tmp_path):
    path = tmp_path / "runs" / "news.json"
    crawler = crawler_with(SUMMARY_FILE=str(path), SCRAPER_SITES=["news", "quiet"])
    SummaryFile.from_crawler(crawler)
    stats = crawler.stats
    stats.set_value(keys.site_key("news", keys.PAGES_FETCHED), 70)
    stats.set_value(keys.site_key("news", keys.ARTICLES_WRITTEN), 22)
    stats.set_value(keys.site_key("news", keys.ARTICLES_NEW), 22)
    stats.set_value(keys.site_key("news", keys.FETCH_FAILED), 1)
    stats.set_value(keys.drop_key("too_short", "news"), 3)
    stats.set_value(keys.drop_key("unchanged", "news"), 2)
    stats.set_value(keys.site_key("news", keys.STARTED), 100.0)
    stats.set_value(keys.site_key("news", keys.FINISHED), 105.5)
    assert not path.exists()
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")

    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["finish_reason"] == "finished"
    assert list(document["sites"]) == ["news", "quiet"]
    news = document["sites"]["news"]
    assert (news["pages_fetched"], news["articles_written"], news["new"], news["failed"]) == (70, 22, 22, 1)
    assert news["unchanged"] == 2 and news["dropped"] == {"too_short": 3}
    assert news["seconds"] == 5.5
    assert document["sites"]["quiet"]["pages_fetched"] == 0
    # the same numbers as the table people read
    table = format_summary(summarise(stats.get_stats(), ["news", "quiet"]))
    assert "news                        70        22        22         0         2" in table
    assert [p.name for p in path.parent.iterdir()] == ["news.json"]  # no temporary file left


def test_write_atomically_replaces_the_whole_file(tmp_path):
    path = tmp_path / "summary.json"
    write_atomically(path, "first, and longer\n")
    write_atomically(path, "second\n")
    assert path.read_text(encoding="utf-8") == "second\n"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.json"]
