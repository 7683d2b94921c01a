"""The extraction worker pool (scraper.crawl.extract_pool), driven directly: real worker
processes running a test extract function (``extract_hooks.by_path``) that spins, hangs
in "C code" (SIGALRM blocked), kills itself or raises on URLs that ask for it."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time

import pytest

from scraper.bench.sample import proc_stat
from scraper.crawl.extract_pool import ExtractFailed, ExtractPool, ExtractTimeout, WorkerDied
from scraper.store.shingles import shingle_hashes

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGALRM") or sys.platform == "win32",
                                reason="worker budgets need SIGALRM")

BUDGET, GRACE = 0.5, 1.5  # a generous grace: a loaded machine may take a while to answer
HOOK = "extract_hooks.by_path"
ARTICLE = (
    "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>"
    + "".join(f"<p>The harbour reopened on Monday after repairs, sentence {i} of the report.</p>"
              for i in range(8))
    + "</article></body></html>"
)


def alive(pid: int) -> bool:
    """Running, not a zombie; a process reaped while its /proc entry is read is gone too."""
    stat = proc_stat(pid)
    return stat is not None and not stat.zombie


@pytest.fixture
def pool():
    pool = ExtractPool(2, BUDGET, GRACE, HOOK)
    pool.start()
    yield pool
    pids = pool.pids()
    pool.close()
    assert pool.pids() == []
    assert not [pid for pid in pids if alive(pid)], "a worker outlived close()"


def outcome(future):
    try:
        return future.result(timeout=30).title
    except Exception as exc:  # noqa: BLE001 - the test looks at which one
        return exc


def test_each_failure_costs_only_its_own_page_and_stuck_or_dead_workers_are_replaced(pool):
    first = pool.pids()
    assert len(first) == 2
    urls = ["/a", "/spin", "/hang", "/b", "/crash", "/exit", "/fail", "/c", "/d"]
    start = time.monotonic()
    futures = {url: pool.submit(ARTICLE, "http://harbour.test" + url, language_hint="en") for url in urls}
    results = {url: outcome(f) for url, f in futures.items()}
    elapsed = time.monotonic() - start

    assert [url for url, r in results.items() if r == "Harbour reopens"] == ["/a", "/b", "/c", "/d"]
    spun, hung = results["/spin"], results["/hang"]
    assert isinstance(spun, ExtractTimeout) and not spun.killed  # the worker's alarm stopped it
    assert BUDGET <= spun.elapsed < BUDGET + GRACE
    assert isinstance(hung, ExtractTimeout) and hung.killed  # only killing the worker ended it
    assert BUDGET + GRACE <= hung.elapsed < BUDGET + GRACE + 2.0
    assert isinstance(results["/crash"], WorkerDied) and str(results["/crash"]) == "killed by SIGKILL"
    assert isinstance(results["/exit"], WorkerDied) and str(results["/exit"]) == "exit code 3"
    failed = results["/fail"]
    assert isinstance(failed, ExtractFailed) and "ValueError: hook failure on http://harbour.test/fail" in str(failed)
    assert "Traceback" in failed.remote_traceback
    assert pool.restarts == 3  # hang, crash, exit; the spin and the exception keep their worker
    assert len(pool.pids()) == 2
    assert elapsed < 20


def test_a_worker_killed_while_idle_is_replaced_and_the_page_extracted(pool):
    victim = pool.pids()[0]
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while alive(victim) and time.monotonic() < deadline:
        time.sleep(0.05)
    results = [outcome(pool.submit(ARTICLE, f"http://harbour.test/{i}")) for i in range(4)]
    assert results == ["Harbour reopens"] * 4
    assert pool.restarts == 1 and victim not in pool.pids()


def test_what_the_extractor_logs_in_a_worker_reaches_this_process_loggers_from_the_pool_level(pool, caplog):
    with caplog.at_level(logging.DEBUG):
        assert outcome(pool.submit(ARTICLE, "http://harbour.test/warn/1")) == "Harbour reopens"
    forwarded = [r for r in caplog.records if r.name == "extract_hooks"]
    assert [(r.levelname, r.getMessage()) for r in forwarded] == [
        ("WARNING", "a warning about http://harbour.test/warn/1")]  # the debug line is below the pool's INFO
    assert forwarded[0].process != os.getpid()


def test_close_finishes_the_pages_already_submitted():
    pool = ExtractPool(1, BUDGET, GRACE, HOOK)
    pool.start()
    futures = [pool.submit(ARTICLE, f"http://harbour.test/slow/{i}") for i in range(3)]
    pool.close()
    assert [f.result(timeout=0).title for f in futures] == ["Harbour reopens"] * 3
    with pytest.raises(RuntimeError, match="not running"):
        pool.submit(ARTICLE, "http://harbour.test/late")


def test_a_wrong_function_path_fails_at_start_not_in_the_workers():
    with pytest.raises(ModuleNotFoundError):
        ExtractPool(1, BUDGET, GRACE, "no_such_module.extract").start()
    with pytest.raises(ValueError, match="at least one worker"):
        ExtractPool(0, BUDGET, GRACE)


def chunks(hashes: bytes) -> list[bytes]:
    """The 4-byte shingle hashes, sorted."""
    return sorted(hashes[i:i + 4] for i in range(0, len(hashes), 4))


def test_finish_runs_in_the_worker_on_each_result():
    """The crawl's pool sends back each record with its text's shingle hashes, hashed in
    the worker (scraper.crawl.hashed_record)."""
    pool = ExtractPool(1, BUDGET, GRACE, HOOK, finish="scraper.crawl.hashed_record.with_hashed_text")
    pool.start()
    try:
        record, hashed = pool.submit(ARTICLE, "http://harbour.test/a").result(timeout=30)
        assert record.title == "Harbour reopens" and "sentence 7" in record.text
        assert hashed.text == record.text  # hashed in another order (each process seeds str hashes apart)
        assert chunks(hashed.hashes) == chunks(shingle_hashes(record.text))
        assert pool.submit("<html><body></body></html>", "http://harbour.test/b").result(timeout=30)[1] is None
    finally:
        pool.close()


LARGE_PAGE = "<html><body>" + "".join(f"<div class='c{i}'><p>word {i} <b>x</b></p></div>"
                                      for i in range(100_000)) + "</body></html>"
MB = 1024 * 1024


def _memory_after_a_large_page(trim_interval):
    pool = ExtractPool(1, None, GRACE, "extract_hooks.resident_memory", trim_interval=trim_interval)
    pool.start()
    try:
        after_parse = pool.submit(LARGE_PAGE, "http://harbour.test/parse").result(timeout=60)
        next_page = pool.submit("", "http://harbour.test/rss").result(timeout=60)
        return after_parse, next_page
    finally:
        pool.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_a_worker_gives_a_large_pages_memory_back_before_the_next_page():
    """Freeing a parsed tree leaves its ~90 MB in the worker's heap; the trim after the
    page (``trim_interval``, the crawl's HEAP_TRIM_INTERVAL) returns it to the system."""
    after_parse, next_page = _memory_after_a_large_page(trim_interval=1e-6)
    assert next_page < after_parse - 40 * MB, (after_parse / MB, next_page / MB)
    after_parse, next_page = _memory_after_a_large_page(trim_interval=None)
    assert next_page > after_parse - 10 * MB, (after_parse / MB, next_page / MB)
