"""The bundled demo sites, served for real on 127.0.0.1 (offline, fast)."""

from __future__ import annotations

import re
import tomllib
import urllib.error
import urllib.request
from datetime import datetime

import pytest
from lxml import etree
from lxml import html as lxml_html

from scraper.demo import DemoArticle, DemoServer, article_url_regex, load_demo_sites

AR, EN = "arabic-demo", "english-demo"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SEED_SLUG = "daesh-regroups-inside-syria"
SEED_TITLE = "داخل سوريا .. “داعش” يعيد ترتيب صفوفه !"


@pytest.fixture(scope="module")
def server():
    with DemoServer() as srv:
        yield srv


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers.items()), exc.read()


def get_text(server: DemoServer, site: str, path: str) -> str:
    status, headers, body = fetch(server.base_url(site) + path)
    assert status == 200, (site, path, status)
    assert "charset=utf-8" in headers["Content-Type"]
    return body.decode("utf-8")


def sitemap_locs(server: DemoServer, site: str, kind: str) -> list[etree._Element]:
    index = etree.fromstring(fetch(server.base_url(site) + server.site(site).sitemap_index_path)[2])
    locs = [loc.text for loc in index.iter(SM + "loc")]
    chosen = [u for u in locs if kind in u]
    assert len(chosen) == 1, (kind, locs)
    status, _, body = fetch(chosen[0])
    assert status == 200
    return etree.fromstring(body).findall(SM + "url")


# --- data ---------------------------------------------------------------------------------

def test_data_shape():
    sites = {s.name: s for s in load_demo_sites()}
    assert set(sites) == {AR, EN}
    for site in sites.values():
        assert 20 <= len(site.articles) <= 30
        assert 3 <= len(site.sections) <= 4
        assert len({a.slug for a in site.articles}) == len(site.articles)
        for a in site.articles:
            if a.slug != SEED_SLUG:  # the seed keeps its real 16 blocks
                assert 4 <= len(a.blocks) <= 12, a.slug
            assert datetime.fromisoformat(a.date_published).utcoffset() is not None
            assert a.modified >= a.published
            assert a.authors and a.title and a.description
    ar = sites[AR]
    assert sum(1 for a in ar.articles if a.byline) >= 8
    seed = ar.get(SEED_SLUG)
    assert seed.title == SEED_TITLE
    assert seed.authors == ["لميس السيد"]
    assert seed.byline == "خاص : ترجمة – لميس السيد :"
    assert seed.date_published == "2018-01-30T19:42:00+03:00"
    assert [t for k, t in seed.blocks if k != "p"] == ["تركيز مشتت..", "العودة من بوابة الصحراء.."]
    text = seed.body_text()
    assert text.startswith("على مدى العام الماضي")
    assert "أخبار ذات صلة" not in text and "خاص :" not in text and SEED_TITLE not in text
    assert "“بشار الأسد”" in text


# --- pages --------------------------------------------------------------------------------

def test_home_pages(server):
    page = get_text(server, AR, "/")
    assert 'dir="rtl"' in page and 'lang="ar"' in page
    assert "آخر الأخبار" in page and "الراصد" in page
    page = get_text(server, EN, "/")
    assert '<html lang="en">' in page and "Latest news" in page


def test_robots(server):
    for name, prefix in ((AR, "/private/"), (EN, "/members/")):
        text = get_text(server, name, "/robots.txt")
        lines = text.splitlines()
        assert "User-agent: *" in lines
        disallows = [line for line in lines if line.startswith("Disallow:")]
        assert disallows == [f"Disallow: {prefix}"]
        site = server.site(name)
        assert f"Sitemap: {server.base_url(name)}{site.sitemap_index_path}" in lines
        port = server.base_url(name).rsplit(":", 1)[1]
        assert f":{port}/" in [line for line in lines if line.startswith("Sitemap:")][0]
        # the disallowed page exists and is linked from the footer of every page type
        for path in site.disallowed_paths():
            assert path.startswith(prefix)
            assert path in get_text(server, name, "/")
            assert path in get_text(server, name, site.article_paths()[0])


