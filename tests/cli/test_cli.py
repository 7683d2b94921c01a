"""The command line: clear errors with exit code 2, extract prints JSON, scrapy list works."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def test_invalid_config_names_site_and_field_and_exits_2(cli, tmp_path):
    config = tmp_path / "sites.toml"
    config.write_text('[[sites]]\nname = "good"\nstart_urls = ["http://a.test/"]\n'
                      '[[sites]]\nname = "broken"\nstart_urls = ["http://b.test/"]\nmax_depth = "deep"\n')
    result = cli("crawl", str(config), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "site 'broken': field 'max_depth'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_config_and_unknown_site_exit_2(cli, tmp_path):
    result = cli("crawl", str(tmp_path / "nope.toml"), "--out", str(tmp_path))
    assert result.returncode == 2 and "file not found" in result.stderr
    example = ROOT / "scraper" / "examples" / "sites.toml"
    result = cli("crawl", str(example), "--out", str(tmp_path), "--site", "missing")
    assert result.returncode == 2 and "unknown site(s): missing" in result.stderr


def test_bad_setting_syntax_is_a_usage_error(cli, tmp_path):
    result = cli("crawl", "x.toml", "--out", str(tmp_path), "-s", "NOEQUALS")
    assert result.returncode == 2 and "expected NAME=VALUE" in result.stderr


HARBOUR_PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of a long enough article body about the harbour and its ships, "
    f"written so that the extractor sees real prose in sentence number {i}.</p>"
    for i in range(8)
)


def _harbour_page(tmp_path, head: str):
    page = tmp_path / "page.html"
    page.write_text(
        f'<html lang="en"><head>{head}</head>'
        f"<body><article><h1>Harbour news</h1>{HARBOUR_PARAGRAPHS}</article></body></html>",
        encoding="utf-8",
    )
    return page


def test_extract_prints_the_record_as_json(cli, tmp_path):
    page = _harbour_page(
        tmp_path,
        '<title>Harbour news – Gazette</title>'
        '<meta property="og:type" content="article"><meta property="og:site_name" content="Gazette">'
        '<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">',
    )
    result = cli("extract", str(page), "--url", "http://a.test/2024/03/05/harbour/")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["url"] == "http://a.test/2024/03/05/harbour/"
    assert record["title"] == "Harbour news"
    assert record["text"].startswith("Paragraph 0")
    assert record["date_published"].startswith("2024-03-05")


def test_extract_prints_what_a_listing_holds_with_its_verdict_and_exits_1(cli, tmp_path):
    page = tmp_path / "tag.html"
    page.write_text("<html><body><ul>" + "".join(
        f"<li><a href='/news/{i}'>Story {i} on the harbour and its ships</a></li>" for i in range(30))
        + "</ul></body></html>", encoding="utf-8")
    result = cli("extract", str(page), "--url", "http://a.test/tag/harbour/")
    assert result.returncode == 1
    record = json.loads(result.stdout)
    assert record["page_type"] == "listing" and "url:listing" in record["page_signals"]
    assert "is not an article (listing: url:listing" in result.stderr


ARABIC = (
    "أعلنت وزارة الزراعة اليوم عن خطة جديدة لترشيد استهلاك المياه في المحافظات الجنوبية، "
    "بعد موسم جاف أثّر على محاصيل القمح والشعير. وقال المتحدث باسم الوزارة إن الخطة تشمل "
    "دعم المزارعين بأنظمة الري بالتنقيط وتدريبهم على استخدامها خلال الأشهر المقبلة."
)


def test_extract_decodes_the_file_as_the_crawl_does(cli, tmp_path):
    # windows-1256 bytes under a wrong <meta charset="utf-8">, as real sites serve them
    page = tmp_path / "arabic.html"
    body = "".join(f"<p>{ARABIC} ({i})</p>" for i in range(5))
    page.write_bytes(
        '<html lang="ar"><head><meta charset="utf-8"><title>خطة المياه</title>'
        '<meta property="og:type" content="article"></head>'
        f"<body><article><h1>خطة المياه</h1>{body}</article></body></html>".encode("cp1256"))
    result = cli("extract", str(page), "--url", "http://a.test/2024/03/05/water/")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert ARABIC in record["text"]
    assert "\ufffd" not in record["text"]


def test_extract_prints_a_record_whose_metadata_holds_a_lone_surrogate(cli, tmp_path):
    page = _harbour_page(
        tmp_path,
        '<title>Harbour news</title>'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour news",'
        ' "description": "A \\ud800 b", "author": {"@type": "Person", "name": "Ann \\udc00Lee"}}</script>',
    )
    result = cli("extract", str(page), "--url", "http://a.test/2024/03/05/harbour/")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["description"] == "A \ufffd b"


def test_extract_of_a_missing_file_exits_2(cli, tmp_path):
    result = cli("extract", str(tmp_path / "missing.html"))
    assert result.returncode == 2 and "cannot read" in result.stderr


def test_scrapy_list_from_the_repository_root():
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["news", "warc-replay"]
    assert (Path(ROOT) / "scrapy.cfg").read_text().count("scraper.config.settings") == 1


def test_crawl_refuses_a_site_that_another_process_is_crawling(cli, tmp_path):
    from scraper.store.locks import site_lock

    example = ROOT / "scraper" / "examples" / "sites.toml"
    with site_lock(tmp_path / "out" / ".state", "example-news"):
        result = cli("crawl", str(example), "--out", str(tmp_path / "out"), "--site", "example-news")
    assert result.returncode == 1 and "already being crawled" in result.stderr


def test_in_memory_state_still_locks_where_the_state_would_be(cli, tmp_path):
    from scraper.store.locks import site_lock

    example = ROOT / "scraper" / "examples" / "sites.toml"
    with site_lock(tmp_path / "out" / ".state", "example-news"):
        result = cli("crawl", str(example), "--out", str(tmp_path / "out"), "--site", "example-news", "--no-state")
    assert result.returncode == 1 and "already being crawled" in result.stderr
    with site_lock(tmp_path / "elsewhere", "example-news"):
        result = cli("crawl", str(example), "--out", str(tmp_path / "out"), "--site", "example-news",
                     "--no-state", "--state", str(tmp_path / "elsewhere"))
    assert result.returncode == 1 and "already being crawled" in result.stderr


def test_a_second_crawl_into_the_same_out_with_another_state_is_refused(cli, tmp_path):
    """The site lock is keyed by the output directory too: two states, one output, no duplicates."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    release, reached = threading.Event(), threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            reached.set()
            release.wait(60)  # the first crawl holds its locks until the test lets it go
            self.send_error(404)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = tmp_path / "sites.toml"
    config.write_text(f'[[sites]]\nname = "slow"\nstart_urls = ["http://127.0.0.1:{server.server_port}/"]\n'
                      'language = "en"\n', encoding="utf-8")
    out = tmp_path / "out"
    common = ("crawl", str(config), "--out", str(out), "--allow-private", "-s", "RETRY_ENABLED=False")
    first: list = []
    thread = threading.Thread(target=lambda: first.append(cli(*common, "--state", str(tmp_path / "state-a"))))
    thread.start()
    try:
        assert reached.wait(60), "the first crawl never reached the site"
        second = cli(*common, "--state", str(tmp_path / "state-b"))
    finally:
        release.set()
        thread.join(120)
        server.shutdown()
        server.server_close()
    assert second.returncode == 1, second.stdout + second.stderr
    assert "site 'slow' is already being crawled" in second.stderr
    assert str(out / ".locks" / "slow.lock") in second.stderr
    assert first and first[0].returncode == 0, first[0].stderr[-3000:] if first else "no result"


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "sites.toml"
    config.write_text('[[sites]]\nname = "a"\nstart_urls = ["http://a.test/"]\n', encoding="utf-8")
    return config


