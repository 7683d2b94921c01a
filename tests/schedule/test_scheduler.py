"""`scraper schedule`: due times, the per-site lock, `--once` and the long-running mode.

The end-to-end tests run real `scraper schedule` processes (which run real `scraper
crawl` subprocesses) against the demo sites on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from scraper.crawl.summary import SiteSummary, summary_document
from scraper.demo import DemoServer
from scraper.schedule.runner import CrawlRunner, read_counts
from scraper.schedule.timing import due_at, due_slack, format_every, is_due
from scraper.store.locks import SiteLocked, site_lock

FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_ENABLED=False",
        "--allow-private"]  # the demo sites are on 127.0.0.1
HOUR = 3600.0


# --- Due times ------------------------------------------------------------------------------


def test_never_crawled_is_due_now():
    assert due_at(None, HOUR, now=1000.0) == 1000.0
    assert is_due(None, HOUR, now=1000.0)


def test_recent_crawl_is_due_one_interval_after_it_started():
    assert due_at(1000.0, HOUR, now=1500.0) == 1000.0 + HOUR
    assert not is_due(1000.0, HOUR, now=1500.0)


def test_overdue_crawl_is_due_now():
    assert due_at(1000.0, HOUR, now=1000.0 + 3 * HOUR) == 1000.0 + 3 * HOUR
    assert is_due(1000.0, HOUR, now=1000.0 + HOUR)


def test_due_a_little_early_so_a_cron_job_on_the_same_period_does_not_drift():
    # The crawl recorded its start 5 s after cron launched it; an hour later it is due.
    assert due_slack(HOUR) == 60.0
    assert due_slack(30.0) == 3.0
    assert is_due(1005.0, HOUR, now=1000.0 + HOUR)
    assert not is_due(1000.0, HOUR, now=1000.0 + HOUR - 61)


def test_a_last_crawl_in_the_future_never_delays_more_than_one_interval():
    # The clock was set back by a day.
    assert due_at(100_000.0, HOUR, now=100_000.0 - 86400) == 100_000.0 - 86400 + HOUR


# --- Lock and summary -----------------------------------------------------------------------


def test_site_lock_is_exclusive_and_released(tmp_path):
    with site_lock(tmp_path, "news") as fd:
        assert isinstance(fd, int)
        assert (tmp_path / "locks" / "news.lock").read_text().strip() == str(os.getpid())
        with pytest.raises(SiteLocked, match="already being crawled") as caught:
            with site_lock(tmp_path, "news"):
                pass  # pragma: no cover
        assert caught.value.holder == str(os.getpid())
        with site_lock(tmp_path, "other"):  # another site is not affected
            pass
    with site_lock(tmp_path, "news"):  # released on exit
        pass


def test_site_lock_is_held_by_another_process(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from scraper.schedule.scheduler import site_lock\n"
         "with site_lock(sys.argv[1], 'news'):\n"
         "    print('locked', flush=True)\n"
         "    time.sleep(30)\n", str(tmp_path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(SiteLocked):
            with site_lock(tmp_path, "news"):
                pass  # pragma: no cover
    finally:
        holder.kill()
        holder.wait()
    with site_lock(tmp_path, "news"):  # the OS released it with the process
        pass


def test_site_lock_rejects_paths():
    with pytest.raises(ValueError):
        with site_lock("/tmp", "../x"):
            pass  # pragma: no cover


def test_intervals_are_written_as_a_site_config_writes_them():
    assert [format_every(s) for s in (1800, 7200, 86400, 90, 1.5)] == ["30m", "2h", "1d", "90s", "1.5s"]


def test_the_cli_imports_stay_in_the_scheduler_module():
    from scraper.schedule import scheduler

    for name in ("DEFAULT_EVERY", "STOP_TIMEOUT", "duration_arg", "run", "CrawlRunner", "site_lock"):
        assert hasattr(scheduler, name), name


def test_the_scheduler_does_not_import_scrapy():
    code = ("import sys, scraper.schedule.scheduler;"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'twisted'));"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


SUMMARY = SiteSummary("english-demo", pages_fetched=71, articles_written=23, new=23, failed=2,
                      dropped={"too_short": 4}, seconds=1.4)
COUNTS = {"fetched": 71, "written": 23, "new": 23, "updated": 0, "unchanged": 0, "seen": 0, "304": 0,
          "same-body": 0, "failed": 2, "seen-drop": 0, "gone": 0, "refused": 0, "blocked": 0}


def _write_summary(path: Path, *summaries: SiteSummary) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(summary_document(list(summaries), "finished")), encoding="utf-8")


def test_read_counts_gives_the_table_columns_in_order(tmp_path):
    path = tmp_path / "english-demo.json"
    _write_summary(path, SUMMARY)
    counts = read_counts(path, "english-demo")
    assert counts == COUNTS and list(counts) == list(COUNTS)
    assert read_counts(path, "arabic-demo") is None  # not this site's summary
    assert read_counts(tmp_path / "missing.json", "english-demo") is None  # the crawl wrote none
    path.write_text("{not json", encoding="utf-8")
    assert read_counts(path, "english-demo") is None


# --- CrawlRunner with stand-in commands -----------------------------------------------------


def _runner(tmp_path: Path, code: str) -> CrawlRunner:
    return CrawlRunner("unused.toml", str(tmp_path / "out"), tmp_path / "state",
                       command=lambda site: [sys.executable, "-c", code])


def test_a_crashing_crawl_is_reported_with_its_exit_code(tmp_path):
    result = _runner(tmp_path, "import sys; print('boom'); sys.exit(3)").crawl("news")
    assert (result.status, result.exit_code) == ("failed", 3)
    assert result.line() == "news: failed: code 3"
    assert "boom" in (tmp_path / "state" / "logs" / "news.log").read_text()


def test_exit_0_without_the_crawl_recorded_in_the_state_is_a_failure(tmp_path):
    result = _runner(tmp_path, "pass").crawl("news")
    assert result.status == "failed"
    assert result.line() == "news: failed: not recorded as crawled (exit 0)"


def test_the_counts_come_from_the_summary_file_not_the_log(tmp_path):
    # The stand-in prints a table that says something else: only the JSON file counts.
    runner = _runner(tmp_path, "")
    summary_file = runner.summary_file("english-demo")
    assert summary_file == tmp_path / "state" / "runs" / "english-demo.json"
    code = (
        "import json, pathlib, sys\n"
        "print('site fetched written\\nenglish-demo 999 999')\n"
        f"path = pathlib.Path({str(summary_file)!r})\n"
        "path.parent.mkdir(parents=True, exist_ok=True)\n"
        f"path.write_text({json.dumps(summary_document([SUMMARY], 'finished'))!r})\n"
    )
    runner.command = lambda site: [sys.executable, "-c", code]
    result = runner.crawl("english-demo")
    assert result.summary == COUNTS
    # exit 0, but not recorded as crawled: the failed fetches are named
    assert result.line() == ("english-demo: failed: incomplete, 2 fetch(es) failed "
                             "(exit 0; not recorded as crawled)")


def test_an_earlier_summary_file_is_not_taken_for_this_crawls(tmp_path):
    runner = _runner(tmp_path, "import sys; sys.exit(3)")
    _write_summary(runner.summary_file("english-demo"), SUMMARY)
    result = runner.crawl("english-demo")
    assert result.summary is None
    assert not runner.summary_file("english-demo").exists()


def test_the_crawl_command_keeps_the_summary_it_reads_on(tmp_path):
    runner = CrawlRunner("sites.toml", "out", tmp_path, settings=[("RUN_SUMMARIES_ENABLED", "False")])
    command = runner.crawl_command("news")
    assert command[-2:] == ["-s", "RUN_SUMMARIES_ENABLED=True"]
    assert command[command.index("--state") + 1] == str(tmp_path)


def test_the_crawl_subprocess_inherits_its_site_lock(tmp_path):
    # `scraper crawl` may take the lock itself: under the scheduler it gets the parent's.
    state = tmp_path / "state"
    code = (
        "import sys\n"
        "from scraper.schedule.scheduler import SiteLocked, site_lock\n"
        f"with site_lock({str(state)!r}, 'news'):\n"
        "    print('inherited', flush=True)\n"
        "try:\n"
        f"    with site_lock({str(state)!r}, 'other-site'):\n"
        "        print('other free')\n"
        "except SiteLocked:\n"
        "    print('other locked')\n"
    )
    _runner(tmp_path, code).crawl("news")
    text = (state / "logs" / "news.log").read_text()
    assert "inherited" in text and "other free" in text
    with site_lock(state, "news"):  # and it is free again afterwards
        pass


def test_stop_sends_sigterm_then_kills(tmp_path):
    # The stand-in ignores SIGTERM, like a crawl that will not stop: killed after the timeout.
    runner = _runner(tmp_path, "import signal, time\n"
                               "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                               "print('re' + 'ady-now', flush=True)\n"
                               "time.sleep(60)\n")
    results = []
    thread = threading.Thread(target=lambda: results.append(runner.crawl("news")))
    thread.start()
    log = tmp_path / "state" / "logs" / "news.log"
    deadline = time.monotonic() + 60
    # (the log's banner repeats the command, so wait for a word only the child prints)
    while not (log.exists() and "ready-now" in log.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "ready-now" in log.read_text()
    started = time.monotonic()
    runner.stop(timeout=0.5)
    thread.join(30)
    assert time.monotonic() - started < 20  # 0.5 s grace, then SIGKILL: generous for a loaded machine
    assert results[0].status == "interrupted"
    assert results[0].exit_code == -signal.SIGKILL
    assert runner.crawl("news").status == "stopped"  # nothing starts after a stop


# --- End to end -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server():
    with DemoServer() as srv:
        yield srv


def _config(server: DemoServer, path: Path, every: str | None = None, broken_port: int | None = None) -> Path:
    server.write_config(path)
    text = path.read_text(encoding="utf-8")
    if every:
        # `every` goes in each [[sites]] table, before its [sites.politeness] sub-table.
        text = re.sub(r"(?m)^(language = .*)$", rf'\1\nevery = "{every}"', text)
    if broken_port:
        text += f'\n[[sites]]\nname = "broken"\nstart_urls = ["http://127.0.0.1:{broken_port}/"]\n'
    path.write_text(text, encoding="utf-8")
    return path


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _lines(stdout: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in stdout.splitlines() if ": " in line)


def test_once_crawls_due_sites_then_nothing_until_they_are_due_again(server, tmp_path):
    config = _config(server, tmp_path / "sites.toml", every="1h")
    out = tmp_path / "out"
    server.clear_requested_paths()
    first = run_cli("schedule", str(config), "--out", str(out), "--once", *FAST, timeout=60)
    assert first.returncode == 0, first.stdout + first.stderr
    lines = _lines(first.stdout)
    assert set(lines) == set(server.site_names())
    for name in server.site_names():
        assert lines[name].startswith("crawled in "), lines
        # the counts of the line are the crawl's JSON summary, in the table's words
        document = json.loads((out / ".state" / "runs" / f"{name}.json").read_text(encoding="utf-8"))
        assert document["finish_reason"] == "finished"
        site = document["sites"][name]
        assert site["articles_written"] == len(
            [line for f in (out / name).glob("*.jsonl") for line in f.read_text(encoding="utf-8").splitlines()])
        assert lines[name].endswith(
            f"(fetched {site['pages_fetched']}, written {site['articles_written']}, new {site['new']}, "
            f"updated {site['updated']}, unchanged {site['unchanged']}, seen {site['skipped_seen']}, "
            f"304 {site['not_modified']}, same-body {site['same_body']}, failed {site['failed']}, "
            f"seen-drop {site['seen_dropped']}, "
            f"gone {site['gone']}, refused {site['refused']}, blocked {site['blocked']})"), lines[name]
        assert server.requested_paths(name)
        assert list((out / name).glob("*.jsonl"))
        assert (out / ".state" / "logs" / f"{name}.log").stat().st_size > 0

    server.clear_requested_paths()
    second = run_cli("schedule", str(config), "--out", str(out), "--once", *FAST, timeout=60)
    assert second.returncode == 0, second.stdout + second.stderr
    lines = _lines(second.stdout)
    for name in server.site_names():
        assert lines[name].startswith("not due until "), lines
        assert server.requested_paths(name) == []


def test_once_a_failing_site_does_not_stop_the_others(server, tmp_path):
    config = _config(server, tmp_path / "sites.toml", broken_port=_closed_port())
    result = run_cli("schedule", str(config), "--out", str(tmp_path / "out"), "--once", *FAST, timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = _lines(result.stdout)
    assert lines["broken"].startswith("failed: "), lines
    for name in server.site_names():
        assert lines[name].startswith("crawled in "), lines


def test_once_skips_a_locked_site(server, tmp_path):
    config = _config(server, tmp_path / "sites.toml")
    state = tmp_path / "state"
    locked, other = server.site_names()
    server.clear_requested_paths()
    with site_lock(state, locked):
        result = run_cli("schedule", str(config), "--out", str(tmp_path / "out"), "--state", str(state),
                         "--once", *FAST, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = _lines(result.stdout)
    assert lines[locked] == "skipped: locked (already being crawled)"
    assert lines[other].startswith("crawled in ")
    assert server.requested_paths(locked) == []
    assert "already being crawled, skipped" in result.stderr


def test_bad_input_exits_2(tmp_path):
    missing = run_cli("schedule", str(tmp_path / "nope.toml"), "--out", str(tmp_path), "--once")
    assert missing.returncode == 2
    assert "configuration error" in missing.stderr and "file not found" in missing.stderr
    bad_every = run_cli("schedule", str(tmp_path / "nope.toml"), "--out", str(tmp_path),
                        "--default-every", "soon")
    assert bad_every.returncode == 2
    assert "--default-every" in bad_every.stderr
    config = tmp_path / "sites.toml"
    config.write_text('[[sites]]\nname = "news"\nstart_urls = ["http://127.0.0.1:9/"]\n')
    no_state = run_cli("schedule", str(config), "--out", str(tmp_path), "--once", "-s", "SCRAPER_STATE=memory")
    assert no_state.returncode == 2
    assert "use --state" in no_state.stderr


def test_the_scheduler_crawls_repeatedly_and_stops_cleanly_on_sigterm(server, tmp_path):
    config = _config(server, tmp_path / "sites.toml", every="1s")
    out = tmp_path / "out"
    name = server.site_names()[0]
    log = tmp_path / "scheduler.log"
    with open(log, "w", encoding="utf-8") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "scraper.cli", "schedule", str(config), "--out", str(out), *FAST],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    try:
        deadline = time.monotonic() + 120
        finished = re.compile(rf"{re.escape(name)}: crawl finished, exit 0")
        while len(finished.findall(log.read_text(encoding="utf-8"))) < 2:
            assert proc.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.2)
        assert list((out / name).glob("*.jsonl"))
        proc.send_signal(signal.SIGTERM)
        stopped = time.monotonic()
        assert proc.wait(timeout=60) == 0, log.read_text(encoding="utf-8")
        assert time.monotonic() - stopped < 45  # graceful stop of a running crawl, loaded machine
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = log.read_text(encoding="utf-8")
    assert "stop requested" in text and text.rstrip().endswith("stopped")
    # No crawl subprocess outlives the scheduler: every site's lock is free.
    for site in server.site_names():
        with site_lock(out / ".state", site):
            pass


def test_a_site_that_reads_nothing_is_crawled_less_and_less_often():
    from scraper.schedule.timing import MAX_UNREACHABLE_FACTOR, unreachable_backoff

    assert [unreachable_backoff(60, n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert unreachable_backoff(60, 50) == 60 * MAX_UNREACHABLE_FACTOR


def test_the_scheduler_backs_off_from_an_unreachable_site_and_recovers(tmp_path):
    from scraper.config.sites import SiteConfig
    from scraper.schedule.runner import CrawlResult
    from scraper.schedule.scheduler import SiteScheduler

    class Runner:  # the crawl's exit codes, without crawling (crawls are tested above)
        state_dir, stopping = tmp_path, False
        codes = [3, 3, 3, 0]

        def crawl(self, name: str) -> CrawlResult:
            code = self.codes.pop(0)
            return CrawlResult(name, "crawled" if code == 0 else "failed", exit_code=code)

    site = SiteConfig(name="walled", start_urls=["https://walled.example/"], every=600.0)
    scheduler = SiteScheduler([site], Runner(), default_every=600.0)
    scheduler.scheduler.start(paused=True)  # the jobs are run here, one by one, not by its clock
    scheduler._add_job("walled", time.time() + 600)
    try:
        waits = []
        for _ in range(4):
            scheduler._run("walled")
            waits.append(scheduler.scheduler.get_job("walled").next_run_time.timestamp() - time.time())
    finally:
        scheduler.scheduler.shutdown(wait=False)
    # first failure: the usual interval; then doubling; one good crawl: the interval again
    assert waits[1] == pytest.approx(1200, abs=30) and waits[2] == pytest.approx(2400, abs=30), waits
    assert waits[3] == pytest.approx(600, abs=30), waits
