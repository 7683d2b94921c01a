"""The shared frontier's bookkeeping in Redis: who works on what, and when a round is over.

scrapy-redis keeps the queue (a sorted set by priority) and the duplicate filter (a set
of request fingerprints); it forgets a request the moment a worker pops it, so a worker
killed mid-crawl would take its in-flight requests with it. Here each pop also copies the
request into the worker's *in-flight* hash (one Lua script: nothing is lost between the
two), and the worker deletes it once everything that came of it is durable
(:mod:`scraper.crawl.distributed.acks`). Each worker holds a status key (``busy`` or
``idle``) that expires unless renewed: a worker whose key expired is dead, and any other
worker moves its in-flight requests back into the queue (:meth:`Frontier.claim_dead`).

A *round* is one crawl shared by the workers that join it. It is over when the queue is
empty, no worker is busy and nothing is in flight; the last worker to leave then clears
the duplicate filter (and the seeded sites), so the next round fetches sitemaps and start
pages again. ``scraper schedule --redis`` seeds the sites of the next round
(:meth:`Frontier.seed`) and workers started with ``--due`` crawl those.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

BUSY = b"busy"
IDLE = b"idle"

# Pop the best-scored request, copy it (with its score) into the worker's in-flight
# hash under its SHA-1 and mark the worker busy, atomically.
_POP = """
local found = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #found == 0 then return nil end
redis.call('ZREM', KEYS[1], found[1])
local id = redis.sha1hex(found[1])
redis.call('HSET', KEYS[2], id, found[2] .. '\\n' .. found[1])
redis.call('SET', KEYS[3], 'busy', 'EX', ARGV[1])
return {id, found[1]}
"""


# Take over a dead worker's in-flight hash under a name of the claimant's, with a status
# key of its own (so that the others leave it alone while it is being handed back, and
# take it over in turn if the claimant dies too), atomically; not if the worker is back.
_CLAIM = """
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SET', KEYS[4], 'busy', 'EX', ARGV[1])
return 1
"""
CLAIMED_BY = "@"
"""Joins a dead worker's id and its claimant's in the claimed hash's name (never in a worker id)."""


def original_worker(name: str) -> str:
    """The worker whose requests a (possibly claimed) in-flight hash holds."""
    return name.split(CLAIMED_BY, 1)[0]


class WorkerIdInUse(Exception):
    """Another live worker already uses this worker id."""


@dataclass(frozen=True)
class FrontierKeys:
    """The Redis keys of one project's frontier (``prefix`` keeps projects apart)."""

    prefix: str

    @property
    def queue(self) -> str:
        return f"{self.prefix}:frontier:queue"

    @property
    def seen(self) -> str:
        return f"{self.prefix}:frontier:seen"

    @property
    def due(self) -> str:
        """The sites of the round (``scraper schedule --redis`` seeds them)."""
        return f"{self.prefix}:frontier:due"

    def worker(self, worker: str) -> str:
        return f"{self.prefix}:frontier:worker:{worker}"

    def inflight(self, worker: str) -> str:
        return f"{self.prefix}:frontier:inflight:{worker}"



