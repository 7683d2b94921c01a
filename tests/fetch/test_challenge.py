"""Bot walls are told from the site's pages by the challenge page's own markers."""

import pytest

from scraper.fetch.challenge import BODY_MARKERS, MAX_CHALLENGE_BYTES, challenge_service


def _page(title: str, body: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(("body", "headers", "service"), [
    (_page("Just a moment...", '<form id="challenge-form" action="/?__cf_chl_f_tk=x"></form>'), None, "cloudflare"),
    (_page("Attention Required! | Cloudflare"), None, "cloudflare"),
    (_page("news", "<script>window._cf_chl_opt={cvId: '3'}</script>"), None, "cloudflare"),
    (_page("example.com", '<script src="https://ct.captcha-delivery.com/c.js"></script>'), None, "datadome"),
    (_page("Access to this page has been denied", '<div id="px-captcha"></div>'), None, "perimeterx"),
    (_page("", "Request unsuccessful. Incapsula incident ID: 123-456"), None, "imperva"),
    (_page("Access Denied", "Reference #18.abc https://errors.edgesuite.net/18.abc"), None, "generic"),
    (_page("Sucuri WebSite Firewall - Access Denied"), None, "sucuri"),
    (_page("Example News"), {"cf-mitigated": "challenge"}, "cloudflare"),
    (_page("Example News"), {"X-Amzn-Waf-Action": "challenge"}, "aws-waf"),
])
def test_challenge_pages_are_recognised(body, headers, service):
    assert challenge_service(body, headers) == service


@pytest.mark.parametrize("body", [
    _page("Parliament passes the budget", "<p>The vote came late on Tuesday.</p>"),
    # an ordinary page with the scripts protection services inject everywhere
    _page("Parliament passes the budget",
          '<script src="/cdn-cgi/challenge-platform/h/b/scripts/jsd/main.js"></script>'
          '<script src="/_Incapsula_Resource?SWJIYLWA=719d"></script><p>The vote came late.</p>'),
    # an article about captchas is not one
    _page("Why captchas are getting harder", "<p>A captcha asks you to prove you are human.</p>"),
])
def test_the_sites_own_pages_are_not(body):
    assert challenge_service(body, {"Server": "cloudflare", "Content-Type": "text/html"}) is None


def test_a_long_page_counts_only_by_title_and_headers():
    filler = "<p>" + "text " * (MAX_CHALLENGE_BYTES // 5) + "</p>"
    body = _page("A long story", '<div id="px-captcha"></div>' + filler)
    assert challenge_service(body) is None
    assert challenge_service(_page("Just a moment...", filler)) == "cloudflare"


# --- a real crawl -----------------------------------------------------------------------------

CHALLENGE = (b'<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>'
             b'<form id="challenge-form" action="/?__cf_chl_f_tk=x"></form></body></html>')
BLOCK = (b'<html><head><title>example.com</title></head><body>'
         b'<script src="https://ct.captcha-delivery.com/c.js"></script></body></html>')


def _walled(path: str, count: int):
    if path == "/news/story-1":
        return 200, {}, CHALLENGE
    if path == "/news/story-2":
        return 403, {}, BLOCK
    return None


def _crawl(tmp_path, site, out: str, state: bool = True):
    from conftest import run_cli
    from test_politeness import FAST, write_config

    config = write_config(tmp_path / "sites.toml", {"walled": site})
    args = ["crawl", str(config), "--out", str(tmp_path / out), "-s", "SCRAPER_ALLOW_PRIVATE=True",
            "-s", "RETRY_ENABLED=False", *(f"-s{s}" for s in FAST)]
    return run_cli(*args, *([] if state else ["--no-state"]), timeout=120)


def _row(stdout: str) -> dict[str, str]:
    lines = stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("site "))
    return dict(zip(lines[at].split(), lines[at + 2].split(), strict=False))


def test_challenge_pages_are_counted_as_blocked_and_asked_again_next_crawl(tmp_path):
    from test_politeness import Site, news_route, written_urls

    articles = [f"/news/story-{i}" for i in (1, 2, 3)]
    with Site("127.0.0.1", news_route(articles, special=_walled)) as site:
        first = _crawl(tmp_path, site, "out")
        assert first.returncode == 0, first.stderr[-3000:]  # the site was read: its third article
        assert _row(first.stdout)["blocked"] == "2", first.stdout
        assert "a cloudflare challenge or block page" in first.stderr
        assert "a datadome challenge or block page" in first.stderr
        assert written_urls(tmp_path / "out") == {site.base + "/news/story-3"}
        assert "not_article" not in first.stdout
        site.hits.clear()
        again = _crawl(tmp_path, site, "out")
        # not remembered as dropped and the site not marked crawled: both asked again
        assert {"/news/story-1", "/news/story-2"} <= set(site.paths()), site.paths()
        assert _row(again.stdout)["blocked"] == "2", again.stdout


def test_a_site_behind_a_wall_exits_3_saying_so(tmp_path):
    from test_politeness import Site, news_route

    def everything_walled(path: str, count: int):
        return None if path == "/robots.txt" else (200, {}, CHALLENGE)

    with Site("127.0.0.1", news_route([], special=everything_walled)) as site:
        result = _crawl(tmp_path, site, "out", state=False)
    assert result.returncode == 3, result.stderr[-3000:]
    assert "scraper: walled: every page was a bot wall's challenge or block page (1 blocked)" in result.stderr


def test_body_markers_are_lowercase_since_they_are_looked_for_in_the_lowercased_head():
    assert all(marker == marker.lower() for _, markers in BODY_MARKERS for marker in markers)
