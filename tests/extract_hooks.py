"""Test-only extract functions for the extraction pool, named with ``EXTRACT_FUNCTION``
(``extract_hooks.extract``) or given to :class:`scraper.crawl.extract_pool.ExtractPool`.

Both are :func:`scraper.extract.extract_article`, except that on some pages they first
act up, in the worker process:

* ``spin``: a pure-Python busy loop, which the worker's alarm stops;
* ``hang``: a sleep with SIGALRM blocked, like a long call into C code that no alarm
  interrupts: only killing the worker ends it;
* ``crash``: the worker kills itself with SIGKILL;
* ``exit``: the worker ends with ``os._exit(3)``;
* ``fail``: raises ValueError;
* ``slow``: sleeps 0.3 s, then extracts;
* ``warn``: logs a warning on the logger ``extract_hooks`` and a debug line, then extracts.

:func:`extract` acts on pages whose URL contains a marker named in the environment
variable ``EXTRACT_HOOKS`` (``action=marker`` pairs, comma-separated: a crawl's workers
inherit the crawl's environment); :func:`by_path` on URLs whose path starts with the
action's name (``http://host/hang/1``), for tests that run the pool in their own process.

:func:`resident_memory` is no extractor: it answers the worker's resident memory, after
parsing the page and freeing its tree when asked to (for the heap trim's test).
"""

from __future__ import annotations

import logging
import os
import signal
import time
from urllib.parse import urlsplit

import lxml.html

from scraper.bench.sample import proc_stat
from scraper.extract import extract_article


def _spin(url: str) -> None:
    end = time.monotonic() + 3600
    while time.monotonic() < end:
        sum(range(1000))


def _hang(url: str) -> None:
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(3600)


def _crash(url: str) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _exit(url: str) -> None:
    os._exit(3)


def _fail(url: str) -> None:
    raise ValueError(f"hook failure on {url}")


def _slow(url: str) -> None:
    time.sleep(0.3)


def _warn(url: str) -> None:
    logger = logging.getLogger(__name__)
    logger.warning("a warning about %s", url)
    logger.debug("a debug line about %s", url)


ACTIONS = {"spin": _spin, "hang": _hang, "crash": _crash, "exit": _exit, "fail": _fail, "slow": _slow,
           "warn": _warn}


def extract(html, url=None, **kwargs):
    for item in filter(None, os.environ.get("EXTRACT_HOOKS", "").split(",")):
        action, _, marker = item.partition("=")
        if url and marker in url:
            ACTIONS[action](url)
    return extract_article(html, url, **kwargs)


def by_path(html, url=None, **kwargs):
    action = urlsplit(url or "").path.split("/")[1:2]
    if action and action[0] in ACTIONS:
        ACTIONS[action[0]](url)
    return extract_article(html, url, **kwargs)


def resident_memory(html, url=None, **kwargs):
    """The worker's RSS in bytes: after parsing ``html`` and freeing the tree when the
    URL's path is ``/parse``, as it is otherwise."""
    if urlsplit(url or "").path == "/parse":
        tree = lxml.html.fromstring(html)
        del tree
    stat = proc_stat(os.getpid())
    return stat.rss_bytes if stat else 0
