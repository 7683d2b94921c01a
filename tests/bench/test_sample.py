"""Memory and CPU of a process tree, from /proc."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scraper.bench.measure import measure
from scraper.bench.sample import proc_pss, proc_stat, tree_sample

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")

# A parent that starts a child holding ~40 MB; each spends 1 s of CPU time.
TREE = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "b = bytearray(40_000_000); import time\\n"
                          "while time.process_time() < 1.0: pass"])
while time.process_time() < 1.0: pass
child.wait()
"""


def test_proc_stat_of_this_process():
    stat = proc_stat(os.getpid())
    assert stat is not None and stat.rss_bytes > 0 and stat.cpu_seconds > 0 and not stat.zombie
    assert proc_stat(2**22 + 12345) is None


def test_proc_pss_is_at_most_rss():
    stat = proc_stat(os.getpid())
    assert stat is not None and 0 < proc_pss(os.getpid()) <= stat.rss_bytes
    assert proc_pss(2**22 + 12345) == 0


def test_tree_sample_counts_children():
    process = subprocess.Popen([sys.executable, "-c", TREE])
    try:
        time.sleep(0.7)
        sample = tree_sample(process.pid)
        assert sample is not None and sample.processes == 2
        assert sample.rss_bytes > 40_000_000
        assert 40_000_000 < sample.pss_bytes <= sample.rss_bytes  # the child's bytearray is its own
    finally:
        process.wait()
    assert tree_sample(process.pid) is None


def test_measure_takes_in_the_childs_cpu_and_memory(tmp_path):
    measured = measure([sys.executable, "-c", TREE], tmp_path / "log", interval=0.1)
    assert measured.exit_code == 0 and measured.max_processes == 2
    assert 1.95 <= measured.cpu_seconds < 4  # 1 s of the parent's, 1 s of the child's
    assert 0.5 < measured.main_cpu_seconds < 1.5  # the parent's alone (sampled: may miss its last 0.1 s)
    assert measured.peak_rss_bytes > 40_000_000 and measured.final_rss_bytes > 0
    assert 40_000_000 < measured.peak_pss_bytes <= measured.peak_rss_bytes


def test_a_sample_taken_while_the_process_exits_is_not_its_final_memory(monkeypatch):
    """The kernel frees an exiting process's memory before it turns zombie, so one sample can
    read 0 bytes; that window cannot be hit on purpose, hence the scripted samples."""
    import scraper.bench.sample as sample_module
    from scraper.bench.sample import TreeSample, TreeSampler

    samples = iter([TreeSample(1, 50_000_000, 45_000_000, 0.5, 0.5), TreeSample(1, 0, 0, 0.6, 0.6), None])
    monkeypatch.setattr(sample_module, "tree_sample", lambda root: next(samples, None))
    sampler = TreeSampler(os.getpid(), interval=0.01).start()
    time.sleep(0.2)
    sampler.stop()
    assert (sampler.final_rss, sampler.final_pss, sampler.peak_rss) == (50_000_000, 45_000_000, 50_000_000)
    assert sampler.cpu_seconds == 0.6
