"""A pool of extraction worker processes, so a crawl extracts on every core.

    pool = ExtractPool(workers=2, budget=10.0, grace=5.0)
    pool.start()
    future = pool.submit(html, url, language_hint="en")  # a concurrent.futures.Future
    record = future.result()  # or ExtractTimeout / ExtractFailed / WorkerDied
    pool.close()

No Scrapy and no Twisted here (the crawl's adapter is :class:`pipelines.extract.ExtractPipeline`):
the pool takes pages from any thread and resolves a :class:`~concurrent.futures.Future`
per page, from one of its own threads.

How it works
------------
Each worker is one process with one pipe, driven by one thread of this process (its
*slot*). A slot takes the next page from a shared queue, sends it down the pipe, and waits
for the answer with ``poll(budget + grace)``. The worker imports the extract function
once and runs each page under :func:`~scraper.crawl.timebudget.run_with_budget` in its own
main thread, where SIGALRM works, so a page over ``EXTRACT_TIMEOUT`` comes back as a clean
timeout and the worker carries on. Three things can still go wrong, each confined to the
one page being extracted:

* the page is stuck in C code (one long lxml or regex call) that the alarm cannot
  interrupt: after the budget plus ``grace`` the slot kills the worker (SIGKILL), starts a
  new one and fails the page with :class:`ExtractTimeout` (``killed`` set);
* the worker dies (a segfault in a C extension, ``os._exit``, the OOM killer; a
  ``MemoryError`` makes it exit on purpose, as its heap may be unusable): the slot starts
  a new one and fails the page with :class:`WorkerDied`;
* the extract function raises: the page fails with :class:`ExtractFailed`, carrying the
  worker's traceback; the worker carries on.

What the extractor logs in a worker (trafilatura's warnings, say) at ``log_level`` or
above travels back with the page's answer and is handed to this process's loggers of the
same names, so it is filtered, formatted and written as if extraction ran here.

A worker found dead before it was given a page (killed while idle) is replaced and the
page sent to the new one. Every replacement is counted in :attr:`ExtractPool.restarts`.

Why one process and one pipe per worker, not ProcessPoolExecutor
----------------------------------------------------------------
``concurrent.futures.ProcessPoolExecutor`` cannot stop one running task, and a worker
that dies or is killed breaks the whole executor: every page in flight fails with
``BrokenProcessPool`` and the executor must be rebuilt and those pages submitted again,
telling apart the page at fault from its innocent neighbours. With a process per slot the
slot that sent a page is the only one that knows about it, so killing its worker loses
exactly that page, and the other slots never notice. The cost is one thread per worker
in this process, blocked in ``poll`` (no CPU, and the GIL is released while waiting).

Workers are started with ``forkserver`` (``spawn`` where that is missing), never
``fork``: forking a process that runs a Twisted reactor and its threads copies locks held
by other threads and the reactor's file descriptors. The fork server is a fresh
interpreter that imports the extractor once (``set_forkserver_preload``), so a
replacement worker is forked ready to work in milliseconds instead of re-importing
trafilatura (~0.5 s).

Workers ignore SIGINT (Ctrl-C reaches the whole process group, and a graceful crawl stop
must let the pages in flight finish) and, on Linux, get SIGKILL when their parent (the
fork server, which exits with the crawl) dies, so even a worker stuck in C code does not
outlive a crawl killed with ``kill -9``. An idle worker also exits on the end of its pipe.
:meth:`ExtractPool.close` lets the queued pages finish, then stops every worker and waits
for it; workers are daemonic, so an interpreter exit without ``close`` still ends them.
"""

from __future__ import annotations

import ctypes
import importlib
import logging
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from scraper.crawl.heap import HeapTrimmer
from scraper.crawl.timebudget import BudgetExceeded, run_with_budget

__all__ = ["DEFAULT_FUNCTION", "ExtractFailed", "ExtractPool", "ExtractTimeout", "WorkerDied"]

logger = logging.getLogger(__name__)

DEFAULT_FUNCTION = "scraper.extract.extract_article"
_OUT_OF_MEMORY = 75  # exit code of a worker that hit MemoryError
_STOP_WAIT = 5.0  # seconds a worker gets to exit after being told to stop, before it is killed


class ExtractTimeout(TimeoutError):
    """The page ran past its budget: stopped by the worker's alarm, or (``killed``) its
    worker was killed after the budget plus the grace period."""

    def __init__(self, budget: float, elapsed: float, killed: bool) -> None:
        super().__init__(f"time budget of {budget:g} s exceeded after {elapsed:.2f} s")
        self.budget = budget
        self.elapsed = elapsed
        self.killed = killed


class ExtractFailed(Exception):
    """The extract function raised; ``remote_traceback`` is the worker's traceback."""

    def __init__(self, remote_traceback: str) -> None:
        super().__init__(remote_traceback.strip().splitlines()[-1] if remote_traceback.strip() else "")
        self.remote_traceback = remote_traceback


