"""A wall-clock budget for one call: give up cleanly when a call runs too long.

    try:
        record = run_with_budget(10.0, extract_article, html, url)
    except BudgetExceeded as exc:
        ...  # drop the page; exc.budget and exc.elapsed say how long it ran

Where it runs: in the extraction workers, and why SIGALRM there
----------------------------------------------------------------
The crawl extracts pages in worker processes (:mod:`scraper.crawl.extract_pool`,
``EXTRACT_WORKERS``), and each worker runs every page under this budget in its own main
thread. ``EXTRACT_WORKERS = 0`` runs pages in the crawl's main thread (Scrapy's reactor
thread) under the same budget, as do in-process callers such as the CLI. A one-shot
``setitimer(ITIMER_REAL)`` plus a SIGALRM handler that raises is the first line of
defence, and the pool's kill is the second:

* it costs nothing per page (two system calls), and an over-budget page costs only
  itself: the worker carries on with the next page, its imported trafilatura and warm
  caches intact, where killing it would cost a new process for every slow page;
* only what the alarm cannot stop (below) needs the pool's heavier tool: a worker still
  on its page ``EXTRACT_WORKER_GRACE`` seconds past the budget is killed and replaced.
  Without the pool (``EXTRACT_WORKERS = 0``) nothing backs the alarm up.

The limit of the signal approach: Python runs the handler between bytecodes, so one
long call into C (a regex, lxml parsing one huge document) is interrupted only when it
returns. Input size is capped before parsing (``DOWNLOAD_MAXSIZE``, the extractor's own
limit) and the extractor's slow paths are Python loops over many small lxml calls, so in
practice the budget is honoured within a fraction of a second. Size alone is not enough:
libxml2 is quadratic in the attributes of one tag (300,000 of them in 3 MB: minutes in
one parse), so the crawl refuses such pages before anything parses them
(``HTML_MAX_TAG_ATTRIBUTES``, :mod:`scraper.fetch.markup`); other callers of the
extractor are not covered by that check. In the crawl's worker pool, a call into C that
outlives the budget plus the grace period ends with its worker killed.

Details that make it safe to use around third-party code:

* The exception raised inside the call derives from :class:`BaseException`, so the
  ``except Exception`` guards in the extractor and in trafilatura do not swallow it; the
  caller sees :class:`BudgetExceeded` (a :class:`TimeoutError`) instead.
* Code that catches even BaseException could swallow the interrupt and carry on; none
  in the extraction path does (no bare ``except:`` in trafilatura, htmldate, lxml.html
  or ``scraper``). Such a call still ends in :class:`BudgetExceeded`, only later.
* The timer is disarmed and the previous SIGALRM handler restored on every exit, also
  when the alarm lands during that cleanup; nothing is left pending.
* Where there is no budget to enforce — no SIGALRM (Windows), not the main thread, or
  an interval timer already armed by someone else (an enclosing budget) — the call runs
  without one, and this is logged once per reason.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import ParamSpec, TypeVar

__all__ = ["BudgetExceeded", "budget_supported", "run_with_budget"]

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

_HAS_ALARM = hasattr(signal, "SIGALRM") and hasattr(signal, "setitimer")
_warned: set[str] = set()


class BudgetExceeded(TimeoutError):
    """The call ran past its budget and was stopped."""

    def __init__(self, budget: float, elapsed: float) -> None:
        super().__init__(f"time budget of {budget:g} s exceeded after {elapsed:.2f} s")
        self.budget = budget
        self.elapsed = elapsed


class _Interrupt(BaseException):
    """Raised inside the call by the alarm; BaseException so ``except Exception`` misses it."""


class _Alarm:
    """State shared with the signal handler for one budgeted call."""

    def __init__(self) -> None:
        self.active = True
        self.fired = False

    def handler(self, signum: int, frame: FrameType | None) -> None:
        # Raises at most once: after that (or once the call is over) it does nothing.
        if self.active and not self.fired:
            self.fired = True
            raise _Interrupt


def _unsupported_reason() -> str | None:
    if not _HAS_ALARM:
        return "this platform has no SIGALRM"
    if threading.current_thread() is not threading.main_thread():
        return "not on the main thread"
    if signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
        return "an interval timer is already armed"
    return None


def budget_supported() -> bool:
    """Whether :func:`run_with_budget` can enforce a budget here and now."""
    return _unsupported_reason() is None


def _warn_once(reason: str) -> None:
    if reason not in _warned:
        _warned.add(reason)
        logger.warning("Time budgets are not enforced: %s; calls run without a limit", reason)


def run_with_budget(
    budget: float | None, func: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
) -> T:
    """``func(*args, **kwargs)``, stopped with :class:`BudgetExceeded` after ``budget`` seconds.

    ``budget`` None or <= 0 means no limit. Exceptions of ``func`` pass through unchanged.
    A call that returns although the alarm went off (some code caught the interrupt and
    carried on) still counts as over budget: its result may be incomplete.
    """
    if budget is None or budget <= 0:
        return func(*args, **kwargs)
    reason = _unsupported_reason()
    if reason is not None:
        _warn_once(reason)
        return func(*args, **kwargs)

    alarm = _Alarm()
    previous = signal.signal(signal.SIGALRM, alarm.handler)
    start = time.monotonic()
    # The one-shot alarm raises _Interrupt at most once, wherever the main thread is
    # then; every place it can land before the handler goes quiet is inside the outer
    # try, so it is always caught, and the previous handler is always restored.
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, budget)
            result = func(*args, **kwargs)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            alarm.active = False
    except _Interrupt:
        pass
    finally:
        # signal.signal() first runs any handler still pending: ours, now quiet
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
    if alarm.fired:
        raise BudgetExceeded(budget, time.monotonic() - start) from None
    return result
