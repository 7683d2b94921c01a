"""RedisState against a Redis server that goes away: a bounded wait, then fast failures."""

from __future__ import annotations

import time

import pytest
import redis

from scraper.bench.redis_server import RedisServer
from scraper.store.redis_state import Patience, RedisState
from scraper.store.state import StoreWriteError, Validators


@pytest.fixture
def own_server(redis_server, tmp_path):
    """A server of this test's own (the session's one must stay up)."""
    server = RedisServer(tmp_path / "redis", redis_server.binary).start()
    yield server
    server.stop()


def state_on(server: RedisServer, seconds: float) -> RedisState:
    client = redis.Redis.from_url(server.url, retry=Patience(seconds), socket_connect_timeout=1, socket_timeout=5)
    return RedisState(server.url, prefix="gone", client=client)


def test_a_restart_within_the_patience_is_ridden_out(own_server):
    state = state_on(own_server, seconds=20)
    state.save_validators({"u": Validators(etag="e")})
    own_server.restart(down_for=1.0)
    assert state.validators("u") == Validators(etag="e")  # kept by the append-only file


def test_a_redis_that_is_gone_fails_once_after_the_patience_then_at_once(own_server):
    state = state_on(own_server, seconds=1.5)
    state.mark_crawled("site", 1.0)
    own_server.stop()
    started = time.monotonic()
    with pytest.raises(StoreWriteError, match="Redis failed"):
        state.last_crawl("site")
    first = time.monotonic() - started
    assert 1.0 < first < 15
    started = time.monotonic()
    with pytest.raises(StoreWriteError):
        state.mark_crawled("site", 2.0)
    assert time.monotonic() - started < 2.5  # no second round of retries: the crawl stops, not freezes
