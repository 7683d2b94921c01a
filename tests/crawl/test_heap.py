"""Returning freed memory to the system (scraper.crawl.heap) and the crawl's HeapTrim
extension (scraper.crawl.heap_trim)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from scraper.config import settings as defaults
from scraper.crawl.heap import HeapTrimmer, trim_heap
from scraper.crawl.heap_trim import TRIMS, HeapTrim

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")

# A fresh interpreter parses a large page, frees the tree and prints its RSS (MB) then,
# and again after a trim.
PARSE_FREE_TRIM = """
import lxml.html
from scraper.bench.sample import proc_stat
from scraper.crawl.heap import trim_heap
import os
def rss(): return proc_stat(os.getpid()).rss_bytes // 2**20
html = "<html><body>" + "".join(f"<div><p>word {i} <b>x</b></p></div>" for i in range(100_000)) + "</body></html>"
tree = lxml.html.fromstring(html)
del tree
freed = rss()
trim_heap()
print(freed, rss())
"""


@linux_only
def test_a_trim_returns_what_a_freed_tree_left_in_the_heap():
    freed, trimmed = map(int, subprocess.run([sys.executable, "-c", PARSE_FREE_TRIM], capture_output=True,
                                             text=True, check=True).stdout.split())
    assert trimmed < freed - 40, (freed, trimmed)


def test_the_trimmer_trims_at_most_once_per_interval():
    now = [100.0]
    trimmer = HeapTrimmer(1.0, clock=lambda: now[0])
    assert not trimmer.after_work()  # no time has passed since it was made
    now[0] += 0.5
    assert not trimmer.after_work()
    now[0] += 0.6
    assert trimmer.after_work() is trim_heap()
    assert not trimmer.after_work()
    now[0] += 1.0
    assert trimmer.after_work() is trim_heap()  # the interval runs from the last trim


@linux_only
def test_the_extension_counts_its_trims_and_is_off_at_0():
    crawler = get_crawler(settings_dict={"HEAP_TRIM_INTERVAL": defaults.HEAP_TRIM_INTERVAL})
    crawler.stats.open_spider()
    extension = HeapTrim.from_crawler(crawler)
    assert extension.timer.interval == 1.0
    extension.trim()
    extension.trim()
    assert crawler.stats.get_value(TRIMS) == 2
    with pytest.raises(NotConfigured):
        HeapTrim.from_crawler(get_crawler(settings_dict={"HEAP_TRIM_INTERVAL": 0}))
