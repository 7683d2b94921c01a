"""Sitemap and feed parsing: indexes, Google News dates, feeds, hostile input."""

import gzip
import time

from scraper.discovery import parse_feed, parse_feed_page, parse_sitemap

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://a.test/posts.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
  <sitemap><loc>/news.xml</loc></sitemap>
</sitemapindex>"""

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>http://a.test/2018/01/30/story/</loc>
    <lastmod>2018-02-01T10:00:00+03:00</lastmod>
    <news:news>
      <news:publication><news:name>A</news:name><news:language>ar</news:language></news:publication>
      <news:publication_date>2018-01-30T19:42:00+03:00</news:publication_date>
      <news:title>داخل سوريا</news:title>
    </news:news>
  </url>
  <url><loc>http://a.test/about/</loc></url>
</urlset>""".encode()


def test_sitemap_index_lists_child_sitemaps_resolved():
    page = parse_sitemap(INDEX, base_url="http://a.test/sitemap_index.xml")
    assert page.kind == "sitemapindex"
    assert page.sitemaps == ["http://a.test/posts.xml", "http://a.test/news.xml"]


def test_news_sitemap_keeps_publication_date_title_and_lastmod():
    page = parse_sitemap(NEWS)
    assert page.kind == "urlset"
    first, second = page.leads
    assert first.source == "news-sitemap"
    assert first.published == "2018-01-30T19:42:00+03:00"
    assert first.lastmod == "2018-02-01T10:00:00+03:00"
    assert first.title == "داخل سوريا"
    assert first.as_meta()["lead_published"] == "2018-01-30T19:42:00+03:00"
    assert second.source == "sitemap" and second.published is None


def test_garbage_and_entities_give_invalid_or_nothing():
    assert parse_sitemap(b"").kind == "invalid"
    assert parse_sitemap(b"<html><body>not a sitemap</body></html>").kind == "invalid"
    assert parse_sitemap(gzip.compress(NEWS)).kind == "invalid"  # caller gunzips
    xxe = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&x;</loc></url></urlset>"""
    page = parse_sitemap(xxe)
    assert all("root:" not in lead.url for lead in page.leads)


RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>T</title><link>http://a.test/</link>
<item><title>One</title><link>http://a.test/2024/05/01/one/</link>
<pubDate>Wed, 01 May 2024 08:30:00 +0300</pubDate></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Two</title><link href="/news/two-2.html"/>
<updated>2024-05-02T10:00:00Z</updated><published>2024-05-02T09:00:00Z</published></entry>
</feed>"""


def test_rss_items_become_leads_with_utc_dates():
    (lead,) = parse_feed(RSS, base_url="http://a.test/feed/")
    assert lead.url == "http://a.test/2024/05/01/one/"
    assert lead.published == "2024-05-01T05:30:00+00:00"
    assert lead.source == "feed" and lead.title == "One"


def test_atom_links_are_resolved_against_the_feed_url():
    (lead,) = parse_feed(ATOM, base_url="http://a.test/feed.atom")
    assert lead.url == "http://a.test/news/two-2.html"
    assert lead.published == "2024-05-02T09:00:00+00:00"
    assert lead.lastmod == "2024-05-02T10:00:00+00:00"


def test_non_feed_gives_no_leads():
    assert parse_feed(b"") == []
    assert parse_feed(b"<html><body>hello</body></html>") == []


# --- Caps: bounded work per feed and per sitemap index -----------------------------------

def _rss(items: int) -> bytes:
    entries = "".join(
        f"<item><title>Story {i}</title><link>http://a.test/news/{i}</link>"
        f"<pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate></item>"
        for i in range(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{entries}</channel></rss>'.encode()


def test_a_feed_is_cut_at_max_items_in_feed_order():
    page = parse_feed_page(_rss(30), "http://a.test/feed", max_items=10)
    assert page.truncated
    assert [lead.url for lead in page.leads] == [f"http://a.test/news/{i}" for i in range(10)]
    assert page.leads[-1].published == "2024-05-06T10:00:00+00:00"
    assert parse_feed(_rss(30), max_items=10) == page.leads


def test_a_feed_within_the_cap_is_whole_and_not_truncated():
    page = parse_feed_page(_rss(10), max_items=10)
    assert not page.truncated and len(page.leads) == 10
    assert len(parse_feed(_rss(30))) == 30  # no cap given: all


def test_an_atom_feed_is_cut_too():
    entries = "".join(f'<entry><title>E{i}</title><link href="/e/{i}"/></entry>' for i in range(20))
    body = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>{entries}</feed>'.encode()
    page = parse_feed_page(body, "http://a.test/atom", max_items=5)
    assert page.truncated and [lead.url for lead in page.leads] == [f"http://a.test/e/{i}" for i in range(5)]


def test_a_huge_feed_costs_only_its_first_items():
    # feedparser on all 115,000 items took 15 s; cut before parsing, the rest is a byte scan
    body = _rss(115_000)
    started = time.perf_counter()
    page = parse_feed_page(body, max_items=1_000)
    assert time.perf_counter() - started < 8.0
    assert page.truncated and len(page.leads) == 1_000


def test_a_sitemap_index_is_cut_at_max_sitemaps():
    entries = "".join(f"<sitemap><loc>http://a.test/s{i}.xml</loc></sitemap>" for i in range(50))
    body = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'.encode()
    page = parse_sitemap(body, max_sitemaps=20)
    assert page.kind == "sitemapindex" and page.index_truncated and not page.truncated
    assert page.sitemaps == [f"http://a.test/s{i}.xml" for i in range(20)]
    whole = parse_sitemap(body, max_sitemaps=50)
    assert not whole.index_truncated and len(whole.sitemaps) == 50


def test_max_sitemaps_does_not_cut_a_url_set():
    entries = "".join(f"<url><loc>http://a.test/news/{i}</loc></url>" for i in range(50))
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()
    page = parse_sitemap(body, max_sitemaps=5)
    assert not page.index_truncated and len(page.leads) == 50