def test_sitemaps_list_every_article(server):
    for name in (AR, EN):
        site = server.site(name)
        base = server.base_url(name)
        posts = sitemap_locs(server, name, "article" if name == EN else "post")
        by_url = {u.findtext(SM + "loc"): u.findtext(SM + "lastmod") for u in posts}
        for a in site.articles:
            assert by_url[base + site.article_path(a)] == a.date_modified
        news = sitemap_locs(server, name, "news")
        assert {u.findtext(SM + "loc") for u in news} == {base + p for p in site.article_paths()}
        for u in news:
            assert u.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") == site.language
            assert u.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name") == site.title
            assert datetime.fromisoformat(u.findtext(f"{NEWS}news/{NEWS}publication_date")).tzinfo
            assert u.findtext(f"{NEWS}news/{NEWS}title")
        pages = {u.findtext(SM + "loc") for u in sitemap_locs(server, name, "page")}
        assert {base + "/about/", base + "/contact/"} <= pages


def test_rss(server):
    for name in (AR, EN):
        site = server.site(name)
        status, headers, body = fetch(server.base_url(name) + site.feed_path)
        assert status == 200 and "xml" in headers["Content-Type"]
        rss = etree.fromstring(body)
        items = rss.findall("channel/item")
        assert 10 <= len(items) <= 15
        pattern = re.compile(article_url_regex(site, server.base_url(name)))
        for item in items:
            assert pattern.search(item.findtext("link"))
            assert item.findtext("guid") == item.findtext("link")
            assert re.match(r"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$", item.findtext("pubDate"))
            assert item.findtext("title") and item.findtext("description")
        assert items[0].findtext("title") == site.articles[0].title


def test_every_article_page(server):
    for name in (AR, EN):
        site = server.site(name)
        for a in site.articles:
            status, headers, body = fetch(server.base_url(name) + site.article_path(a))
            assert status == 200, a.slug
            assert headers["Content-Type"] == "text/html; charset=utf-8"
            assert "Last-Modified" in headers
            page = body.decode("utf-8")
            title = lxml_html.fromstring(body).findtext(".//title")
            assert title == f"{a.title} – {site.title}"
            assert '<meta property="og:type" content="article">' in page
            assert "NewsArticle" in page and '<link rel="canonical"' in page


def test_non_article_pages_and_404(server):
    for name in (AR, EN):
        site = server.site(name)
        for path in site.non_article_paths():
            status, _, body = fetch(server.base_url(name) + path)
            assert status == 200, path
            assert b'content="website"' in body
        assert fetch(server.base_url(name) + "/no/such/page/")[0] == 404
        assert fetch(server.base_url(name) + "/tag/no-such-tag/")[0] == 404
    assert any("/page/2/" in p for p in server.site(AR).non_article_paths())
    assert any("/page/2/" in p for p in server.site(EN).non_article_paths())


def test_seed_article_chrome(server):
    site = server.site(AR)
    page = get_text(server, AR, site.article_path(site.get(SEED_SLUG)))
    doc = lxml_html.fromstring(page)
    clock = doc.xpath('//*[contains(@class,"date-time")]')[0].text_content()
    assert re.fullmatch(r"\d{1,2} \S+، \d{4} \d{1,2}:\d{2} [صم]", clock)
    assert str(datetime.now().year) in clock
    assert "<span class=\"screen-reader-text\">Search</span>" in page
    assert "Close this search box." in page
    assert "<p><strong>خاص : ترجمة – لميس السيد :</strong></p>" in page
    assert page.count("أخبار ذات صلة") >= 2
    assert '<meta property="article:published_time" content="2018-01-30T19:42:00+03:00">' in page
    assert '"datePublished": "2018-01-30T19:42:00+03:00"' in page
    assert page.count(SEED_TITLE) >= 3  # <title>, h1 and repeated at the top of the body
    for word in ("فيسبوك", "تويتر", "واتساب", "الأكثر قراءة"):
        assert word in page
    # the body paragraphs appear in order
    text = doc.xpath('//div[contains(@class,"entry-content")]')[0].text_content()
    pos = [text.index(t) for _, t in site.get(SEED_SLUG).blocks]
    assert pos == sorted(pos)


