"""Extraction in worker processes (EXTRACT_WORKERS), end to end: real crawls (`scraper
crawl` in subprocesses) of the demo sites served on 127.0.0.1.

The same records as extraction in the crawl's own thread; a page that hangs where no
alarm reaches, or kills its worker, costs that page alone; a graceful stop (SIGTERM)
finishes the pages in flight; no worker process outlives its crawl. Misbehaving pages
come from the test extract function ``extract_hooks.extract`` (EXTRACT_FUNCTION), told by
the environment which URLs to act up on.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from conftest import ROOT

from scraper.demo import DemoServer
from scraper.store.state import STATE_FILE

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find processes")

FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "--allow-private",
        "-s", "LOG_SCRAPY_DETAILS=True"]  # the tests read the stats dump
HOOK = ["-s", "EXTRACT_FUNCTION=extract_hooks.extract"]


def start_crawl(config: Path, out: Path, *extra: str, hooks: str = "") -> tuple[subprocess.Popen[str], str]:
    """``scraper crawl`` in a subprocess; its environment carries a marker that every process
    it starts (fork server, workers) inherits, so :func:`survivors` can find them."""
    marker = f"extract-pool-test-{uuid.uuid4().hex}"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "EXTRACT_POOL_TEST": marker, "EXTRACT_HOOKS": hooks,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "tests"), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(
        [sys.executable, "-m", "scraper.cli", "crawl", str(config), "--out", str(out), *FAST, *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT, env=env,
    )
    return process, marker


def finish(process: subprocess.Popen[str], marker: str) -> str:
    """Wait for the crawl; its log. No process carrying its marker may be left."""
    _, log = process.communicate(timeout=120)
    deadline = time.monotonic() + 5  # the fork server notices its parent's exit on its own
    while (left := survivors(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, f"processes outlived the crawl: {left}"
    return log


def survivors(marker: str) -> list[int]:
    """Live (not zombie) processes whose environment holds ``marker``."""
    found = []
    needle = f"EXTRACT_POOL_TEST={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def records(out: Path) -> list[dict]:
    """Every written record without its fetch time, in URL order."""
    found = []
    for path in sorted(out.glob("*/*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            record.pop("fetched_at")
            found.append(record)
    return sorted(found, key=lambda r: r["url"])


def stat(log: str, key: str) -> int:
    found = re.search(rf"'{re.escape(key)}': (\d+)", log)
    return int(found.group(1)) if found else 0


def worker_pids(log: str) -> list[int]:
    found = re.search(r"Extracting in \d+ worker processes \(pids ([\d, ]+)\)", log)
    assert found, log[-3000:]
    return [int(pid) for pid in found.group(1).split(", ")]


def signatures(out: Path) -> dict[str, tuple[bytes, tuple[tuple[int, int], ...]]]:
    """Each article's stored near-duplicate signature and band keys, in the crawl's state."""
    with closing(sqlite3.connect(out / ".state" / STATE_FILE)) as db:
        stored = {article: (signature, ()) for article, signature in db.execute(
            "SELECT article_id, signature FROM articles")}
        bands = db.execute("SELECT article_id, band, hash FROM bands ORDER BY article_id, band").fetchall()
    for article, band, value in bands:
        stored[article] = (stored[article][0], (*stored[article][1], (band, value)))
    return stored


@pytest.fixture(scope="module")
def server():
    with DemoServer() as demo:
        yield demo


def article_urls(server: DemoServer) -> list[str]:
    return sorted(server.base_url(name) + path for name in server.site_names()
                  for path in server.site(name).article_paths())


def test_two_workers_write_the_same_records_as_in_process_extraction(server, tmp_path):
    config = server.write_config(tmp_path / "sites.toml")
    crawls = {workers: start_crawl(config, tmp_path / f"out{workers}", "-s", f"EXTRACT_WORKERS={workers}")
              for workers in (0, 2)}  # side by side
    logs = {workers: finish(*crawl) for workers, crawl in crawls.items()}
    for workers, crawl in crawls.items():
        assert crawl[0].returncode == 0, logs[workers][-3000:]
    in_process, pooled = records(tmp_path / "out0"), records(tmp_path / "out2")
    assert [r["url"] for r in pooled] == article_urls(server)
    assert pooled == in_process
    assert "Extracting in" not in logs[0] and len(worker_pids(logs[2])) == 2
    assert stat(logs[2], "extract/pages") == stat(logs[0], "extract/pages") == len(pooled)
    assert stat(logs[2], "extract/worker_restarts") == 0
    # the workers hash each text for near-duplicate detection; the state holds what hashing here gives
    stored = signatures(tmp_path / "out0")
    assert signatures(tmp_path / "out2") == stored and len(stored) == len(pooled)


def test_hung_and_crashing_pages_cost_only_themselves_and_their_workers_are_replaced(server, tmp_path):
    config = server.write_config(tmp_path / "sites.toml")
    urls = article_urls(server)
    spin, hang, crash, fail = urls[1], urls[5], urls[-2], urls[-6]
    hooks = f"spin={spin},hang={hang},crash={crash},fail={fail}"
    process, marker = start_crawl(config, tmp_path / "out", *HOOK, "-s", "EXTRACT_WORKERS=2",
                                  "-s", "EXTRACT_TIMEOUT=1", "-s", "EXTRACT_WORKER_GRACE=2", hooks=hooks)
    log = finish(process, marker)
    assert process.returncode == 0, log[-3000:]

    assert [r["url"] for r in records(tmp_path / "out")] == [u for u in urls if u not in (spin, hang, crash, fail)]
    assert stat(log, "dropped/extract_timeout") == 2 and stat(log, "dropped/extract_error") == 2
    assert stat(log, "extract/worker_restarts") == 2  # the hung one and the crashed one
    assert f"Extraction of {spin} stopped after 1." in log
    assert re.search(rf"Extraction of {re.escape(hang)} still running after [3-9]\.\d\d s "
                     r"\(EXTRACT_TIMEOUT 1 s \+ 2 s grace\): its worker was killed and replaced", log)
    assert f"Extraction worker died on {crash} (killed by SIGKILL); replaced" in log
    assert f"Extraction failed for {fail}\nTraceback" in log and "ValueError: hook failure" in log
    for reason, url in [("extract_timeout", spin), ("extract_timeout", hang), ("extract_error", crash)]:
        assert re.search(rf"Dropped.*{reason}: {re.escape(url)}", log), (reason, url)


def test_a_graceful_stop_finishes_the_pages_in_flight_then_ends_the_workers(server, tmp_path):
    config, out = server.write_config(tmp_path / "sites.toml"), tmp_path / "out"
    # A page every 0.25 s from each site (at most 2 requests queued in the downloader), each
    # extracted in 0.3 s: when the stop comes, pages are being extracted and the crawl is
    # far from done.
    config.write_text(config.read_text().replace("download_delay = 0.0", "download_delay = 0.25")
                      .replace("concurrency = 8", "concurrency = 1"))
    assert config.read_text().count("download_delay = 0.25") == 2
    process, marker = start_crawl(config, out, *HOOK, "-s", "EXTRACT_WORKERS=2", "-s", "CONCURRENT_REQUESTS=2",
                                  hooks="slow=http")
    deadline = time.monotonic() + 60
    while not list(out.glob("*/*.jsonl")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    written_before = len(records(out))
    process.send_signal(signal.SIGTERM)
    log = finish(process, marker)
    assert "Received SIGTERM, shutting down gracefully" in log, log[-3000:]
    assert len(worker_pids(log)) == 2

    written = records(out)
    assert 0 < written_before < len(written) < len(article_urls(server)), "pages in flight, the stop mid-crawl"
    # every page that went into extraction came out of it, as a record or a counted drop
    decided = stat(log, "extract/articles") + sum(
        stat(log, f"dropped/{reason}") for reason in ("not_article", "extract_error", "extract_timeout"))
    assert stat(log, "extract/pages") == decided
    assert stat(log, "export/records") == len(written) == stat(log, "extract/articles")