class Frontier:
    """One worker's view of the shared frontier."""

    def __init__(self, client: Any, prefix: str, worker: str, timeout: float) -> None:
        self.redis = client
        self.keys = FrontierKeys(prefix)
        self.worker = worker
        self.timeout = max(1, int(timeout))
        self.busy = True
        """Whether this worker has work (the scheduler sets it on a pop, the idle check clears it)."""
        self.held: set[str] = set()
        """The in-flight ids this process popped and has not acknowledged."""
        self.unacked: set[str] = set()
        """Held ids whose work is done but whose acknowledgement did not reach Redis."""
        self._pop = client.register_script(_POP)
        self._claim = client.register_script(_CLAIM)

    # --- membership -----------------------------------------------------------------------

    def join(self) -> bool:
        """Register as busy; True when this worker starts a new round.

        A round is new when no other worker is alive and nothing is queued or in flight:
        a duplicate filter left by a round whose last worker died is cleared then.
        Raises :class:`WorkerIdInUse` when a live worker has this id.
        """
        if not self.redis.set(self.keys.worker(self.worker), BUSY, nx=True, ex=self.timeout):
            raise WorkerIdInUse(self.worker)
        if not self.idle_round():
            return False
        self.redis.delete(self.keys.seen)
        return True

    def beat(self, busy: bool) -> None:
        """Renew this worker's status key (it expires after the timeout)."""
        self.redis.set(self.keys.worker(self.worker), BUSY if busy else IDLE, ex=self.timeout)

    def others_alive(self) -> list[str]:
        prefix = self.keys.worker("")
        return [k.decode()[len(prefix):] for k in self.redis.scan_iter(match=prefix + "*")
                if k.decode() != self.keys.worker(self.worker)]

    def leave(self, finished: bool) -> int:
        """Deregister. Unfinished work in flight goes back to the queue (a stop before the
        end); after a normal finish the last worker out clears the duplicate filter.
        Returns the number of requests put back."""
        returned = 0
        inflight = self.keys.inflight(self.worker)
        if finished:
            leftover = self.redis.hlen(inflight)
            if leftover:
                logger.warning("%d requests were still marked in flight at the end; forgetting them", leftover)
            self.redis.delete(inflight)
        else:
            returned = self._requeue(inflight)
        self.redis.delete(self.keys.worker(self.worker))
        if finished and self.idle_round():
            self.redis.delete(self.keys.seen, self.keys.due)
        return returned

    # --- seeding ----------------------------------------------------------------------------

    def idle_round(self) -> bool:
        """No worker alive, nothing queued or in flight: no round in progress."""
        return not (self.others_alive() or self.redis.zcard(self.keys.queue) or self._inflight_keys())

    def seed(self, sites: list[str]) -> bool:
        """Make ``sites`` the next round's, unless a round is in progress (then False):
        every worker of a round crawls the same sites."""
        if not self.idle_round():
            return False
        pipe = self.redis.pipeline(transaction=True)
        pipe.delete(self.keys.due, self.keys.seen)
        if sites:
            pipe.sadd(self.keys.due, *sites)
        pipe.execute()
        return True

    def due_sites(self) -> list[str]:
        return sorted(name.decode() for name in self.redis.smembers(self.keys.due))

    # --- requests -------------------------------------------------------------------------

    def pop(self) -> tuple[str, bytes] | None:
        """The next request's (in-flight id, encoded request), now in flight here."""
        found = self._pop(
            keys=[self.keys.queue, self.keys.inflight(self.worker), self.keys.worker(self.worker)],
            args=[self.timeout],
        )
        if not found:
            return None
        request_id, data = found
        self.held.add(request_id.decode())
        return request_id.decode(), bytes(data)

    def ack(self, request_id: str) -> None:
        """Everything that came of this request is durable: it is no longer in flight.
        When Redis cannot take it, the acknowledgement waits for :meth:`settle` (and the
        error is raised)."""
        try:
            self.redis.hdel(self.keys.inflight(self.worker), request_id)
        except Exception:
            self.unacked.add(request_id)
            raise
        self.held.discard(request_id)

    def settle(self) -> tuple[int, int]:
        """Mend this worker's in-flight hash after Redis went away mid-crawl, when the
        engine has run dry: send the acknowledgements Redis missed, and put back into the
        queue the requests that sit in the hash though this process never received them.
        (A pop whose reply was lost with the connection ran all the same; the client sent
        it again and got the next request.) Either kind would keep this worker waiting
        for itself forever, and the second would lose its page. Returns (acknowledged,
        requeued)."""
        acked = len(self.unacked)
        if self.unacked:
            self.redis.hdel(self.keys.inflight(self.worker), *self.unacked)
            self.held -= self.unacked
            self.unacked.clear()
        return acked, self._requeue(self.keys.inflight(self.worker), keep=self.held)

    def in_flight(self) -> int:
        return int(self.redis.hlen(self.keys.inflight(self.worker)))

    # --- dead workers and the end of a round ------------------------------------------------

    def dead_workers(self) -> list[str]:
        """Workers with requests in flight whose status key expired."""
        prefix = self.keys.inflight("")
        dead = []
        for key in self._inflight_keys():
            worker = key[len(prefix):]
            if worker != self.worker and not self.redis.exists(self.keys.worker(worker)):
                dead.append(worker)
        return dead

    def claim(self, worker: str) -> str | None:
        """Take over a dead worker's in-flight hash (only one claimant wins); the name it
        is now held under, for :meth:`requeue`, or None."""
        name = f"{worker}{CLAIMED_BY}{self.worker}"
        keys = [self.keys.inflight(worker), self.keys.inflight(name), self.keys.worker(worker), self.keys.worker(name)]
        return name if self._claim(keys=keys, args=[self.timeout]) else None

    def requeue(self, claimed: str) -> int:
        """Put a claimed hash's requests back into the queue; how many."""
        count = self._requeue(self.keys.inflight(claimed))
        self.redis.delete(self.keys.worker(claimed))
        return count

    def round_over(self) -> bool:
        """Nothing queued, nothing in flight anywhere, no other worker busy."""
        if self.redis.zcard(self.keys.queue) or self._inflight_keys():
            return False
        return all(self.redis.get(self.keys.worker(w)) != BUSY for w in self.others_alive())

    def queued(self) -> int:
        return int(self.redis.zcard(self.keys.queue))

    def _inflight_keys(self) -> list[str]:
        prefix = self.keys.inflight("")
        return [k.decode() for k in self.redis.scan_iter(match=prefix + "*")
                if self.redis.hlen(k)]

    def _requeue(self, key: str, keep: set[str] | frozenset[str] = frozenset()) -> int:
        """Move the requests of in-flight hash ``key`` back into the queue, with their
        scores, but for the ids in ``keep``; how many moved. (A hash emptied so is gone.)"""
        entries = {k: v for k, v in self.redis.hgetall(key).items() if k.decode() not in keep}
        if entries:
            pipe = self.redis.pipeline(transaction=True)
            for value in entries.values():
                score, _, data = bytes(value).partition(b"\n")
                pipe.zadd(self.keys.queue, {data: float(score)})
            pipe.hdel(key, *entries)
            pipe.execute()
        elif not keep:
            self.redis.delete(key)
        return len(entries)
