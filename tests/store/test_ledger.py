"""The ledger: staged records are known at once, durable only after flush, recovered after a crash."""

from __future__ import annotations

import json

from scraper.store.ledger import Ledger, commit_for, new_article_id
from scraper.store.neardup import signature
from scraper.store.state import open_state


def rec(n: int) -> dict:
    return {
        "url": f"http://a.test/{n}/", "canonical_url": f"http://a.test/{n}/",
        "article_id": new_article_id(f"http://a.test/{n}/"), "fingerprint": f"{n:064x}",
        "version": 1, "text": f"text of article {n} " * 10,
    }


def signature_of(record: dict):
    return signature(record["text"])


def test_staged_records_are_known_in_the_run_but_not_durable_until_flushed(tmp_path):
    ledger = Ledger(open_state(tmp_path / "state"))
    commit = commit_for(rec(1))
    ledger.stage(commit)
    assert ledger.known("http://a.test/1/") is not None
    assert ledger.state.article(commit.urls[0]) is None
    ledger.written(commit)
    assert ledger.flush({"f": 1}) == 1
    assert ledger.state.article(commit.urls[0]) is not None


def test_committed_records_leave_the_run_overlay_and_are_still_known_from_the_state(tmp_path):
    """The overlay holds only what is staged and not yet committed: it must not grow with the crawl."""
    ledger = Ledger(open_state(tmp_path / "state"))
    commits = [commit_for(rec(n)) for n in range(50)]
    for commit in commits:
        ledger.stage(commit)
        ledger.written(commit)
    in_flight = commit_for(rec(99))
    ledger.stage(in_flight)  # staged, not written yet
    ledger.flush({"f": 1})
    assert [c.article_id for c in commits if ledger.session.article(c.urls[0])] == []
    assert ledger.session.article(in_flight.urls[0]) is not None
    assert ledger.known("http://a.test/7/").article_id == commits[7].article_id
    assert ledger.fingerprint_owner(commits[7].fingerprint) == commits[7].article_id
    twin = commit_for(rec(7))
    assert ledger.near_duplicate(signature_of(rec(7)), 0.9, exclude=None) == (twin.article_id, 1.0)
    assert ledger.staged_this_run(commits[7].urls[0]) and ledger.staged_this_run(in_flight.urls[0])
    assert not ledger.staged_this_run("http://a.test/1000/")


def test_a_newer_version_staged_before_the_commit_stays_in_the_overlay(tmp_path):
    ledger = Ledger(open_state(tmp_path / "state"))
    first = commit_for(rec(1))
    ledger.stage(first)
    ledger.written(first)
    second = commit_for({**rec(1), "fingerprint": "f" * 64, "version": 2, "text": "changed " * 20})
    ledger.stage(second)
    ledger.flush({"f": 1})
    assert ledger.known("http://a.test/1/").version == 2


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