def test_english_chrome(server):
    site = server.site(EN)
    a = next(a for a in site.articles if len(a.authors) == 2)
    page = get_text(server, EN, site.article_path(a))
    for needle in ("We use cookies", "Accept", "Manage preferences", "Sign up for our morning briefing",
                   "Share on Facebook", "Share on X", "Print", "Read more", "Related", "comment-author",
                   "By <a rel=\"author\""):
        assert needle in page, needle
    assert all(n in page for n in a.authors)
    assert 2 <= page.count('class="comment"') <= 3


def test_publish_and_update(server):
    site = server.site(AR)
    base = server.base_url(AR)
    new = DemoArticle(
        slug="breaking-test-article", section="politics", title="خبر عاجل للاختبار",
        authors=["فريق الاختبار"], date_published="",
        description="وصف قصير", blocks=[("p", "فقرة أولى للاختبار."), ("p", "فقرة ثانية.")],
    )
    site.publish(new)
    path = site.article_path(new)
    assert re.search(site.article_path_regex, path)
    assert "خبر عاجل للاختبار" in get_text(server, AR, "/")
    assert base + path in get_text(server, AR, "/feed/")
    assert base + path in get_text(server, AR, "/post-sitemap.xml")
    assert base + path in get_text(server, AR, "/news-sitemap.xml")
    assert get_text(server, AR, path).count("خبر عاجل للاختبار") >= 2

    def lastmod() -> str:
        urls = sitemap_locs(server, AR, "post")
        return next(u.findtext(SM + "lastmod") for u in urls if u.findtext(SM + "loc") == base + path)

    before = lastmod()
    site.update(new.slug, title="خبر عاجل محدث")
    after = lastmod()
    assert after != before and datetime.fromisoformat(after) > datetime.fromisoformat(before)
    assert "خبر عاجل محدث" in get_text(server, AR, path)
    # conditional GET honours Last-Modified
    _, headers, _ = fetch(base + path)
    assert fetch(base + path, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304


def test_requested_paths(server):
    fetch(server.base_url(EN) + "/robots.txt")
    fetch(server.base_url(EN) + "/about/?x=1")
    paths = server.requested_paths(EN)
    assert paths[-2:] == ["/robots.txt", "/about/?x=1"]
    # tests above fetched many pages of both sites but never a disallowed one
    assert not any(p.startswith("/private/") for p in server.requested_paths(AR))
    assert not any(p.startswith("/members/") for p in paths)


def test_write_config(server, tmp_path):
    path = server.write_config(tmp_path / "sites.toml")
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    sites = {s["name"]: s for s in config["sites"]}
    assert set(sites) == {AR, EN}
    for name, entry in sites.items():
        site = server.site(name)
        base = server.base_url(name)
        assert entry["start_urls"] == [base + "/"]
        assert entry["feeds"] == [base + site.feed_path]
        assert entry["language"] == site.language
        assert entry["politeness"] == {"download_delay": 0.0, "concurrency": 8}
        (allow,) = entry["allow"]
        assert allow == article_url_regex(site, base)
        for p in site.article_paths():
            assert re.search(allow, base + p), p
        others = site.non_article_paths() + site.disallowed_paths() + [
            "/robots.txt", site.feed_path, site.sitemap_index_path]
        for p in others:
            assert not re.search(allow, base + p), p
        # other hosts/ports never match
        assert not re.search(allow, "http://127.0.0.1:1" + site.article_paths()[0])


def test_two_servers_get_distinct_ports():
    with DemoServer() as a, DemoServer() as b:
        ports = {a.base_url(AR), a.base_url(EN), b.base_url(AR), b.base_url(EN)}
        assert len(ports) == 4
