"""The news spider's callbacks on real Scrapy responses: what it requests and yields."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from scraper.config.project import project_defaults
from scraper.crawl.page import FetchedPage
from spiders.news import NewsSpider

CONFIG = """
[[sites]]
name = "a"
start_urls = ["http://a.test/"]
feeds = ["http://a.test/feed/"]
allow = ['/\\d{4}/\\d{2}/\\d{2}/[^/]+/$']
deny = ['/tag/']
language = "ar"
max_depth = 1
[sites.politeness]
download_delay = 0.5
concurrency = 3
"""


@pytest.fixture
def spider(tmp_path: Path) -> NewsSpider:
    config = tmp_path / "sites.toml"
    config.write_text(CONFIG, encoding="utf-8")
    # memory state: nothing written under the working directory
    crawler = get_crawler(NewsSpider, settings_dict={**project_defaults(), "SCRAPER_STATE": "memory"})
    crawler.stats.open_spider()
    # In a real crawl the spider is built before settings freeze; get_crawler freezes them.
    crawler.settings.frozen = False
    spider = NewsSpider.from_crawler(crawler, config=str(config))
    crawler.spider = spider
    return spider


def response(cls, url, body, depth=0, **meta):
    request = Request(url, meta={"site": "a", "depth": depth, **meta})
    return cls(url=url, body=body, request=request, encoding="utf-8")


def test_site_politeness_becomes_download_slots(spider):
    assert spider.crawler.settings.getdict("DOWNLOAD_SLOTS")["a.test"] == {"concurrency": 3, "delay": 0.5}
    assert spider.allowed_domains == ["a.test"]


async def _collect(agen):
    return [item async for item in agen]


def test_start_requests_robots_feeds_and_start_pages(spider):
    requests = asyncio.run(_collect(spider.start()))
    urls = [r.url for r in requests]
    assert urls == ["http://a.test/robots.txt", "http://a.test/feed/", "http://a.test/"]
    assert all(r.meta["site"] == "a" for r in requests)


def test_robots_sitemap_lines_are_followed(spider):
    body = b"User-agent: *\nDisallow: /private/\nSitemap: http://a.test/sitemap_index.xml\nSitemap: http://other.test/s.xml\n"
    requests = list(spider.parse_robots(response(TextResponse, "http://a.test/robots.txt", body)))
    assert [r.url for r in requests] == ["http://a.test/sitemap_index.xml"]


def test_news_sitemap_dates_travel_on_the_request(spider):
    body = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>http://a.test/2018/01/30/story/</loc><lastmod>2018-02-01</lastmod>
      <news:news><news:publication_date>2018-01-30T19:42:00+03:00</news:publication_date></news:news></url>
      <url><loc>http://a.test/about/</loc></url>
      <url><loc>http://other.test/2018/01/30/x/</loc></url></urlset>"""
    for payload, url in ((body, "http://a.test/news.xml"), (gzip.compress(body), "http://a.test/news.xml.gz")):
        cls = XmlResponse if url.endswith(".xml") else TextResponse
        (request,) = spider.parse_sitemap(response(cls, url, payload))
        assert request.url == "http://a.test/2018/01/30/story/"
        assert request.meta["lead_published"] == "2018-01-30T19:42:00+03:00"
        assert request.meta["lead_lastmod"] == "2018-02-01"


def test_invalid_sitemap_is_a_counted_skip(spider):
    assert list(spider.parse_sitemap(response(XmlResponse, "http://a.test/s.xml", b"<html/>"))) == []
    assert spider.crawler.stats.get_value("site/a/dropped/invalid_sitemap") == 1


