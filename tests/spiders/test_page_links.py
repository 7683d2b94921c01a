"""PageLinks gives the links Scrapy's LinkExtractor gives (those on the site's domains), in
the same order, on the demo sites' real pages and on a page of awkward hrefs, however many
pages its memory of resolved hrefs has seen."""

from __future__ import annotations

import re
import urllib.request

import pytest
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.response import get_base_url

from scraper.config.sites import SiteConfig, load_config
from scraper.demo.server import DemoServer
from spiders.page_links import PageLinks


def extractor_links(site: SiteConfig, response: HtmlResponse) -> list[tuple[str, bool]]:
    """What the spider read from LinkExtractor before PageLinks: the site's links."""
    extractor = LinkExtractor(deny=[p.pattern for p in site.deny], unique=True)
    return [(link.url, site.is_article_url(link.url))
            for link in extractor.extract_links(response.replace()) if site.owns(link.url)]


def page_links(reader: PageLinks, response: HtmlResponse) -> list[tuple[str, bool]]:
    links = reader.read(response.text, response.url, get_base_url(response), response.encoding)
    return [(link.url, link.article) for link in links]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with DemoServer() as server:
        config = server.write_config(tmp_path_factory.mktemp("demo") / "sites.toml")
        yield server, {site.name: site for site in load_config(config)}


def _fetch(url: str) -> HtmlResponse:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return HtmlResponse(url=answer.url, body=answer.read(),
                            headers={"Content-Type": answer.headers.get("Content-Type", "text/html")})


def test_demo_pages_give_the_links_link_extractor_gives(demo):
    server, sites = demo
    compared = 0
    for name, site in sites.items():
        reader = PageLinks(site)
        home = _fetch(server.url(name, "/"))
        pages = [home] + [_fetch(url) for url, _ in extractor_links(site, home)[:40]]
        for response in pages + pages:  # the second time round, from its memory
            expected = extractor_links(site, response)
            assert page_links(reader, response) == expected, response.url
            compared += len(expected)
        assert any(article for _, article in page_links(reader, home)), name
    assert compared > 500


AWKWARD = """<html><head><base href="/section/"></head><body>
<a href="story-1.html">relative to the base</a> <a href="/2026/01/02/top.html">root</a>
<a href="  /2026/01/02/top.html  ">root with spaces</a> <a href="/2026/01/02/top.html">again</a>
<a href="/2026/01/02/top.html#comments">fragment</a> <a href="?page=2">query only</a>
<a href="#top">fragment only</a> <a href="">empty</a> <a>no href</a>
<A HREF="/Upper/Case.HTML">upper case</A> <area href="/map/area.html">
<a href="//site.example/protocol-relative">protocol-relative</a>
<a href="https://site.example:443/port">default port</a> <a href="https://sub.site.example/sub">subdomain</a>
<a href="https://other.example/x">other host</a> <a href="https://user@other.example/">userinfo</a>
<a href="http://?utm_source=x">no host</a> <a href="http://[::1/bad">bad IPv6</a>
<a href="http://site.example\\@other.example/">backslash</a>
<a href="javascript:void(0)">script</a> <a href="mailto:news@site.example">mail</a>
<a href="tel:+123">phone</a> <a href="ftp://site.example/file.txt">ftp</a>
<a href="/files/report.PDF">a PDF</a> <a href="/img/photo.jpg?x=1">an image</a>
<a href="/doc.pdf;jsessionid=1">params</a> <a href="/tag/politics">denied</a>
<a href="/بحث/أخبار">Arabic path</a> <a href="/search?q=أخبار">Arabic query</a>
<a href="https://موقع.example/خبر">IDN host</a> <a href="/a b/c">a space</a>
<a href="/2026/01/02/top.html?b=2&amp;a=1">query order</a> <a href="/2026/01/02/top.html?a=1&amp;b=2">query order 2</a>
<script>document.write('<a href="/2026/in-script.html">x</a>')</script>
<!-- <a href="/2026/in-comment.html">commented out</a> -->
<noscript><a href="/2026/in-noscript.html">noscript</a></noscript>
</body></html>"""


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1256"])
def test_awkward_hrefs_give_the_links_link_extractor_gives(encoding):
    site = SiteConfig(name="site", start_urls=("https://site.example/",), domains=("site.example",),
                      allow=(re.compile(r"/20\d\d/"),), deny=(re.compile(r"/tag/"),))
    reader = PageLinks(site)
    for url in ("https://site.example/2026/01/01/a.html", "https://site.example/other/b.html?x=1"):
        response = HtmlResponse(url=url, body=AWKWARD.encode(encoding), encoding=encoding)
        expected = extractor_links(site, response)
        assert len(expected) > 10
        assert page_links(reader, response) == expected
        assert page_links(reader, response) == expected  # from its memory


def test_a_full_memory_starts_over_and_answers_the_same(demo):
    server, sites = demo
    name, site = next(iter(sites.items()))
    reader = PageLinks(site, remembered=5)
    home = _fetch(server.url(name, "/"))
    assert page_links(reader, home) == extractor_links(site, home)
    assert len(reader._resolved) <= 5


def test_a_page_with_nothing_to_parse_has_no_links():
    site = SiteConfig(name="site", start_urls=("https://site.example/",), domains=("site.example",))
    assert PageLinks(site).read("   ", "https://site.example/", "https://site.example/", "utf-8") == []
    assert PageLinks(site).read("\x00\x00", "https://site.example/", "https://site.example/", "utf-8") == []
