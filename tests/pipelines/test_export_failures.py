"""The exporter on a full disk and with unencodable text, built over a real crawler.

A full disk stops writing and committing at the first failure (once, counted, the rest
dropped quietly) and the next start recovers the lines that did reach the file; a lone
surrogate in any field is replaced, counted and logged once, and the record written.
"""

from __future__ import annotations

import json
import logging
import random

import pytest
from scrapy.exceptions import CloseSpider, DropItem
from scrapy.utils.test import get_crawler
from smalldisk import resize, small_tmpfs

from pipelines.deduplicate import DeduplicatePipeline
from pipelines.export import JsonLinesExportPipeline
from scraper.config.project import project_defaults
from scraper.crawl.page import FetchedPage
from scraper.record.article import ArticleRecord
from scraper.record.fingerprint import text_fingerprint
from scraper.store.state import StoreWriteError

WORDS = ("harbour ships town council river bridge market school train storm festival museum "
         "budget election court hospital farmers bakery stadium library").split()


def body(n: int) -> str:
    """A text of its own for each ``n`` (no two are near-duplicates)."""
    rng = random.Random(n)
    return " ".join(f"{rng.choice(WORDS)} {rng.randrange(10**6)}" for _ in range(300))


def record(n: int, **changes) -> ArticleRecord:
    url = f"http://a.test/2024/01/02/story-{n}/"
    values = dict(url=url, canonical_url=url, site="demo", title=f"Story {n}", text=body(n),
                  language="en", fetched_at="2026-12-01T01:13:00+00:00")
    values.update(changes)
    values["fingerprint"] = text_fingerprint(values["text"])
    return ArticleRecord(**values)


def pipelines(out, state):
    """Deduplicate and export over one crawler with SQLite state, as in a crawl."""
    crawler = get_crawler(settings_dict={**project_defaults(), "SCRAPER_OUTPUT_DIR": str(out),
                                         "SCRAPER_STATE_DIR": str(state), "EXPORT_FSYNC_EVERY": 2})
    crawler.stats.open_spider()
    dedupe = DeduplicatePipeline.from_crawler(crawler)
    export = JsonLinesExportPipeline.from_crawler(crawler)
    export.open_spider()
    return dedupe, export, crawler


def send(dedupe, export, rec):
    return export.process_item(dedupe.process_item(FetchedPage(
        url=rec.url, site="demo", html="", fetched_at=rec.fetched_at, language_hint="en", record=rec)))


def lines(out) -> list[dict]:
    found = []
    for path in sorted(out.glob("*/*.jsonl")):
        raw = path.read_bytes()
        assert raw == b"" or raw.endswith(b"\n")
        found.extend(json.loads(line) for line in raw.splitlines())
    return found


def test_a_full_disk_stops_the_export_once_and_the_next_start_recovers_what_was_written(tmp_path, caplog):
    with small_tmpfs(tmp_path / "disk", 12) as disk:
        out, state = disk / "out", tmp_path / "state"
        dedupe, export, crawler = pipelines(out, state)
        written, refused = 0, 0
        with caplog.at_level(logging.ERROR):
            for n in range(20):
                try:
                    send(dedupe, export, record(n))
                    written += 1
                except DropItem as drop:
                    assert "not written" in str(drop)
                    refused += 1
        export.close_spider()
        stats = crawler.stats
        assert 0 < written < 20 and written + refused == 20
        assert stats.get_value("export/failed").startswith("No space left on device: ")
        assert stats.get_value("export/failed").endswith("/demo/2026-12-01.jsonl")
        assert stats.get_value("export/not_written") == refused
        assert stats.get_value("export/records") == written
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
            f"Export failed, stopping the crawl: {stats.get_value('export/failed')}"
        ]
        ledger = export.ledger
        on_disk = lines(out)
        assert len(on_disk) == written
        # committed: at most what was fsynced before the failure, never a line not on disk
        committed = [r for r in on_disk if ledger.state.article(r["url"]) is not None]
        assert len(committed) <= written
        assert all(ledger.state.article(record(n).url) is None for n in range(written, 20))
        ledger.state.close()

        resize(disk, 256)
        dedupe, export, crawler = pipelines(out, state)
        assert crawler.stats.get_value("export/recovered_records") == written - len(committed)
        for n in range(20):
            try:
                send(dedupe, export, record(n))
            except DropItem as drop:
                assert "unchanged" in str(drop)
        export.close_spider()
        urls = [r["url"] for r in lines(out)]
        assert sorted(urls) == sorted(record(n).url for n in range(20))  # each exactly once
        export.ledger.state.close()


