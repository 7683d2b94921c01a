"""A non-HTML answer at a link (a PDF behind an address without .pdf, say) is remembered,
not fetched every crawl. (Links ending in .pdf, .jpg ... Scrapy's link extractor skips.)"""

from conftest import run_cli
from test_politeness import FAST, Site, news_route, write_config


def test_a_linked_pdf_is_fetched_once_then_remembered(tmp_path):
    articles = ["/news/story-1"]

    def with_pdf(path: str, count: int):
        if path == "/":
            return 200, {}, (b'<html><body><a href="/news/story-1">One</a> '
                             b'<a href="/download/report">PDF</a></body></html>')
        if path == "/download/report":
            return 200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 not a page"
        return None

    with Site("127.0.0.1", news_route(articles, special=with_pdf)) as site:
        config = write_config(tmp_path / "sites.toml", {"docs": site})
        args = ["crawl", str(config), "--out", str(tmp_path / "out"), "-s", "SCRAPER_ALLOW_PRIVATE=True",
                *(f"-s{s}" for s in FAST)]
        first = run_cli(*args)
        assert first.returncode == 0, first.stderr[-3000:]
        assert site.paths().count("/download/report") == 1
        assert "Skipped " + site.base + "/download/report: not_html (Content-Type application/pdf)" in first.stderr
        site.hits.clear()
        second = run_cli(*args)
        assert second.returncode == 0, second.stderr[-3000:]
        assert "/" in site.paths() and "/download/report" not in site.paths(), site.paths()
