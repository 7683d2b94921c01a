"""The per-call wall-clock budget (scraper.crawl.timebudget) and its use in ExtractPipeline."""

from __future__ import annotations

import logging
import signal
import threading
import time

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from pipelines.extract import ExtractPipeline
from scraper.config.project import project_defaults
from scraper.crawl import timebudget
from scraper.crawl.page import FetchedPage
from scraper.crawl.timebudget import BudgetExceeded, budget_supported, run_with_budget

needs_alarm = pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="no SIGALRM on this platform")

BUDGET = 0.3
MARGIN = 0.5  # seconds of slack for a loaded CI machine


def spin(seconds: float = 30.0) -> None:
    """Pure-Python busy loop, with an ``except Exception`` that must not swallow the stop."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            sum(range(1000))
        except Exception:  # noqa: BLE001 - the budget's interrupt is not an Exception
            pass


def assert_no_leak(handler_before) -> None:
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler_before


@needs_alarm
@pytest.mark.parametrize("runaway", [spin, lambda: time.sleep(30)], ids=["busy-loop", "sleep"])
def test_a_runaway_call_is_stopped_within_the_budget_and_leaves_nothing_behind(runaway):
    before = signal.getsignal(signal.SIGALRM)
    start = time.monotonic()
    with pytest.raises(BudgetExceeded) as info:
        run_with_budget(BUDGET, runaway)
    elapsed = time.monotonic() - start
    assert BUDGET <= elapsed < BUDGET + MARGIN
    assert info.value.budget == BUDGET and info.value.elapsed >= BUDGET
    assert isinstance(info.value, TimeoutError)
    assert_no_leak(before)
    time.sleep(BUDGET)  # a stray alarm would fire now


@needs_alarm
def test_a_call_within_budget_returns_its_result_and_its_own_errors():
    before = signal.getsignal(signal.SIGALRM)
    assert run_with_budget(5.0, lambda a, *, b: a + b, 1, b=2) == 3
    with pytest.raises(KeyError):
        run_with_budget(5.0, {}.__getitem__, "missing")
    assert_no_leak(before)


@needs_alarm
def test_a_previous_sigalrm_handler_is_restored():
    calls = []
    previous = signal.signal(signal.SIGALRM, lambda *_: calls.append(1))
    try:
        with pytest.raises(BudgetExceeded):
            run_with_budget(0.1, spin)
        assert run_with_budget(1.0, lambda: "ok") == "ok"
        assert signal.getsignal(signal.SIGALRM) is not None and calls == []
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_no_budget_means_a_plain_call():
    assert run_with_budget(None, lambda: 1) == 1
    assert run_with_budget(0, lambda: 2) == 2


def test_off_the_main_thread_the_call_runs_without_a_budget_and_says_so_once(caplog):
    timebudget._warned.clear()
    results: list[object] = []

    def worker() -> None:
        results.append(budget_supported())
        results.append(run_with_budget(0.01, lambda: time.sleep(0.05) or "done"))
        results.append(run_with_budget(0.01, lambda: "again"))

    with caplog.at_level(logging.WARNING, logger="scraper.crawl.timebudget"):
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
    assert results == [False, "done", "again"]
    assert [r.getMessage() for r in caplog.records].count(
        "Time budgets are not enforced: not on the main thread; calls run without a limit") == 1


@needs_alarm
def test_an_armed_interval_timer_is_left_alone():
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        assert not budget_supported()
        assert run_with_budget(0.01, lambda: "unbudgeted") == "unbudgeted"
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 90
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def test_no_sigalrm_platform_falls_back(monkeypatch):
    monkeypatch.setattr(timebudget, "_HAS_ALARM", False)
    assert not budget_supported()
    assert run_with_budget(0.01, lambda: time.sleep(0.03) or "slow but done") == "slow but done"


# ---------------------------------------------------------------- in the pipeline

ARTICLE = (
    "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>"
    + "".join(f"<p>The harbour reopened on Monday after repairs, sentence {i} of the report.</p>"
              for i in range(8))
    + "</article></body></html>"
)


def build(**settings):
    crawler = get_crawler(settings_dict={**project_defaults(), **settings})
    crawler.stats.open_spider()
    return ExtractPipeline.from_crawler(crawler), crawler.stats


def page(html: str) -> FetchedPage:
    return FetchedPage(url="http://a.test/2024/01/02/story/", site="demo", html=html,
                       fetched_at="2024-11-24T01:13:00+00:00", language_hint="en")


def test_the_timeout_setting_is_read_and_can_be_turned_off():
    assert build()[0].timeout == 10.0
    assert build(EXTRACT_TIMEOUT=2.5)[0].timeout == 2.5
    assert build(EXTRACT_TIMEOUT="3")[0].timeout == 3.0
    assert build(EXTRACT_TIMEOUT=0)[0].timeout is None
    assert build(EXTRACT_TIMEOUT="")[0].timeout is None


@needs_alarm
def test_a_page_over_budget_is_dropped_counted_and_logged_and_the_next_page_is_fine(monkeypatch, caplog):
    pipeline, stats = build(EXTRACT_TIMEOUT=BUDGET, EXTRACT_WORKERS=0)
    real_extract = pipeline.extract
    before = signal.getsignal(signal.SIGALRM)

    def pathological(html, url=None, **kwargs):
        if "pathological" in html:
            spin()  # stands in for a page that makes the extractor run away
        return real_extract(html, url, **kwargs)

    monkeypatch.setattr(pipeline, "extract", pathological)
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="pipelines.extract"):
        with pytest.raises(DropItem, match="extract_timeout"):
            pipeline.process_item(page("<p>pathological</p>"))
    assert time.monotonic() - start < BUDGET + MARGIN
    assert stats.get_value("dropped/extract_timeout") == 1
    assert stats.get_value("site/demo/dropped/extract_timeout") == 1
    assert any("http://a.test/2024/01/02/story/" in r.getMessage() for r in caplog.records)
    assert_no_leak(before)

    result = pipeline.process_item(page(ARTICLE))
    assert result.record is not None and result.record.title == "Harbour reopens"
    assert stats.get_value("extract/articles") == 1
    assert stats.get_value("dropped/extract_timeout") == 1
    assert_no_leak(before)
