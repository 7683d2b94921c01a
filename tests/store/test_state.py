"""Crawl state backends (memory, SQLite, Redis) behave alike; SQLite state survives reopening
and other processes."""

from __future__ import annotations

import pytest

from scraper.config.sites import parse_config
from scraper.crawl.drop_memory import DropMemory, drop_policy
from scraper.record.timestamps import is_later, parse_datetime
from scraper.store.memory import MemoryState
from scraper.store.neardup import Signature, signature
from scraper.store.sqlite import SqliteState
from scraper.store.state import ArticleCommit, DroppedUrl, Validators, open_state, url_key


@pytest.fixture(params=["memory", "sqlite", "redis"])
def state(request, tmp_path):
    if request.param == "redis":
        from scraper.store.redis_state import RedisState

        server = request.getfixturevalue("redis_server")
        backend = RedisState(server.url, prefix=request.getfixturevalue("redis_prefix"))
    elif request.param == "memory":
        backend = MemoryState()
    else:
        backend = SqliteState(tmp_path / "state.sqlite")
    yield backend
    backend.close()


def commit(article_id="a" * 16, version=1, fingerprint="f1", urls=("http://a.test/x",), text="some text here"):
    sig = signature(text)
    return ArticleCommit(urls=tuple(url_key(u) for u in urls), article_id=article_id, fingerprint=fingerprint,
                         version=version, lastmod="2024-01-01T00:00:00+00:00",
                         signature=sig.to_bytes(), bands=tuple(sig.bands))


def test_articles_are_known_by_every_url_and_fingerprint(state):
    assert state.article(url_key("http://a.test/x")) is None
    state.commit_articles([commit(urls=("http://a.test/x", "http://a.test/x?b=2&a=1"))], {"/out/s/d.jsonl": 120})
    known = state.article(url_key("http://a.test/x?a=1&b=2"))
    assert known.article_id == "a" * 16 and known.version == 1 and known.fingerprint == "f1"
    assert state.article_with_fingerprint("f1") == "a" * 16
    assert state.output_offsets() == {"/out/s/d.jsonl": 120}


def test_a_new_version_replaces_the_old_and_lastmod_can_move(state):
    state.commit_articles([commit()], {})
    state.commit_articles([commit(version=2, fingerprint="f2")], {})
    assert state.article(url_key("http://a.test/x")).version == 2
    state.note_lastmod("a" * 16, "2024-06-01T00:00:00+00:00")
    assert state.article(url_key("http://a.test/x")).lastmod == "2024-06-01T00:00:00+00:00"
    assert state.article_with_fingerprint("f1") == "a" * 16  # old text still recognised


def test_near_duplicate_candidates_share_a_band(state):
    text = " ".join(f"sentence number {i} of the wire story about the harbour" for i in range(30))
    state.commit_articles([commit(text=text)], {})
    near = signature(text + " Reuters contributed.")
    candidates = state.similar_candidates(near.bands)
    assert [c[0] for c in candidates] == ["a" * 16]
    assert near.similarity(Signature.from_bytes(candidates[0][1])) > 0.8
    unrelated = signature("a totally different text about football and rain " * 3)
    assert state.similar_candidates(unrelated.bands) == []


def test_validators_and_last_crawl(state):
    state.save_validators({"http://a.test/feed": Validators(etag='"x"', last_modified=None, body_hash="h")})
    assert state.validators("http://a.test/feed") == Validators(etag='"x"', last_modified=None, body_hash="h")
    assert state.last_crawl("s") is None
    state.mark_crawled("s", 1234.5)
    assert state.last_crawl("s") == 1234.5


def test_dropped_urls_are_remembered_and_replaced(state):
    key = url_key("http://a.test/news/x")
    assert state.dropped(key) is None
    state.remember_drops({key: DroppedUrl("not_article", 100.0, 200.0, "p1")})
    assert state.dropped(key) == DroppedUrl("not_article", 100.0, 200.0, "p1")
    state.remember_drops({key: DroppedUrl("gone", 300.0, 400.0, "p1")})
    assert state.dropped(key).reason == "gone"


SITE = parse_config({"sites": [{"name": "s", "start_urls": ["http://a.test/"], "allow": ["/news/"]}]})[0]


def test_drop_memory_skips_until_the_ttl_or_a_later_date_or_another_policy(state):
    policy = drop_policy(SITE, {"NEARDUP_ACTION": "drop"})
    memory = DropMemory(state, {"not_article": 100, "too_short": 0}, {"s": policy})
    url = "http://a.test/news/x"
    assert memory.learn("s", url, "not_article", fetched_at=1_000.0)
    assert not memory.learn("s", url, "too_short") and not memory.learn("s", url, "extract_error")
    assert not memory.skips("s", url, now=1_050.0)  # not saved yet: this run's own drops are not skipped
    assert memory.save() == 1
    assert memory.skips("s", url, now=1_050.0)
    assert not memory.skips("s", url, now=1_100.0)  # the time-to-live ran out
    assert memory.skips("s", url, "1970-01-01T00:10:00+00:00", now=1_050.0)  # announced before the fetch
    assert not memory.skips("s", url, "1970-01-01T00:20:00+00:00", now=1_050.0)  # announced after it
    other = DropMemory(state, {"not_article": 100}, {"s": drop_policy(SITE, {"NEARDUP_ACTION": "mark"})})
    assert not other.skips("s", url, now=1_050.0)


def test_sqlite_state_persists_across_opens(tmp_path):
    first = open_state(tmp_path / "st")
    first.commit_articles([commit()], {"p": 10})
    first.mark_crawled("s", 99.0)
    first.close()
    again = open_state(tmp_path / "st")
    assert again.article(url_key("http://a.test/x")).article_id == "a" * 16
    assert again.last_crawl("s") == 99.0 and again.output_offsets() == {"p": 10}
    again.close()


def test_output_offsets_never_move_backwards(state):
    state.commit_articles([], {"p": 50})
    state.commit_articles([], {"p": 20})
    assert state.output_offsets() == {"p": 50}


@pytest.mark.parametrize(
    ("new", "old", "later"),
    [
        ("2024-05-02", "2024-05-01T10:00:00+00:00", True),
        ("2024-05-01T09:00:00+00:00", "2024-05-01T10:00:00+00:00", False),
        ("2024-05-01T13:00:00+03:00", "2024-05-01T10:00:00Z", False),  # same instant
        (None, "2024-05-01", False),
        ("2024-05-01", None, True),
        ("yesterday", "today", True),  # not comparable but different: refetch once
    ],
)
def test_dates_are_compared_as_instants(new, old, later):
    assert is_later(new, old) is later


def test_parse_datetime_assumes_utc_without_offset():
    assert parse_datetime("2024-05-01").utcoffset().total_seconds() == 0
    assert parse_datetime("not a date") is None
