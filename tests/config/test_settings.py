"""The settings module holds the defaults; components read them without fallbacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from pipelines.deduplicate import DeduplicatePipeline
from pipelines.export import JsonLinesExportPipeline
from pipelines.extract import ExtractPipeline
from pipelines.validate import ValidatePipeline
from scraper.config.project import project_defaults, project_settings
from scraper.crawl.shared_ledger import state_directory
from scraper.fetch.addressguard import AddressGuardMiddleware
from scraper.fetch.backoff import BackoffMiddleware
from scraper.fetch.crawldelay import CrawlDelayMiddleware
from scraper.store.state import default_state_dir

COMPONENTS = [AddressGuardMiddleware, CrawlDelayMiddleware, BackoffMiddleware, ExtractPipeline,
              ValidatePipeline, DeduplicatePipeline, JsonLinesExportPipeline]

# The files of components that read settings (the CLI and the extractor are not among them).
READERS = [
    *sorted((ROOT / "scraper" / "crawl").glob("*.py")),
    *sorted((ROOT / "scraper" / "store").glob("*.py")),
    *sorted((ROOT / "pipelines").glob("*.py")),
    *sorted((ROOT / "spiders").glob("*.py")),
    *(ROOT / "scraper" / "fetch" / name for name in ("addressguard.py", "backoff.py", "crawldelay.py")),
]
INLINE_FALLBACK = re.compile(r"""settings\.get\w*\(\s*["'][A-Z_]+["']\s*,|settings\.get\w*\([^)]*\)\s+or\s""")


def crawler_with(tmp_path: Path, **settings):
    values = {**project_defaults(), "SCRAPER_STATE": "memory", "SCRAPER_OUTPUT_DIR": str(tmp_path), **settings}
    crawler = get_crawler(settings_dict=values)
    crawler.stats.open_spider()
    return crawler


@pytest.mark.parametrize("path", READERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_component_writes_a_default_of_its_own(path):
    assert not INLINE_FALLBACK.search(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.__name__)
def test_every_component_builds_from_the_project_settings(component, tmp_path):
    assert component.from_crawler(crawler_with(tmp_path)) is not None


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.__name__)
def test_bare_settings_are_a_clear_error_not_a_silent_default(component):
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    with pytest.raises(ValueError, match=r"missing: build the settings from scraper\.config\.settings"):
        component.from_crawler(crawler)


@pytest.mark.parametrize(("component", "switch"), [
    (BackoffMiddleware, "BACKOFF_ENABLED"),
    (CrawlDelayMiddleware, "CRAWLDELAY_ENABLED"),
    (CrawlDelayMiddleware, "ROBOTSTXT_OBEY"),
])
def test_a_switched_off_middleware_is_not_configured(component, switch, tmp_path):
    assert project_defaults()[switch] is True
    with pytest.raises(NotConfigured, match=switch):
        component.from_crawler(crawler_with(tmp_path, **{switch: "False"}))


def test_the_middleware_settings_are_read(tmp_path):
    backoff = BackoffMiddleware.from_crawler(
        crawler_with(tmp_path, BACKOFF_BASE="3", BACKOFF_MAX="40", BACKOFF_MAX_RETRY_AFTER="50"))
    assert (backoff.base, backoff.max, backoff.max_retry_after) == (3.0, 40.0, 50.0)
    assert CrawlDelayMiddleware.from_crawler(crawler_with(tmp_path, CRAWLDELAY_MAX="7")).max_delay == 7.0
    guard = AddressGuardMiddleware.from_crawler(crawler_with(tmp_path, ADDRESSGUARD_DNS_TTL="5", DNS_TIMEOUT="9"))
    assert (guard.cache.ttl, guard.dns_timeout) == (5.0, 9.0)


def test_the_pipeline_defaults_come_from_the_settings_module(tmp_path):
    crawler = crawler_with(tmp_path)
    validate = ValidatePipeline.from_crawler(crawler)
    assert (validate.min_chars, validate.require_title) == (80, True)
    dedupe = DeduplicatePipeline.from_crawler(crawler)
    assert (dedupe.neardup_enabled, dedupe.threshold, dedupe.action) == (True, 0.8, "drop")
    assert JsonLinesExportPipeline.from_crawler(crawler).commit_every == 50
    assert ExtractPipeline.from_crawler(crawler).timeout == 10.0


def test_an_invalid_value_is_an_error(tmp_path):
    with pytest.raises(ValueError):
        ValidatePipeline.from_crawler(crawler_with(tmp_path, VALIDATE_MIN_TEXT_CHARS="many"))
    with pytest.raises(ValueError):
        BackoffMiddleware.from_crawler(crawler_with(tmp_path, BACKOFF_BASE="soon"))
    with pytest.raises(ValueError, match="NEARDUP_ACTION"):
        DeduplicatePipeline.from_crawler(crawler_with(tmp_path, NEARDUP_ACTION="keep"))
    with pytest.raises(ValueError, match="SCRAPER_STATE"):
        state_directory(project_settings({"SCRAPER_STATE": "cassandra"}))


def test_the_state_directory_defaults_to_out_dot_state(tmp_path):
    assert default_state_dir(tmp_path) == tmp_path / ".state"
    assert state_directory(project_settings({"SCRAPER_OUTPUT_DIR": str(tmp_path)})) == tmp_path / ".state"
    assert state_directory(project_settings({"SCRAPER_STATE_DIR": "/x/y"})) == Path("/x/y")
    assert state_directory(project_settings({"SCRAPER_STATE": "memory"})) is None


def test_project_settings_put_overrides_above_the_project_module():
    settings = project_settings({"DOWNLOAD_DELAY": 0})
    assert isinstance(settings, Settings)
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.0
    assert settings.getpriority("DOWNLOAD_DELAY") > settings.getpriority("DOWNLOAD_TIMEOUT")
    assert settings["BOT_NAME"] == "newsscraper"
    assert settings.getint("DNS_TIMEOUT") == 60  # Scrapy's own default, kept