def test_lone_surrogates_are_replaced_counted_logged_once_and_the_record_written(tmp_path, caplog):
    dedupe, export, crawler = pipelines(tmp_path / "out", tmp_path / "state")
    bad = record(1, title="A \ud800 b", authors=["Jo \udc00 Smith", "Ann"], description="D \ud83d",
                 tags=["x\udfff", "ok"])
    with caplog.at_level(logging.WARNING, logger="pipelines.export"):
        returned = send(dedupe, export, bad)
    send(dedupe, export, record(2))
    export.close_spider()
    (written, clean) = lines(tmp_path / "out")
    assert written["title"] == "A \ufffd b"
    assert written["authors"] == ["Jo \ufffd Smith", "Ann"]
    assert written["description"] == "D \ufffd" and written["tags"] == ["x\ufffd", "ok"]
    assert clean["title"] == "Story 2"
    assert returned.title == "A \ufffd b"  # feed exports see the encodable record too
    stats = crawler.stats
    assert stats.get_value("export/records") == 2
    assert stats.get_value("export/unencodable_records") == 1
    assert stats.get_value("export/unencodable_replaced") == 4
    warnings = [r.getMessage() for r in caplog.records if "unencodable" in r.getMessage()]
    assert len(warnings) == 1 and bad.url in warnings[0] and "title, authors, description, tags" in warnings[0]
    assert export.ledger.state.article(bad.url) is not None
    export.ledger.state.close()


@pytest.mark.parametrize("fsync_every", [1, 50])
def test_a_commit_the_database_refuses_stops_the_export(tmp_path, fsync_every):
    crawler = get_crawler(settings_dict={**project_defaults(), "SCRAPER_OUTPUT_DIR": str(tmp_path / "out"),
                                         "SCRAPER_STATE_DIR": str(tmp_path / "state"),
                                         "EXPORT_FSYNC_EVERY": fsync_every})
    crawler.stats.open_spider()
    dedupe = DeduplicatePipeline.from_crawler(crawler)
    export = JsonLinesExportPipeline.from_crawler(crawler)
    export.open_spider()
    db = export.ledger.state._db
    db.execute(f"PRAGMA max_page_count={db.execute('PRAGMA page_count').fetchone()[0]}")
    for n in range(30):
        try:
            send(dedupe, export, record(n))
        except DropItem:
            pass
    export.close_spider()
    failure = crawler.stats.get_value("export/failed")
    assert failure == f"database or disk is full: {tmp_path / 'state' / 'state.sqlite'}"
    committed = {row[0] for row in db.execute("SELECT article_id FROM articles")}
    on_disk = {r["article_id"] for r in lines(tmp_path / "out")}
    assert committed < on_disk  # only lines on disk are committed; the rest is recovered next start
    assert crawler.stats.get_value("export/records") == len(on_disk)
    if fsync_every == 1:  # the first refused commit stops the writing
        assert len(on_disk) < 30
    export.ledger.state.close()


def test_a_state_that_cannot_take_the_recovered_lines_closes_the_spider_at_open(tmp_path):
    out, state = tmp_path / "out", tmp_path / "state"
    dedupe, export, crawler = pipelines(out, state)
    for n in range(40):
        send(dedupe, export, record(n))
    export.writer.close()  # as if killed before the last commit, and the state lost them
    db = export.ledger.state._db
    for table in ("articles", "article_urls", "fingerprints", "bands", "outputs"):
        db.execute(f"DELETE FROM {table}")
    db.execute("VACUUM")  # no free page left for the recovered records
    db.execute(f"PRAGMA max_page_count={db.execute('PRAGMA page_count').fetchone()[0]}")
    crawler = get_crawler(settings_dict={**project_defaults(), "SCRAPER_OUTPUT_DIR": str(out)})
    crawler.stats.open_spider()
    again = JsonLinesExportPipeline(crawler, ledger=export.ledger)
    with pytest.raises(CloseSpider) as caught:
        again.open_spider()
    assert caught.value.reason == "export_failed"
    assert crawler.stats.get_value("export/failed").startswith("database or disk is full: ")
    export.ledger.state.close()


def test_a_refused_lastmod_note_stops_the_crawl_and_still_drops_the_unchanged_page(tmp_path, monkeypatch):
    dedupe, export, crawler = pipelines(tmp_path / "out", tmp_path / "state")
    send(dedupe, export, record(1))
    export.close_spider()

    def refuse(article_id, lastmod):
        raise StoreWriteError("database or disk is full", "state.sqlite")

    monkeypatch.setattr(dedupe.ledger.state, "note_lastmod", refuse)
    with pytest.raises(DropItem, match="unchanged"):
        dedupe.process_item(FetchedPage(url=record(1).url, site="demo", html="", language_hint="en",
                                        fetched_at="2026-12-02T00:00:00+00:00", record=record(1)))
    assert crawler.stats.get_value("export/failed") == "database or disk is full: state.sqlite"
    dedupe.ledger.state.close()
