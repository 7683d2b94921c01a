"""Site configuration: loading, defaults, and one clear error per invalid field."""

from pathlib import Path

import pytest

from scraper.config.sites import ConfigError, load_config, parse_config, select_sites

EXAMPLE = Path(__file__).parents[2] / "scraper" / "examples" / "sites.toml"


def test_shipped_example_is_valid():
    sites = load_config(EXAMPLE)
    assert [s.name for s in sites] == ["example-news", "arabic-example"]
    news = sites[0]
    assert news.domains == ("news.example.com",)
    assert news.politeness.download_delay == 2.0 and news.politeness.concurrency == 1
    assert news.is_article_url("https://news.example.com/2024/05/01/some-story/")
    assert not news.is_article_url("https://news.example.com/tag/2024/05/01/x/")  # deny wins
    assert news.owns("https://sub.news.example.com/x")
    assert not news.owns("https://news.example.com.evil.org/x")


def test_defaults_and_no_allow_rule_means_every_page_is_a_candidate():
    (site,) = parse_config({"sites": [{"name": "s", "start_urls": ["http://a.test/"]}]})
    assert site.max_depth == 3 and site.language is None and site.feeds == ()
    assert site.is_article_url("http://a.test/anything")


@pytest.mark.parametrize(
    ("site", "message"),
    [
        ({"start_urls": ["http://a.test/"]}, "site #1: field 'name'"),
        ({"name": "a b", "start_urls": ["http://a.test/"]}, "field 'name'"),
        ({"name": "s"}, "site 's': field 'start_urls'"),
        ({"name": "s", "start_urls": ["ftp://a.test/"]}, "field 'start_urls': not an absolute http(s) URL"),
        ({"name": "s", "start_urls": ["http://a.test/"], "allow": ["("]}, "field 'allow': invalid regular expression"),
        ({"name": "s", "start_urls": ["http://a.test/"], "language": "arabic"}, "field 'language'"),
        ({"name": "s", "start_urls": ["http://a.test/"], "feeds": "not-a-url"}, "field 'feeds'"),
        ({"name": "s", "start_urls": ["http://a.test/"], "max_depth": -1}, "field 'max_depth'"),
        ({"name": "s", "start_urls": ["http://a.test/"], "colour": "red"}, "field 'colour': unknown field"),
        ({"name": "s", "start_urls": ["http://a.test/"], "politeness": {"concurrency": 0}},
         "field 'politeness.concurrency'"),
        ({"name": "s", "start_urls": ["http://a.test/"], "politeness": {"download_delay": "1s"}},
         "field 'politeness.download_delay'"),
    ],
)
def test_invalid_fields_name_site_and_field(site, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_config({"sites": [site]})


def test_duplicate_names_and_empty_files_are_rejected():
    site = {"name": "s", "start_urls": ["http://a.test/"]}
    with pytest.raises(ConfigError, match="duplicate site name"):
        parse_config({"sites": [site, site]})
    with pytest.raises(ConfigError, match="no sites"):
        parse_config({})


def test_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[sites]\nname=", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml: not valid TOML"):
        load_config(bad)
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "missing.toml")


def test_select_sites_rejects_unknown_names():
    sites = load_config(EXAMPLE)
    assert [s.name for s in select_sites(sites, ["arabic-example"])] == ["arabic-example"]
    with pytest.raises(ConfigError, match="unknown site"):
        select_sites(sites, ["nope"])