def test_out_that_is_a_file_is_a_usage_error_in_one_line(cli, tmp_path):
    (tmp_path / "taken").write_text("x")
    result = cli("crawl", str(_config(tmp_path)), "--out", str(tmp_path / "taken"))
    assert result.returncode == 2
    assert "is a file, not a directory" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("value", "expected"), [
    ("DOWNLOAD_DELAY=abc", "expected a number (the default is 1.0)"),
    ("CONCURRENT_REQUESTS=2.5", "expected a whole number"),
    ("ROBOTSTXT_OBEY=maybe", "expected True or False"),
    ("DROP_MEMORY_TTL=30d", "expected a JSON object"),
])
def test_a_setting_of_the_wrong_type_is_a_usage_error_naming_it(cli, tmp_path, value, expected):
    result = cli("crawl", str(_config(tmp_path)), "--out", str(tmp_path / "out"), "-s", value)
    assert result.returncode == 2
    assert f"-s {value}: {expected}" in result.stderr and "Traceback" not in result.stderr


def test_a_corrupt_state_is_set_aside_and_rebuilt_from_the_records(cli, tmp_path):
    from dropsite.site import DropSite

    with DropSite(per_kind=2) as site:
        config = tmp_path / "sites.toml"
        config.write_text(site.config(), encoding="utf-8")
        out = tmp_path / "out"
        fast = ["--out", str(out), "--allow-private", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
        assert cli("crawl", str(config), *fast).returncode == 0
        written = [line for f in out.glob("*/*.jsonl") for line in f.read_text("utf-8").splitlines()]
        assert written
        state = out / ".state" / "state.sqlite"
        state.write_bytes(b"this is not a database" * 100)
        site.clear()
        result = cli("crawl", str(config), *fast)
        assert result.returncode == 0, result.stderr
        assert "was not a readable database" in result.stderr and "rebuilding it from the records" in result.stderr
        assert list((out / ".state").glob("state.sqlite.corrupt-*"))
        again = [line for f in out.glob("*/*.jsonl") for line in f.read_text("utf-8").splitlines()]
        assert again == written  # the records were read back as known: none fetched or written twice
        paths = {json.loads(line)["url"].removeprefix(site.base) for line in written}
        assert not paths & set(site.article_requests())


def test_list_settings_take_comma_separated_names_or_a_json_list():
    from scraper.cli.options import check_settings
    from scraper.config.sites import ConfigError

    check_settings({"ADDRESSGUARD_ALLOW": "127.0.0.2"})
    check_settings({"ADDRESSGUARD_ALLOW": "a.example, b.example"})
    check_settings({"ADDRESSGUARD_ALLOW": '["a.example"]'})
    with pytest.raises(ConfigError, match="expected a JSON list"):
        check_settings({"ADDRESSGUARD_ALLOW": '["a.example"'})
