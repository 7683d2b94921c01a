"""The shared frontier's bookkeeping on a real Redis server: in flight, dead workers, rounds."""

from __future__ import annotations

import time

import pytest

from scraper.crawl.distributed.frontier import Frontier, WorkerIdInUse


@pytest.fixture
def frontier_of(redis_server, redis_prefix):
    client = redis_server.client()
    made = []

    def make(worker: str, timeout: float = 30) -> Frontier:
        frontier = Frontier(client, redis_prefix, worker, timeout)
        made.append(frontier)
        return frontier

    yield make
    for key in client.scan_iter(match=redis_prefix + ":*"):
        client.delete(key)


def queue(frontier: Frontier, *items: tuple[bytes, float]) -> None:
    frontier.redis.zadd(frontier.keys.queue, {data: score for data, score in items})


def test_a_popped_request_stays_in_flight_until_acknowledged(frontier_of):
    a = frontier_of("a")
    a.join()
    queue(a, (b"second", 0), (b"first", -10))
    request_id, data = a.pop()
    assert data == b"first" and a.in_flight() == 1 and a.queued() == 1
    assert not a.round_over()  # something is in flight
    a.ack(request_id)
    assert a.in_flight() == 0
    a.ack(request_id)  # acknowledging twice is harmless
    assert a.pop()[1] == b"second"


def test_a_dead_workers_requests_go_back_to_the_queue_once(frontier_of):
    dead, b, c = frontier_of("dead", timeout=1), frontier_of("b"), frontier_of("c")
    dead.join()
    queue(dead, (b"x", -5), (b"y", 0))
    dead.pop()
    dead.pop()
    assert b.dead_workers() == []  # its status key is still alive
    time.sleep(1.3)
    assert b.dead_workers() == ["dead"] and c.dead_workers() == ["dead"]
    claimed = b.claim("dead")
    assert claimed is not None and c.claim("dead") is None  # one claimant wins
    assert c.dead_workers() == []  # the claimant holds it under a live status key
    assert b.requeue(claimed) == 2
    assert b.redis.zrange(b.keys.queue, 0, -1, withscores=True) == [(b"x", -5.0), (b"y", 0.0)]
    assert b.dead_workers() == []


def test_the_round_is_over_only_when_nobody_is_busy_and_nothing_is_queued(frontier_of):
    a, b = frontier_of("a"), frontier_of("b")
    assert a.join() is True  # first in: a new round
    assert b.join() is False
    a.beat(busy=False)
    assert not a.round_over()  # b is busy
    b.beat(busy=False)
    assert a.round_over() and b.round_over()
    queue(a, (b"more", 0))
    assert not a.round_over()


def test_the_last_worker_out_clears_the_duplicate_filter(frontier_of):
    a, b = frontier_of("a"), frontier_of("b")
    a.join()
    b.join()
    a.redis.sadd(a.keys.seen, "fingerprint")
    a.leave(finished=True)
    assert a.redis.exists(a.keys.seen)  # b is still crawling
    b.leave(finished=True)
    assert not a.redis.exists(a.keys.seen)


def test_a_stopped_worker_puts_its_unfinished_requests_back(frontier_of):
    a = frontier_of("a")
    a.join()
    queue(a, (b"r", 3))
    a.pop()
    assert a.leave(finished=False) == 1
    assert a.queued() == 1 and a.in_flight() == 0


def test_a_stale_duplicate_filter_is_cleared_by_the_next_round(frontier_of):
    a = frontier_of("a")
    a.redis.sadd(a.keys.seen, "left by a round whose last worker died")
    assert a.join() is True
    assert not a.redis.exists(a.keys.seen)


def test_a_worker_id_in_use_is_refused(frontier_of):
    frontier_of("same").join()
    with pytest.raises(WorkerIdInUse):
        frontier_of("same").join()


def test_a_claimant_that_dies_too_leaves_the_claim_to_the_next(frontier_of):
    dead, b, c = frontier_of("dead", timeout=1), frontier_of("b", timeout=1), frontier_of("c")
    dead.join()
    queue(dead, (b"x", 0))
    dead.pop()
    time.sleep(1.3)
    claimed = b.claim("dead")  # and b dies before handing it back
    time.sleep(1.3)
    assert c.dead_workers() == [claimed]
    again = c.claim(claimed)
    assert again is not None and c.requeue(again) == 1 and c.queued() == 1


def test_a_worker_that_comes_back_is_not_claimed(frontier_of):
    slow, b = frontier_of("slow", timeout=1), frontier_of("b")
    slow.join()
    queue(slow, (b"x", 0))
    slow.pop()
    time.sleep(1.3)
    slow.beat(busy=True)  # it was only slow
    assert b.claim("slow") is None and slow.in_flight() == 1


def test_a_pop_whose_reply_was_lost_goes_back_to_the_queue_when_the_worker_settles(frontier_of):
    # the pop script ran, but its reply died with the connection: the request sits in this
    # worker's in-flight hash, and no part of the process ever received it
    a = frontier_of("a")
    a.join()
    queue(a, (b"lost", -10), (b"kept", 0))
    a._pop(keys=[a.keys.queue, a.keys.inflight("a"), a.keys.worker("a")], args=[a.timeout])
    request_id, data = a.pop()  # the client's retry gets the next request
    assert data == b"kept" and a.in_flight() == 2
    assert a.settle() == (0, 1)
    assert a.in_flight() == 1 and a.redis.zrange(a.keys.queue, 0, -1, withscores=True) == [(b"lost", -10.0)]
    a.ack(request_id)
    assert a.settle() == (0, 0) and a.in_flight() == 0


def test_an_acknowledgement_redis_missed_is_sent_again_when_the_worker_settles(frontier_of, redis_server):
    import redis

    a = frontier_of("a")
    a.join()
    queue(a, (b"page", 0))
    request_id, _ = a.pop()
    client, a.redis = a.redis, redis.Redis(host="127.0.0.1", port=9, socket_connect_timeout=0.5)  # nothing listens
    with pytest.raises(redis.ConnectionError):
        a.ack(request_id)
    a.redis = client  # Redis is back
    assert a.in_flight() == 1  # the request would keep this worker waiting for itself
    assert a.settle() == (1, 0)
    assert a.in_flight() == 0 and a.queued() == 0  # done, and not fetched again
