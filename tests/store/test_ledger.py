"""The ledger: staged records are known at once, durable only after flush, recovered after a crash."""

from __future__ import annotations

import json

from scraper.store.ledger import Ledger, commit_for, new_article_id
from scraper.store.state import open_state


def rec(n: int) -> dict:
    return {
        "url": f"http://a.test/{n}/", "canonical_url": f"http://a.test/{n}/",
        "article_id": new_article_id(f"http://a.test/{n}/"), "fingerprint": f"{n:064x}",
        "version": 1, "text": f"text of article {n} " * 10,
    }


def test_staged_records_are_known_in_the_run_but_not_durable_until_flushed(tmp_path):
    ledger = Ledger(open_state(tmp_path / "state"))
    commit = commit_for(rec(1))
    ledger.stage(commit)
    assert ledger.known("http://a.test/1/") is not None
    assert ledger.state.article(commit.urls[0]) is None
    ledger.written(commit)
    assert ledger.flush({"f": 1}) == 1
    assert ledger.state.article(commit.urls[0]) is not None


def test_recover_commits_lines_past_the_committed_offset(tmp_path):
    out = tmp_path / "out"
    (out / "site").mkdir(parents=True)
    path = out / "site" / "2024-01-01.jsonl"
    lines = [json.dumps(rec(n)) + "\n" for n in range(3)]
    path.write_text("".join(lines) + '{"torn": ', encoding="utf-8")
    ledger = Ledger(open_state(tmp_path / "state"))
    ledger.state.commit_articles([commit_for(rec(0))], {str(path): len(lines[0])})
    assert ledger.recover(out) == 2
    for n in range(3):
        assert ledger.known(f"http://a.test/{n}/") is not None
    assert ledger.recover(out) == 0  # idempotent


def test_recovery_offset_stops_before_a_torn_tail(tmp_path):
    out = tmp_path / "out"
    (out / "site").mkdir(parents=True)
    path = out / "site" / "d.jsonl"
    line = json.dumps(rec(1)) + "\n"
    path.write_text(line + '{"torn": ', encoding="utf-8")
    ledger = Ledger(open_state(tmp_path / "state"))
    ledger.recover(out)
    assert ledger.state.output_offsets() == {str(path): len(line.encode())}
