"""Failed writes, fsyncs and commits: one clear error, nothing half-kept, nothing lost.

Full and read-only disks are real (a small tmpfs, see ``tests/smalldisk.py``); an fsync
that fails with EIO and a truncate that cannot run are simulated.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3

import pytest
from smalldisk import read_only, resize, small_tmpfs

from scraper.store import jsonl
from scraper.store.jsonl import JsonLinesFile, PartitionedWriter
from scraper.store.ledger import Ledger, commit_for, new_article_id
from scraper.store.sqlite import SqliteState
from scraper.store.state import StoreWriteError, open_state

LINE_TEXT = "x" * 1500  # about 1.5 KB a line: an 8 KiB disk holds five


def rec(n: int) -> dict:
    url = f"http://a.test/{n}/"
    return {"url": url, "canonical_url": url, "article_id": new_article_id(url),
            "fingerprint": f"{n:064x}", "version": 1, "text": f"{n} {LINE_TEXT}"}


def lines_of(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n"), "the file must end with a whole line"
    return [json.loads(line) for line in raw.splitlines()]


def fill(handle: JsonLinesFile) -> int:
    """Append records until the disk is full; return how many went in."""
    for n in range(100):
        try:
            handle.append(rec(n))
        except StoreWriteError:
            return n
    raise AssertionError("the disk never filled")


def test_a_full_disk_raises_one_clear_error_and_leaves_only_whole_lines(tmp_path):
    with small_tmpfs(tmp_path / "disk", 8) as disk:
        path = disk / "site" / "2026-12-01.jsonl"
        handle = JsonLinesFile(path)
        written = fill(handle)
        assert 0 < written < 10
        with pytest.raises(StoreWriteError) as caught:
            handle.append(rec(99))  # a failed file refuses more lines
        assert caught.value.path == str(path)
        assert handle.failed
        handle.close()  # no fsync of a failed file, no error
        assert [r["url"] for r in lines_of(path)] == [rec(n)["url"] for n in range(written)]
        assert handle.size() == path.stat().st_size

        resize(disk, 64)
        again = JsonLinesFile(path)
        assert again.repaired_bytes == 0  # the partial line was cut at once
        again.append(rec(50))
        again.close()
        assert len(lines_of(path)) == written + 1


def test_the_error_names_the_reason_and_the_path(tmp_path):
    with small_tmpfs(tmp_path / "disk", 8) as disk:
        handle = JsonLinesFile(disk / "s" / "d.jsonl")
        fill(handle)
        with pytest.raises(StoreWriteError) as caught:
            JsonLinesFile(disk / "t" / "d.jsonl").append(rec(1))
        assert str(caught.value) == f"No space left on device: {disk / 't' / 'd.jsonl'}"
        handle.close()


def test_a_torn_line_that_could_not_be_cut_is_cut_at_the_next_open(tmp_path, monkeypatch):
    def no_truncate(fd, length):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    with small_tmpfs(tmp_path / "disk", 8) as disk:
        path = disk / "s" / "d.jsonl"
        monkeypatch.setattr(jsonl.os, "ftruncate", no_truncate)
        handle = JsonLinesFile(path)
        written = fill(handle)
        handle.close()
        monkeypatch.undo()
        assert not path.read_bytes().endswith(b"\n")  # the torn line is still there
        resize(disk, 64)
        reopened = JsonLinesFile(path)
        assert reopened.repaired_bytes > 0
        reopened.close()
        assert len(lines_of(path)) == written


def test_a_read_only_disk_fails_at_open_with_its_reason(tmp_path):
    with small_tmpfs(tmp_path / "disk", 64) as disk:
        writer = PartitionedWriter(disk)
        writer.write("site", "2026-12-01", rec(1))
        writer.close()
        read_only(disk)
        with pytest.raises(StoreWriteError, match=r"^Read-only file system: .*/site/2026-12-01\.jsonl$"):
            PartitionedWriter(disk).write("site", "2026-12-01", rec(2))
        with pytest.raises(StoreWriteError, match="Read-only file system"):
            open_state(disk / ".state")


def test_a_failed_fsync_is_an_error_and_is_not_retried_into_a_false_success(tmp_path, monkeypatch):
    def eio(fd):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    handle = JsonLinesFile(tmp_path / "d.jsonl")
    handle.append(rec(1))
    monkeypatch.setattr(jsonl.os, "fsync", eio)
    with pytest.raises(StoreWriteError, match=r"^Input/output error: .*d\.jsonl$"):
        handle.sync()
    monkeypatch.undo()
    with pytest.raises(StoreWriteError):  # a second fsync may "succeed" on lost pages
        handle.sync()
    handle.close()


def test_a_full_database_refuses_the_commit_whole_and_stays_usable(tmp_path):
    state = SqliteState(tmp_path / "state.sqlite")
    state.commit_articles([commit_for(rec(0))], {"f": 10})
    pages = state._db.execute("PRAGMA page_count").fetchone()[0]
    state._db.execute(f"PRAGMA max_page_count={pages}")  # a disk with no page to spare
    many = [commit_for(rec(n)) for n in range(1, 200)]
    with pytest.raises(StoreWriteError, match="database or disk is full") as caught:
        state.commit_articles(many, {"f": 99})
    assert caught.value.path == str(tmp_path / "state.sqlite")
    assert isinstance(caught.value.__cause__, sqlite3.Error)
    assert state.article(many[0].urls[0]) is None  # nothing of the failed transaction
    assert state.output_offsets() == {"f": 10}
    state._db.execute("PRAGMA max_page_count=1073741823")
    state.commit_articles(many, {"f": 99})
    assert state.article(many[-1].urls[0]) is not None


def test_a_failed_ledger_flush_commits_nothing_and_recovery_finds_the_lines(tmp_path):
    out = tmp_path / "out"
    writer = PartitionedWriter(out)
    ledger = Ledger(SqliteState(tmp_path / "state.sqlite"))
    commits = [commit_for(rec(n)) for n in range(60)]
    for n, commit in enumerate(commits):
        writer.write("site", "d", rec(n))
        ledger.written(commit)
    offsets = {str(p): size for p, size in writer.sync().items()}
    db = ledger.state._db
    db.execute(f"PRAGMA max_page_count={db.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(StoreWriteError):
        ledger.flush(offsets)
    assert all(ledger.state.article(c.urls[0]) is None for c in commits)
    writer.close()
    ledger.state.close()

    again = Ledger(SqliteState(tmp_path / "state.sqlite"))
    assert again.recover(out.resolve()) == 60
    assert all(again.state.article(c.urls[0]) is not None for c in commits)
