"""End to end: `scraper export` on the output of a real crawl of the demo sites.

The demo sites are crawled once for the module; each test that changes the output works
on its own copy (a second version written with the project's writer, a torn line)."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from scraper.demo import DemoServer
from scraper.record.article import ArticleRecord
from scraper.store.jsonl import PartitionedWriter

FIELDS = [f.name for f in dataclasses.fields(ArticleRecord)]
TIMESTAMPS = ["date_published_utc", "date_modified_utc", "fetched_at_utc"]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Path:
    """The output directory of one crawl of both demo sites."""
    tmp = tmp_path_factory.mktemp("export")
    with DemoServer() as server:
        config = server.write_config(tmp / "sites.toml")
        result = run_cli("crawl", str(config), "--out", str(tmp / "out"),
                         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "--allow-private")
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp / "out"


@pytest.fixture
def out(crawled, tmp_path) -> Path:
    """A copy of the crawl output this test may change."""
    return Path(shutil.copytree(crawled, tmp_path / "out"))


def records_of(out: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(out.glob("*/*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]


def export(out: Path, fmt: str, target: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("export", str(out), "--format", fmt, "-o", str(target), *extra, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_parquet_reads_back_typed_with_pyarrow_pandas_and_duckdb(crawled, tmp_path):
    import duckdb
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = tmp_path / "articles.parquet"
    result = export(crawled, "parquet", target)
    records = records_of(crawled)
    assert result.returncode == 0, result.stderr
    assert re.search(rf"exported {len(records)} rows .* from 2 files, 0 lines skipped", result.stderr)

    table = pq.read_table(target)
    assert table.num_rows == len(records) >= 40
    assert table.column_names == FIELDS + TIMESTAMPS  # every record field, none lost
    schema = table.schema
    for name in TIMESTAMPS:
        assert schema.field(name).type == pa.timestamp("us", tz="UTC")
    for name in ("authors", "tags", "page_signals"):
        assert pa.types.is_list(schema.field(name).type)
    assert schema.field("paywalled").type == pa.bool_()
    assert schema.field("version").type == pa.int64()
    assert table.column("title").to_pylist() == [r["title"] for r in records]
    assert table.column("authors").to_pylist() == [r["authors"] for r in records]

    frame = pd.read_parquet(target)
    assert len(frame) == len(records)
    assert isinstance(frame["fetched_at_utc"].dtype, pd.DatetimeTZDtype)
    assert str(frame["fetched_at_utc"].dt.tz) == "UTC"
    assert list(frame["authors"].iloc[0]) == records[0]["authors"]

    types = {row[0]: row[1] for row in duckdb.sql(f"describe select * from '{target}'").fetchall()}
    assert types["date_published_utc"] == types["fetched_at_utc"] == "TIMESTAMP WITH TIME ZONE"
    assert types["authors"] == types["page_signals"] == "VARCHAR[]"
    assert types["paywalled"] == "BOOLEAN" and types["version"] == "BIGINT"
    ((count, arabic),) = duckdb.sql(
        f"select count(*), count(*) filter (where site = 'arabic-demo') from '{target}' "
        "where fetched_at_utc >= date_published_utc").fetchall()
    assert count == len(records) and arabic > 0


def test_parquet_loads_with_hugging_face_datasets(crawled, tmp_path, monkeypatch):
    """`datasets.load_dataset("parquet", ...)`, offline, keeps the types: UTC timestamps, lists."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    import datasets

    target = tmp_path / "articles.parquet"
    assert export(crawled, "parquet", target).returncode == 0
    records = records_of(crawled)
    loaded = datasets.load_dataset("parquet", data_files=str(target), split="train",
                                   cache_dir=str(tmp_path / "hf" / "datasets"))
    assert loaded.num_rows == len(records)
    assert loaded.column_names == FIELDS + TIMESTAMPS
    assert str(loaded.features["fetched_at_utc"].dtype) == "timestamp[us, tz=UTC]"
    assert loaded["authors"] == [r["authors"] for r in records]
    assert {r["site"] for r in loaded} == {r["site"] for r in records}


def test_day_precision_dates_are_midnight_utc(out, tmp_path):
    import pyarrow.parquet as pq

    base = records_of(out)[0]
    PartitionedWriter(out).write(base["site"], "2099-01-01", {
        **base, "url": base["url"] + "?day", "article_id": "d" * 16, "date_published": "2024-05-01",
        "date_precision": "day"})
    target = tmp_path / "a.parquet"
    assert export(out, "parquet", target).returncode == 0
    rows = [r for r in pq.read_table(target).to_pylist() if r["article_id"] == "d" * 16]
    assert [(r["date_published"], r["date_precision"], r["date_published_utc"].isoformat()) for r in rows] == [
        ("2024-05-01", "day", "2024-05-01T00:00:00+00:00")]


