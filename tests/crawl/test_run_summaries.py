"""RunSummaries: each site's last crawl summary, kept under the state directory."""

from __future__ import annotations

import json

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from scraper.config.project import project_defaults
from scraper.crawl import stats as keys
from scraper.crawl.run_summaries import RunSummaries
from scraper.crawl.summary import run_summary_path


def crawler_with(**settings):
    crawler = get_crawler(settings_dict={**project_defaults(), **settings})
    crawler.stats.open_spider()
    return crawler


def close(crawler, reason="finished"):
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason=reason)


def test_on_by_default_in_the_project_extensions():
    assert project_defaults()["RUN_SUMMARIES_ENABLED"] is True
    assert "scraper.crawl.run_summaries.RunSummaries" in project_defaults()["EXTENSIONS"]


def test_one_file_per_site_with_that_site_alone(tmp_path):
    crawler = crawler_with(SCRAPER_STATE_DIR=str(tmp_path), SCRAPER_SITES=["news", "quiet"])
    RunSummaries.from_crawler(crawler)
    crawler.stats.set_value(keys.site_key("news", keys.PAGES_FETCHED), 70)
    crawler.stats.set_value(keys.drop_key("not_article", "news"), 4)
    close(crawler)

    news = json.loads(run_summary_path(tmp_path, "news").read_text(encoding="utf-8"))
    assert news["finish_reason"] == "finished" and list(news["sites"]) == ["news"]
    assert news["sites"]["news"]["pages_fetched"] == 70
    assert news["sites"]["news"]["dropped"] == {"not_article": 4}
    quiet = json.loads(run_summary_path(tmp_path, "quiet").read_text(encoding="utf-8"))
    assert list(quiet["sites"]) == ["quiet"] and quiet["sites"]["quiet"]["pages_fetched"] == 0
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["news.json", "quiet.json"]


def test_a_later_crawl_of_one_site_leaves_the_others_summary(tmp_path):
    first = crawler_with(SCRAPER_STATE_DIR=str(tmp_path), SCRAPER_SITES=["news", "other"])
    RunSummaries.from_crawler(first)
    first.stats.set_value(keys.site_key("other", keys.PAGES_FETCHED), 5)
    close(first)
    second = crawler_with(SCRAPER_STATE_DIR=str(tmp_path), SCRAPER_SITES=["news"])
    RunSummaries.from_crawler(second)
    second.stats.set_value(keys.site_key("news", keys.PAGES_FETCHED), 9)
    close(second, reason="shutdown")

    news = json.loads(run_summary_path(tmp_path, "news").read_text(encoding="utf-8"))
    assert (news["finish_reason"], news["sites"]["news"]["pages_fetched"]) == ("shutdown", 9)
    other = json.loads(run_summary_path(tmp_path, "other").read_text(encoding="utf-8"))
    assert other["sites"]["other"]["pages_fetched"] == 5


@pytest.mark.parametrize("settings", [{"SCRAPER_STATE": "memory"}, {"RUN_SUMMARIES_ENABLED": False}])
def test_not_built_without_a_state_directory_or_when_off(tmp_path, settings):
    with pytest.raises(NotConfigured):
        RunSummaries.from_crawler(crawler_with(SCRAPER_STATE_DIR=str(tmp_path), **settings))


def test_a_summary_that_cannot_be_written_is_logged_not_raised(tmp_path, caplog):
    (tmp_path / "runs").write_text("a file where the directory should be")
    crawler = crawler_with(SCRAPER_STATE_DIR=str(tmp_path), SCRAPER_SITES=["news"])
    extension = RunSummaries.from_crawler(crawler)
    results = crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
    [(_, result)] = [r for r in results if r[0] == extension.spider_closed]
    assert not isinstance(result, Failure)
    assert "could not keep the crawl summary of news" in caplog.text
