"""The bench site: generated pages are distinct articles; its sitemaps and robots.txt
follow the protocol; a directory of HTML files can stand in for the generated pages."""

from __future__ import annotations

import re
import urllib.request
from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest

from scraper.bench.server import BenchServer, build_site, serve
from scraper.bench.site import GeneratedSite, HtmlDirSite
from scraper.extract import extract_article

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_generated_pages_are_extracted_as_articles_with_distinct_texts():
    site = GeneratedSite(30)
    texts, titles = set(), set()
    for number in range(1, 31):
        path = site.path(number)
        assert site.number_of(path) == number
        page = site.render(path, "http://127.0.0.1:9", {})
        assert page.status == 200
        html = page.body.decode("utf-8")
        for chrome in ('class="byline"', "<nav", 'class="related-stories"', "<footer", "<time"):
            assert chrome in html, chrome
        record = extract_article(page.body, "http://127.0.0.1:9" + path)
        assert record is not None and record.page_type == "article", (number, record and record.page_signals)
        assert record.title and record.authors and record.date_published
        assert len(record.text) > 1000 and "Sign up for our morning briefing" not in record.text
        texts.add(record.text)
        titles.add(record.title)
    assert len(texts) == 30


def test_pages_are_the_same_every_time_and_unknown_paths_are_not_articles():
    site = GeneratedSite(5)
    assert site.render(site.path(3), "http://h", {}).body == GeneratedSite(5).render(site.path(3), "http://h", {}).body
    assert site.number_of(site.path(3).replace(".html", "x.html")) is None
    assert site.number_of(re.sub(r"-3\.html$", "-6.html", site.path(3))) is None  # beyond the site
    assert site.render("/news/world/nothing-here-99.html", "http://h", {}).status == 404
    assert site.render("/", "http://h", {}).status == 200


@pytest.fixture
def served():
    started = []

    def start(site, sitemap_size):
        httpd = serve(BenchServer(site, sitemap_size))
        started.append(httpd)
        return "http://{}:{}".format(*httpd.server_address[:2])

    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read()


def test_robots_allows_all_and_the_sitemap_index_lists_every_article_once(served):
    site = GeneratedSite(25)
    base = served(site, 10)
    robots = _get(base + "/robots.txt").decode()
    assert "Allow: /" in robots and "Disallow" not in robots and f"Sitemap: {base}/sitemap.xml" in robots
    index = ElementTree.fromstring(_get(base + "/sitemap.xml"))
    sitemaps = index.findall("sm:sitemap", NS)
    assert len(sitemaps) == 3  # 10 + 10 + 5 URLs
    urls = []
    for entry in sitemaps:
        assert entry.find("sm:lastmod", NS).text
        urlset = ElementTree.fromstring(_get(entry.find("sm:loc", NS).text))
        chunk = urlset.findall("sm:url", NS)
        assert 1 <= len(chunk) <= 10
        assert all(url.find("sm:lastmod", NS).text for url in chunk)
        urls += [url.find("sm:loc", NS).text for url in chunk]
    assert urls == [base + site.path(n) for n in range(1, 26)]
    assert _get(urls[0]).startswith(b"<!DOCTYPE html>")


def test_sitemap_files_never_exceed_the_protocol_limit():
    with pytest.raises(ValueError):
        BenchServer(GeneratedSite(1), 50_001)
    assert BenchServer(GeneratedSite(100_000)).sitemap_files == 2


def test_a_directory_of_html_files_is_served_as_the_articles(tmp_path, served):
    generated = GeneratedSite(3)
    for number in range(1, 4):
        (tmp_path / f"page-{number}.html").write_bytes(generated.render(generated.path(number), "http://x", {}).body)
    (tmp_path / "notes.txt").write_text("not a page")
    site = build_site(None, str(tmp_path))
    assert isinstance(site, HtmlDirSite) and site.pages == 3
    assert build_site(2, str(tmp_path)).pages == 2
    base = served(site, 50_000)
    assert _get(base + "/articles/2.html") == (tmp_path / "page-2.html").read_bytes()
    assert b"/articles/3.html" in _get(base + "/sitemaps/articles-1.xml")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no .html"):
        HtmlDirSite(tmp_path / "empty")


def test_every_article_of_a_million_is_dated_in_the_past():
    """A future date sends htmldate (and trafilatura, configuration c) searching the page."""
    site = GeneratedSite(1_000_000)
    assert site.published(1_000_000) < datetime(2025, 1, 1, tzinfo=UTC)
    assert site.published(1) < site.published(2)