def test_latest_keeps_one_row_per_article(out, tmp_path):
    records = records_of(out)
    first = records[0]
    writer = PartitionedWriter(out)
    # A second version in a per-worker part file; read because every *.jsonl counts.
    (out / first["site"] / "2099-01-01.w1.jsonl").write_text(json.dumps(
        {**first, "version": 2, "text": first["text"] + "\nUpdate.", "fetched_at": "2099-01-01T00:00:00+00:00"},
        ensure_ascii=False) + "\n", encoding="utf-8")
    # Records without article_id: two fetches of one canonical URL are one article.
    for fetched in ("2099-01-02T00:00:00+00:00", "2099-01-03T00:00:00+00:00"):
        writer.write(first["site"], "2099-01-02", {**first, "url": "http://x.test/a", "canonical_url": "http://x.test/a",
                                                   "article_id": None, "fetched_at": fetched})
    writer.close()

    everything, latest = tmp_path / "all.jsonl", tmp_path / "latest.jsonl"
    assert export(out, "jsonl", everything).returncode == 0
    result = export(out, "jsonl", latest, "--latest")
    assert result.returncode == 0
    assert len(read_jsonl(everything)) == len(records) + 3
    rows = read_jsonl(latest)
    assert len(rows) == len(records) + 1
    ids = [r["article_id"] for r in rows if r["article_id"]]
    assert len(ids) == len(set(ids)) == len(records)
    (updated,) = [r for r in rows if r["article_id"] == first["article_id"]]
    assert updated["version"] == 2 and updated["text"].endswith("Update.")
    (no_id,) = [r for r in rows if r["article_id"] is None]
    assert no_id["fetched_at_utc"] == "2099-01-03T00:00:00+00:00"
    assert f"exported {len(rows)} rows" in result.stderr and "from 4 files" in result.stderr


def test_since_and_site_filter(out, tmp_path):
    records = records_of(out)
    late = {**records[0], "url": records[0]["url"] + "?late", "article_id": "e" * 16,
            "fetched_at": "2099-06-01T12:00:00+00:00"}
    PartitionedWriter(out).write(records[0]["site"], "2099-06-01", late)

    target = tmp_path / "since.jsonl"
    assert export(out, "jsonl", target, "--since", "2099-06-01").returncode == 0
    assert [r["article_id"] for r in read_jsonl(target)] == ["e" * 16]
    assert export(out, "jsonl", target, "--since", "2099-06-01T13:00:00+01:00").returncode == 0
    assert [r["article_id"] for r in read_jsonl(target)] == ["e" * 16]  # 12:00 UTC, at it counts
    assert export(out, "jsonl", target, "--since", "2099-06-01T12:00:01Z").returncode == 0
    assert read_jsonl(target) == []

    assert export(out, "jsonl", target, "--site", "english-demo").returncode == 0
    rows = read_jsonl(target)
    assert {r["site"] for r in rows} == {"english-demo"}
    assert len(rows) == sum(r["site"] == "english-demo" for r in records)
    assert export(out, "jsonl", target, "--site", "english-demo", "--site", "arabic-demo").returncode == 0
    assert len(read_jsonl(target)) == len(records) + 1

    result = export(out, "jsonl", target, "--site", "nosuch")
    assert result.returncode == 2 and "nosuch" in result.stderr
    result = export(out, "jsonl", target, "--since", "last week")
    assert result.returncode == 2 and "--since" in result.stderr


def test_csv_round_trips_arabic_text_lists_and_booleans(crawled, tmp_path):
    target = tmp_path / "articles.csv"
    assert export(crawled, "csv", target).returncode == 0
    records = records_of(crawled)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == FIELDS + TIMESTAMPS
    assert len(rows) == len(records)
    arabic = [(row, record) for row, record in zip(rows, records) if record["site"] == "arabic-demo"]
    assert arabic
    for row, record in zip(rows, records):
        assert row["title"] == record["title"]
        assert row["text"] == record["text"]  # newlines and Arabic kept
        assert json.loads(row["authors"]) == record["authors"]
        assert json.loads(row["page_signals"]) == record["page_signals"]
        assert row["paywalled"] == ("true" if record["paywalled"] else "false")
        assert int(row["version"]) == record["version"]
    assert any(re.search("[\u0600-\u06ff]", row["text"]) for row, _ in arabic)


def test_jsonl_has_the_same_columns(crawled, tmp_path):
    target = tmp_path / "articles.jsonl"
    assert export(crawled, "jsonl", target).returncode == 0
    rows = read_jsonl(target)
    assert all(list(r) == FIELDS + TIMESTAMPS for r in rows)
    assert rows[0]["authors"] == records_of(crawled)[0]["authors"]


def test_torn_and_invalid_lines_are_skipped_and_counted(out, tmp_path):
    records = records_of(out)
    path = sorted(out.glob("english-demo/*.jsonl"))[0]
    with path.open("ab") as handle:
        handle.write(b'[1, 2]\n{"url": "http://x.test/", "version": "two"}\n{"url": "http://x.test/torn", "ti')
    (out / ".state" / "stray.jsonl").write_text("not a record\n")  # dot directories are not sites
    target = tmp_path / "a.jsonl"
    result = export(out, "jsonl", target)
    assert result.returncode == 0, result.stderr
    assert len(read_jsonl(target)) == len(records)
    assert "3 lines skipped" in result.stderr
    assert "torn last line" in result.stderr and "not a JSON object" in result.stderr
    assert "version: expected an integer" in result.stderr


def test_missing_or_unreadable_out_exits_2_with_one_line(tmp_path):
    for out in (tmp_path / "missing", tmp_path / "file.txt"):
        if out.name == "file.txt":
            out.write_text("x")
        result = export(out, "csv", tmp_path / "a.csv")
        assert result.returncode == 2
        assert result.stderr.strip().count("\n") == 0 and str(out) in result.stderr
        assert not (tmp_path / "a.csv").exists()


def test_parquet_without_pyarrow_says_what_to_install(crawled, tmp_path):
    argv = ["export", str(crawled), "--format", "parquet", "-o", str(tmp_path / "a.parquet")]
    code = f"import sys; sys.modules['pyarrow'] = None; from scraper.cli import main; sys.exit(main({argv!r}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "pip install 'newsscraper[parquet]'" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "a.parquet").exists()