def test_article_pages_are_yielded_and_links_followed_within_rules(spider):
    body = b"""<html><body>
      <a href="/2024/01/02/other/">article</a>
      <a href="/category/world/">section</a>
      <a href="/tag/x/">tag (denied)</a>
      <a href="http://elsewhere.test/2024/01/02/y/">offsite</a>
    </body></html>"""
    url = "http://a.test/2024/01/01/story/"
    out = list(spider.parse_page(response(HtmlResponse, url, body, lead_published="2024-01-01")))
    (page,) = [o for o in out if isinstance(o, FetchedPage)]
    assert page.url == url and page.site == "a" and page.language_hint == "ar"
    assert page.lead == {"lead_published": "2024-01-01"}
    followed = {r.url for r in out if isinstance(r, Request)}
    # an article page is a leaf: its section link is navigation, not followed
    assert followed == {"http://a.test/2024/01/02/other/"}
    assert spider.crawler.stats.get_value("site/a/leaf_links_skipped") == 1


def test_listing_pages_follow_article_and_listing_links(spider):
    body = b"""<html><body>
      <a href="/2024/01/02/other/">article</a>
      <a href="/category/world/">section</a>
      <a href="/tag/x/">tag (denied)</a>
    </body></html>"""
    out = list(spider.parse_page(response(HtmlResponse, "http://a.test/", body)))
    assert {r.url for r in out} == {"http://a.test/2024/01/02/other/", "http://a.test/category/world/"}


def test_start_pages_announce_feeds_the_config_does_not_name(spider):
    body = b"""<html><head>
      <link rel="alternate" type="application/rss+xml" href="/feed/">
      <link rel="alternate" type="application/atom+xml" href="/atom.xml">
      <link rel="alternate" type="application/rss+xml" href="http://other.test/rss">
      </head><body><p>Home</p></body></html>"""
    asyncio.run(_collect(spider.start()))  # the configured feed, /feed/, is requested there
    out = list(spider.parse_page(response(HtmlResponse, "http://a.test/", body)))
    feeds = [r for r in out if r.callback == spider.parse_feed]
    assert [r.url for r in feeds] == ["http://a.test/atom.xml"]
    assert spider.crawler.stats.get_value("site/a/feeds_discovered") == 1
    # deeper pages do not: only start pages are read for feeds
    deeper = list(spider.parse_page(response(HtmlResponse, "http://a.test/category/y/", body, depth=1)))
    assert not [r for r in deeper if r.callback == spider.parse_feed]


def test_listing_budget_cuts_only_non_article_links(spider):
    spider.crawler.settings.set("SITE_MAX_LISTING_REQUESTS", 1)
    links = "".join(f'<a href="/category/c{i}/">c</a><a href="/2024/01/0{i + 1}/s/">a</a>' for i in range(3))
    body = f"<html><body>{links}</body></html>".encode()
    out = list(spider.parse_page(response(HtmlResponse, "http://a.test/", body)))
    urls = [r.url for r in out]
    assert [u for u in urls if "/category/" in u] == ["http://a.test/category/c0/"]
    assert len([u for u in urls if "/2024/" in u]) == 3
    assert spider.crawler.stats.get_value("ignored/site_max_listing_requests") == 2


def test_depth_limit_stops_listing_pages_but_not_article_links(spider):
    body = b'<html><body><a href="/2024/01/02/x/">a</a><a href="/category/y/">s</a></body></html>'
    out = list(spider.parse_page(response(HtmlResponse, "http://a.test/category/z/", body, depth=1)))
    assert [r.url for r in out] == ["http://a.test/2024/01/02/x/"]


def test_a_page_read_for_its_item_and_links_keeps_no_decoded_copy(spider):
    # Scrapy holds the response until the item is written: the text is the item's
    body = b"""<html><body><p>story</p><a href="/2024/01/02/other/">article</a></body></html>"""
    page_response = response(HtmlResponse, "http://a.test/2024/01/01/story/", body)
    assert page_response.text  # as MetaRefreshMiddleware reads it before the spider
    out = list(spider.parse_page(page_response))
    assert any(isinstance(o, FetchedPage) and "story" in o.html for o in out)
    assert page_response._cached_ubody is None
