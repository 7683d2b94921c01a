"""Workers sharing one crawl on a real Redis server (scrapy-redis frontier, Redis state):
real `scraper crawl --redis` processes against the demo sites on 127.0.0.1."""

from __future__ import annotations

import collections
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from scraper.demo import DemoServer

FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"]
SAME_RECORD = ("article_id", "version", "url", "canonical_url", "title", "text", "authors", "date_published")
HEARTBEAT = ["-s", "SCRAPER_WORKER_TIMEOUT=3"]


def records_under(*roots: Path) -> list[dict]:
    found = []
    for root in roots:
        for path in sorted(root.glob("*/*.jsonl")):
            found += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return found


def written_by(out: Path, name: str) -> int:
    """Records worker ``name`` has written so far (complete lines)."""
    return sum(p.read_bytes().count(b"\n") for p in out.glob(f"*/*.{name}.jsonl"))


def as_set(records: list[dict]) -> set[tuple]:
    return {tuple(json.dumps(r.get(k), ensure_ascii=False) for k in SAME_RECORD) for r in records}


def worker(config: Path, out: Path, name: str, url: str, prefix: str, *extra: str) -> subprocess.Popen[str]:
    """`scraper crawl --redis` as its own process group (a SIGKILL takes its extraction workers too)."""
    return subprocess.Popen(
        [sys.executable, "-m", "scraper.cli", "crawl", str(config), "--out", str(out), "--allow-private", "-q",
         "--redis", url, "--worker", name, "-s", f"SCRAPER_REDIS_PREFIX={prefix}", *HEARTBEAT, *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        start_new_session=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def finish(process: subprocess.Popen[str], timeout: float = 240) -> tuple[int, str, str]:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:  # a hung worker must not outlive its test
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return process.returncode, out, err


def slowed(config: Path, delay: float) -> Path:
    """The config with each site fetched one page at a time, ``delay`` seconds apart."""
    text = re.sub(r"download_delay = [\d.]+", f"download_delay = {delay}", config.read_text())
    config.write_text(re.sub(r"concurrency = \d+", "concurrency = 1", text))
    return config


@pytest.fixture(scope="module")
def demo_sites():
    """One demo server for the module, so every crawl sees the same URLs (and article ids)."""
    with DemoServer() as server:
        yield server


@pytest.fixture
def server(demo_sites):
    demo_sites.clear_requested_paths()
    return demo_sites


@pytest.fixture(scope="module")
def single_run(demo_sites, tmp_path_factory):
    """The demo sites crawled by one process with SQLite state: what the workers must match."""
    tmp = tmp_path_factory.mktemp("single")
    demo_sites.clear_requested_paths()
    config = demo_sites.write_config(tmp / "sites.toml")
    result = run_cli("crawl", str(config), "--out", str(tmp / "out"), "--allow-private", "-q", *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    fetched = {name: collections.Counter(demo_sites.requested_paths(name)) for name in demo_sites.site_names()}
    return as_set(records_under(tmp / "out")), fetched


def test_two_workers_write_the_records_one_process_writes_and_fetch_no_url_twice(
        single_run, server, redis_server, redis_prefix, tmp_path):
    expected, single_fetched = single_run
    # slowed, so that neither worker can finish the round before the other has joined it
    # (a worker that joins after the round is over starts the next one): at 0.1 s a page, one
    # worker once took the whole round while the other was still starting on a loaded machine
    config = slowed(server.write_config(tmp_path / "sites.toml"), 0.3)
    # two machines: each its own output directory
    workers = [worker(config, tmp_path / name, name, redis_server.url, redis_prefix, *FAST)
               for name in ("w1", "w2")]
    results = [finish(w) for w in workers]
    fetched = {name: collections.Counter(server.requested_paths(name)) for name in server.site_names()}
    for code, _, err in results:
        assert code == 0, err[-3000:]
    records = records_under(tmp_path / "w1", tmp_path / "w2")
    assert len(records) == len(expected) and as_set(records) == expected
    split = {name: len(records_under(tmp_path / name)) for name in ("w1", "w2")}
    assert all(split.values()), f"both workers wrote records: {split}"
    for name, counts in fetched.items():
        pages = {path: n for path, n in counts.items() if path != "/robots.txt"}  # each worker reads robots.txt
        assert max(pages.values()) == 1, [p for p, n in pages.items() if n > 1]
        assert set(pages) == set(single_fetched[name]) - {"/robots.txt"}

    # the next run of both workers: nothing new, so no article is fetched again
    server.clear_requested_paths()
    again = [worker(config, tmp_path / name, name, redis_server.url, redis_prefix, *FAST)
             for name in ("w1", "w2")]
    for code, _, err in (finish(w) for w in again):
        assert code == 0, err[-3000:]
    articles = re.compile(r"/\d{4}/\d{2}/\d{2}/")
    refetched = [p for name in server.site_names() for p in server.requested_paths(name) if articles.search(p)]
    assert refetched == []
    assert len(records_under(tmp_path / "w1", tmp_path / "w2")) == len(expected)


def test_a_worker_killed_mid_crawl_leaves_the_other_to_finish_with_nothing_lost_or_repeated(
        single_run, server, redis_server, redis_prefix, tmp_path):
    expected, _ = single_run
    out = tmp_path / "out"  # one machine, one output directory: the survivor commits what the dead one wrote
    config = slowed(server.write_config(tmp_path / "sites.toml"), 0.1)
    # mid-crawl: the victim has written a record and holds requests in flight; the survivor
    # is started then, not with it, since a worker that starts first may queue in its own
    # downloader every request the other would have taken, and so never write one
    victim = worker(config, out, "victim", redis_server.url, redis_prefix, *FAST)
    deadline = time.monotonic() + 120
    while written_by(out, "victim") < 1 and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.1)
    assert victim.poll() is None, f"the crawl ended before the kill: {victim.communicate()[1][-3000:]}"
    survivor = worker(config, out, "survivor", redis_server.url, redis_prefix, *FAST)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait()
    code, _, err = finish(survivor)
    assert code == 0, err[-3000:]
    records = records_under(out)
    ids = collections.Counter(r["article_id"] for r in records)
    twice = [(r["url"], r["fetched_at"]) for r in records if ids[r["article_id"]] > 1]
    assert twice == [], err[-3000:]
    got = as_set(records)
    assert (len(expected - got), len(got - expected)) == (0, 0), err[-3000:]  # (lost, extra)
    assert "stopped answering" in err, err[-3000:]


def test_a_redis_restart_mid_crawl_is_ridden_out(single_run, server, redis_server, redis_prefix, tmp_path):
    expected, _ = single_run
    out = tmp_path / "out"
    config = slowed(server.write_config(tmp_path / "sites.toml"), 0.05)
    alone = worker(config, out, "alone", redis_server.url, redis_prefix, *FAST)
    deadline = time.monotonic() + 120
    while written_by(out, "alone") < 5 and time.monotonic() < deadline and alone.poll() is None:
        time.sleep(0.1)
    assert alone.poll() is None, "the crawl ended before the restart"
    redis_server.restart(down_for=2.0)
    code, _, err = finish(alone)
    assert code == 0, err[-3000:]
    records = records_under(out)
    assert len(records) == len(expected) and as_set(records) == expected


def test_redis_that_does_not_answer_is_a_clear_error(server, tmp_path):
    config = server.write_config(tmp_path / "sites.toml")
    result = run_cli("crawl", str(config), "--out", str(tmp_path / "out"), "--allow-private",
                     "--redis", "redis://127.0.0.1:9/0", timeout=120)
    assert result.returncode == 1
    assert "Redis does not answer" in result.stderr and "redis://127.0.0.1:9/0" in result.stderr


def test_worker_without_redis_is_a_usage_error(tmp_path):
    result = run_cli("crawl", "x.toml", "--out", str(tmp_path), "--worker", "w1")
    assert result.returncode == 2 and "--redis" in result.stderr


def test_schedule_seeds_the_due_sites_and_due_workers_crawl_them(
        single_run, server, redis_server, redis_prefix, tmp_path):
    expected, _ = single_run
    config = server.write_config(tmp_path / "sites.toml")
    prefix = ["-s", f"SCRAPER_REDIS_PREFIX={redis_prefix}"]
    idle = run_cli("crawl", str(config), "--out", str(tmp_path / "w1"), "--redis", redis_server.url, "--due", *prefix)
    assert idle.returncode == 0 and "nothing is due" in idle.stderr

    seeded = run_cli("schedule", str(config), "--redis", redis_server.url, "--once", *prefix)
    assert seeded.returncode == 0, seeded.stderr
    assert seeded.stdout.count("seeded for the next round") == len(server.site_names())
    workers = [worker(config, tmp_path / name, name, redis_server.url, redis_prefix, "--due", *FAST)
               for name in ("w1", "w2")]
    for code, _, err in (finish(w) for w in workers):
        assert code == 0, err[-3000:]
    assert as_set(records_under(tmp_path / "w1", tmp_path / "w2")) == expected

    later = run_cli("schedule", str(config), "--redis", redis_server.url, "--once", *prefix)
    assert later.returncode == 0 and later.stdout.count("not due until") == len(server.site_names()), later.stdout
    over = run_cli("crawl", str(config), "--out", str(tmp_path / "w1"), "--redis", redis_server.url, "--due", *prefix)
    assert over.returncode == 0 and "nothing is due" in over.stderr  # the round ended with its last worker
