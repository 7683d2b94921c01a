"""One measured subprocess: wall time, CPU time, peak and final memory, exit code.

CPU time is ``getrusage(RUSAGE_CHILDREN)`` of this process before and after the run,
which holds the subprocess and every descendant it waited for (an extraction pool's
workers), or the CPU time sampled from ``/proc`` (:mod:`scraper.bench.sample`) when
that is larger (workers that were never waited for). Memory is sampled from ``/proc``
every ``interval`` seconds; every ``TICK`` seconds a progress call gets the elapsed time
and the latest sample's RSS, so that a caller can tell how memory grows with the work
done. The measuring process must not wait for other children during a run (the bench
server is waited for only at the end).
"""

from __future__ import annotations

import resource
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scraper.bench.sample import TreeSampler

__all__ = ["Measurement", "measure"]

SAMPLE_INTERVAL = 0.5  # seconds between two memory samples
TICK = 5.0  # seconds between two progress calls


@dataclass(frozen=True)
class Measurement:
    exit_code: int
    wall_seconds: float
    cpu_seconds: float
    main_cpu_seconds: float  # the process's own, at the last sample (its workers left out)
    peak_rss_bytes: int
    final_rss_bytes: int  # at the last sample before the process exited
    peak_pss_bytes: int  # the tree's proportional set size: shared pages counted once
    final_pss_bytes: int
    max_processes: int  # the process and its descendants, at most, at one sample


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: Sequence[str], log: Path, on_tick: Callable[[float, int], None] | None = None,
            interval: float = SAMPLE_INTERVAL, cwd: Path | None = None) -> Measurement:
    """Run ``command`` (its output into ``log``) and measure it."""
    cpu_before = _children_cpu()
    with log.open("w", encoding="utf-8") as output:
        started = time.monotonic()
        process = subprocess.Popen(list(command), stdout=output, stderr=subprocess.STDOUT, cwd=cwd)
        sampler = TreeSampler(process.pid, interval).start()
        while True:
            try:
                code = process.wait(timeout=TICK)
                break
            except subprocess.TimeoutExpired:
                if on_tick:
                    on_tick(time.monotonic() - started, sampler.final_rss)
        wall = time.monotonic() - started
        sampler.stop()
    cpu = max(_children_cpu() - cpu_before, sampler.cpu_seconds)
    return Measurement(code, wall, cpu, sampler.root_cpu_seconds, sampler.peak_rss, sampler.final_rss,
                       sampler.peak_pss, sampler.final_pss, sampler.max_processes)
