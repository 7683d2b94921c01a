"""Memory and CPU of a process and its descendants, sampled from ``/proc`` (Linux).

:class:`TreeSampler` reads, every ``interval`` seconds from a thread of the measuring
process, the resident set size (RSS) of the process and of every live descendant (an
extraction pool's workers included) and keeps their sum's peak and last value. RSS of
forked workers counts the pages they share with their parent once per process, as
``ps`` and ``top`` do, so the sum is an upper bound of the memory actually used. The
proportional set size (PSS, ``/proc/PID/smaps_rollup``) splits each shared page among
the processes that map it, so its sum is the memory the tree holds: it is kept beside
the RSS sum (0 where the kernel does not give it).

It also keeps the CPU time of the tree (user + system, the live processes' own and that
of the children they have reaped): a cross-check for ``getrusage(RUSAGE_CHILDREN)``,
which only sees descendants that were waited for; and the CPU time of the process
alone, which says whether one process (the Scrapy reactor's) is the bottleneck.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ProcStat", "TreeSample", "TreeSampler", "proc_pss", "proc_stat", "tree_sample"]

PROC = Path("/proc")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class ProcStat:
    pid: int
    ppid: int
    cpu_seconds: float  # utime + stime + cutime + cstime
    own_cpu_seconds: float  # utime + stime: this process's, not its children's
    rss_bytes: int
    zombie: bool  # exited, not yet waited for: no memory, and its CPU time is final


def proc_stat(pid: int) -> ProcStat | None:
    """``/proc/PID/stat`` of one process, or None when it is gone (or /proc is missing)."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = text[text.rfind(")") + 2:].split()  # the command name may hold spaces and ')'
    if len(fields) < 22:
        return None
    ticks = [int(value) for value in fields[11:15]]  # utime stime cutime cstime
    return ProcStat(pid, int(fields[1]), sum(ticks) / CLOCK_TICKS, sum(ticks[:2]) / CLOCK_TICKS,
                    int(fields[21]) * PAGE_SIZE, fields[0] == "Z")


def proc_pss(pid: int) -> int:
    """The proportional set size of one process in bytes (``Pss:`` of
    ``/proc/PID/smaps_rollup``, Linux 4.14+), or 0 when it is gone or not given."""
    try:
        text = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024  # kB
    return 0


@dataclass(frozen=True)
class TreeSample:
    processes: int
    rss_bytes: int
    pss_bytes: int
    cpu_seconds: float
    root_cpu_seconds: float  # the root process's own, its descendants' left out


def tree_sample(root: int) -> TreeSample | None:
    """The summed RSS, PSS and CPU time of ``root`` and its live descendants, or None
    once it has exited."""
    stats: dict[int, ProcStat] = {}
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if entry.name.isdigit() and (stat := proc_stat(int(entry.name))) is not None:
            stats[stat.pid] = stat
    if root not in stats or stats[root].zombie:
        return None
    children: dict[int, list[int]] = {}
    for stat in stats.values():
        children.setdefault(stat.ppid, []).append(stat.pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(stats[pid])
        todo += children.get(pid, [])
    live = [s for s in tree if not s.zombie]
    return TreeSample(len(tree), sum(s.rss_bytes for s in tree), sum(proc_pss(s.pid) for s in live),
                      sum(s.cpu_seconds for s in tree), stats[root].own_cpu_seconds)


class TreeSampler:
    """Samples :func:`tree_sample` of ``root`` in a thread until :meth:`stop`."""

    def __init__(self, root: int, interval: float = 0.5) -> None:
        self.root = root
        self.interval = interval
        self.peak_rss = 0
        self.final_rss = 0
        self.peak_pss = 0
        self.final_pss = 0
        self.cpu_seconds = 0.0
        self.root_cpu_seconds = 0.0
        self.max_processes = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            sample = tree_sample(self.root)
            if sample is not None:
                self.samples += 1
                self.peak_rss = max(self.peak_rss, sample.rss_bytes)
                self.peak_pss = max(self.peak_pss, sample.pss_bytes)
                if sample.rss_bytes:  # an exiting process frees its memory before it turns zombie
                    self.final_rss, self.final_pss = sample.rss_bytes, sample.pss_bytes
                self.cpu_seconds = max(self.cpu_seconds, sample.cpu_seconds)
                self.root_cpu_seconds = max(self.root_cpu_seconds, sample.root_cpu_seconds)
                self.max_processes = max(self.max_processes, sample.processes)
            if self._stop.wait(self.interval):
                return