class WorkerDied(Exception):
    """The worker process died while extracting the page (it has been replaced)."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(describe_exit(exitcode))
        self.exitcode = exitcode


def describe_exit(exitcode: int | None) -> str:
    """``exit code 1``, ``killed by SIGSEGV``, ``out of memory``."""
    if exitcode is None:
        return "did not exit"
    if exitcode == _OUT_OF_MEMORY:
        return "out of memory"
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


@dataclass(frozen=True)
class _Page:
    html: str
    url: str
    language_hint: str | None


# ---------------------------------------------------------------- in the worker process

def load_function(path: str) -> Callable[..., Any]:
    """The callable at ``package.module.name`` (or ``package.module:name``)."""
    module, _, name = path.replace(":", ".").rpartition(".")
    if not module:
        raise ValueError(f"not an import path of a function: {path!r}")
    return getattr(importlib.import_module(module), name)


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when its parent dies (PR_SET_PDEATHSIG); else nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _Captured(logging.Handler):
    """Keeps the worker's log records, ready to be pickled back to the crawl process."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            record.msg, record.args = record.getMessage(), None
            if record.exc_info:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
                record.exc_info = None
        except Exception:  # noqa: BLE001 - a broken log call must not cost the page
            return
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        records, self.records = self.records, []
        return records


def _worker_main(conn: Connection, function: str, budget: float | None, log_level: int,
                 finish: str | None = None, trim_interval: float | None = None) -> None:
    """Extract pages from ``conn`` until it closes or sends None; one reply per page,
    and the heap trimmed after a page at most every ``trim_interval`` seconds (None: never)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    captured = _Captured()
    logging.root.handlers[:] = [captured]
    logging.root.setLevel(log_level)
    extract = load_function(function)
    if finish is not None:
        extract = _then(extract, load_function(finish))
    trimmer = HeapTrimmer(trim_interval) if trim_interval is not None else None
    while True:
        try:
            page = conn.recv()
        except (EOFError, OSError):
            return
        if page is None:
            return
        try:
            reply: tuple[str, Any] = (
                "ok", run_with_budget(budget, extract, page.html, page.url, language_hint=page.language_hint))
        except BudgetExceeded as exc:
            reply = ("timeout", exc.elapsed)
        except MemoryError:
            os._exit(_OUT_OF_MEMORY)
        except Exception:  # noqa: BLE001 - reported to the parent, which drops the page
            reply = ("error", traceback.format_exc())
        try:
            conn.send((*reply, captured.take()))
        except MemoryError:
            os._exit(_OUT_OF_MEMORY)
        except (EOFError, OSError):
            return
        except Exception:  # noqa: BLE001 - an unpicklable result
            conn.send(("error", traceback.format_exc(), []))
        if trimmer is not None:
            trimmer.after_work()  # once the answer is sent: the page's memory is garbage now


def _then(extract: Callable[..., Any], finish: Callable[[Any], Any]) -> Callable[..., Any]:
    """``extract`` followed by ``finish`` on its result, both within the page's budget."""
    def extract_and_finish(*args: Any, **kwargs: Any) -> Any:
        return finish(extract(*args, **kwargs))
    return extract_and_finish


# ---------------------------------------------------------------- in the crawl process

def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


class _Worker:
    """One worker process and its pipe; used by one slot thread only."""

    def __init__(self, pool: ExtractPool, index: int) -> None:
        self.pool = pool
        self.index = index
        self.process: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None

    def start(self) -> None:
        ctx = self.pool.context
        parent, child = ctx.Pipe(duplex=True)
        pool = self.pool
        process = ctx.Process(target=_worker_main,
                              args=(child, pool.function, pool.budget, pool.log_level, pool.finish,
                                    pool.trim_interval),
                              name=f"extract-worker-{self.index}", daemon=True)
        process.start()
        child.close()  # only the worker holds its end: its death is an EOF here
        self.process, self.conn = process, parent
        self.pool._started(process.pid)

    def replace(self) -> int | None:
        """Kill the worker if it still runs, reap it, start a new one; the old exit code."""
        exitcode = self.stop(kill=True)
        self.pool._replaced()
        self.start()
        return exitcode

    def stop(self, kill: bool = False) -> int | None:
        """End the worker (ask it, or SIGKILL it), wait for it; its exit code."""
        process, conn = self.process, self.conn
        self.process = self.conn = None
        if process is None or conn is None:
            return None
        self.pool._forget(process.pid)
        if not kill:
            try:
                conn.send(None)
            except (OSError, EOFError):
                pass
            process.join(_STOP_WAIT)
        if process.exitcode is None:
            process.kill()
            process.join(_STOP_WAIT)
        conn.close()
        exitcode = process.exitcode
        process.close()
        return exitcode

    def extract(self, page: _Page) -> Any:
        """The record of ``page``, or raise ExtractTimeout / ExtractFailed / WorkerDied."""
        assert self.conn is not None
        try:
            self.conn.send(page)
        except (OSError, EOFError):  # died while idle: not this page's fault
            logger.warning("Extraction worker %s had died (%s); replaced", self.process and self.process.pid,
                           describe_exit(self.process.exitcode if self.process else None))
            self.replace()
            assert self.conn is not None
            self.conn.send(page)
        start = time.monotonic()
        budget = self.pool.budget
        limit = None if budget is None else budget + self.pool.grace
        if not self.conn.poll(limit):
            elapsed = time.monotonic() - start
            self.replace()
            raise ExtractTimeout(budget or 0.0, elapsed, killed=True)
        try:
            kind, value, records = self.conn.recv()
        except (EOFError, OSError):
            assert self.process is not None
            self.process.join(_STOP_WAIT)
            raise WorkerDied(self.replace()) from None
        for record in records:
            logging.getLogger(record.name).handle(record)
        if kind == "ok":
            return value
        if kind == "timeout":
            raise ExtractTimeout(budget or 0.0, value, killed=False)
        raise ExtractFailed(value)


class ExtractPool:
    """``workers`` extraction processes running ``function`` (an import path) on pages.

    ``budget``: seconds per page enforced in the worker (None: no limit); ``grace``:
    seconds past the budget before a worker still busy is killed; ``log_level``: the
    least level of the workers' log records passed on here; ``finish``: the import path
    of a function the worker applies to each result before sending it back (work on the
    record that would otherwise load this process), its value becoming the page's result;
    ``trim_interval``: a worker gives its freed memory back to the system after a page,
    at most once every so many seconds (:mod:`scraper.crawl.heap`; None or 0: never).
    :meth:`submit` never blocks; the caller bounds how many pages it has in flight.
    """

    def __init__(self, workers: int, budget: float | None, grace: float,
                 function: str = DEFAULT_FUNCTION, log_level: int = logging.INFO,
                 finish: str | None = None, trim_interval: float | None = None) -> None:
        if workers < 1:
            raise ValueError(f"an extraction pool needs at least one worker, not {workers}")
        self.size = workers
        self.budget = budget if budget and budget > 0 else None
        self.grace = max(0.0, grace)
        self.function = function
        self.finish = finish
        self.trim_interval = trim_interval if trim_interval and trim_interval > 0 else None
        self.log_level = log_level
        self.context = _context()
        self.restarts = 0
        """Workers replaced because they died or were killed."""
        self._lock = threading.Lock()
        self._pids: set[int] = set()
        self._queue: queue.SimpleQueue[tuple[_Page, Future[Any]] | None] = queue.SimpleQueue()
        self._workers = [_Worker(self, i) for i in range(workers)]
        self._threads: list[threading.Thread] = []
        self._closed = False

    def start(self) -> None:
        """Start the workers (the fork server first, which imports the extractor once)."""
        if self.context.get_start_method() == "forkserver":
            modules = {path.replace(":", ".").rpartition(".")[0] for path in (self.function, self.finish) if path}
            self.context.set_forkserver_preload(sorted({__name__, "scraper.extract", *modules}))
        for path in (self.function, self.finish):
            if path:
                load_function(path)  # a wrong path fails here, not in every worker
        for worker in self._workers:
            worker.start()
        for worker in self._workers:
            thread = threading.Thread(target=self._serve, args=(worker,), name=f"extract-slot-{worker.index}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)

    def submit(self, html: str, url: str, language_hint: str | None = None) -> Future[Any]:
        """A future of the page's record (or None: not a page), or of its failure."""
        if self._closed or not self._threads:
            raise RuntimeError("the extraction pool is not running")
        future: Future[Any] = Future()
        self._queue.put((_Page(html, url, language_hint), future))
        return future

    def pids(self) -> list[int]:
        """Process ids of the running workers."""
        with self._lock:
            return sorted(self._pids)

    def close(self) -> None:
        """Finish the pages already submitted, then stop and reap every worker."""
        if self._closed:
            return
        self._closed = True
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()
        self._threads.clear()

    def _serve(self, worker: _Worker) -> None:
        try:
            while (entry := self._queue.get()) is not None:
                page, future = entry
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(worker.extract(page))
                except BaseException as exc:  # noqa: BLE001 - every outcome goes to the future
                    future.set_exception(exc)
        finally:
            worker.stop()

    def _started(self, pid: int | None) -> None:
        with self._lock:
            if pid is not None:
                self._pids.add(pid)

    def _forget(self, pid: int | None) -> None:
        with self._lock:
            self._pids.discard(pid)  # type: ignore[arg-type]

    def _replaced(self) -> None:
        with self._lock:
            self.restarts += 1
