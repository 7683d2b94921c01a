"""One ``scraper bench`` run: serve the bench site, crawl it once per configuration, each
in its own measured subprocess with fresh output and state, and collect the rows.

The site runs in its own process (:class:`scraper.bench.server.ServerProcess`) on
127.0.0.1 for the whole run; what each crawl fetched is read from the server's counts
before and after it. Every crawl's log is kept in ``WORK/<config>.log``.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scraper.bench import configs as bench_configs
from scraper.bench.configs import Config
from scraper.bench.measure import measure
from scraper.bench.report import MB, Row
from scraper.bench.sample import proc_stat
from scraper.bench.server import SITEMAP_MAX_URLS, ServerProcess
from scraper.bench.site import GeneratedSite, HtmlDirSite

__all__ = ["BenchResult", "count_records", "run_bench"]

LOG_TAIL = 2000  # characters of a failed crawl's log shown on stderr


class BenchResult:
    def __init__(self, header: dict[str, Any], rows: list[Row]) -> None:
        self.header = header
        self.rows = rows

    @property
    def ok(self) -> bool:
        return all(row.exit_code == 0 for row in self.rows)


def count_records(out: Path) -> int:
    """JSON lines under ``out`` (a file, or a directory's ``*/*.jsonl``: the project's layout)."""
    files = [out] if out.is_file() else sorted(out.glob("*/*.jsonl")) if out.is_dir() else []
    total = 0
    for file in files:
        with file.open("rb") as lines:
            total += sum(1 for line in lines if line.strip())
    return total


def _cores() -> int:
    """The cores this process may run on (as EXTRACT_WORKERS's default counts them)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - not on Linux


def _load() -> float | None:
    """The machine's 1-minute load average: other work on it slows every configuration."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:  # pragma: no cover - not on Linux
        return None


def _server_cpu(server: ServerProcess) -> float:
    stat = proc_stat(server.pid)
    return stat.cpu_seconds if stat else 0.0


def run_bench(
    pages: int | None,
    configs: list[Config],
    workers: int,
    html_dir: str | None = None,
    work_dir: str | None = None,
    sitemap_size: int = SITEMAP_MAX_URLS,
    say: Callable[[str], None] | None = None,
) -> BenchResult:
    """Serve the bench site and crawl it with each of ``configs``; the measured rows."""
    say = say or (lambda line: print(line, file=sys.stderr, flush=True))
    cores = _cores()
    started_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="scraper-bench-") as tmp:
        work = Path(work_dir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        say(f"bench: starting the site server ({'files of ' + html_dir if html_dir else f'{pages} generated pages'})")
        with ServerProcess(pages, html_dir, sitemap_size) as server:
            regex = (HtmlDirSite if html_dir else GeneratedSite).article_path_regex
            sites_toml = bench_configs.write_sites_toml(work / "sites.toml", server.base, regex)
            say(f"bench: {server.pages} articles at {server.base}/ (sitemap index {server.base}/sitemap.xml); "
                f"work directory {work}")
            rows = [_run_one(config, server, work, sites_toml, regex, workers, cores, say) for config in configs]
            header = {
                "pages": server.pages, "source": "html-dir" if html_dir else "generated", "html_dir": html_dir,
                "cores": cores, "workers": workers, "concurrency": bench_configs.CONCURRENCY,
                "sitemap_size": sitemap_size, "started_at": started_at,
                "python": sys.version.split()[0], "platform": platform.platform(),
                "load_before": load_before, "load_after": _load(),
            }
    return BenchResult(header, rows)


def _run_one(config: Config, server: ServerProcess, work: Path, sites_toml: Path, regex: str,
             workers: int, cores: int, say: Callable[[str], None]) -> Row:
    if config.project:
        home = work / (config.rerun_of or config.key)
        out = home / "out"
        command = bench_configs.project_command(config, sites_toml, out, home / "state", server.pages, workers)
    else:
        (work / config.key).mkdir(parents=True, exist_ok=True)
        out = work / config.key / "records.jsonl"
        command = bench_configs.baseline_command(server.base, regex, out)
    records_before = count_records(out)
    counts_before = server.counts()
    cpu_before = _server_cpu(server)
    say(f"bench: ({config.key}) {config.label}: crawling")

    trace: list[tuple[int, int]] = []  # (article pages fetched, tree RSS) at each tick

    def tick(seconds: float, rss_bytes: int) -> None:
        fetched = server.counts().get("article", 0) - counts_before.get("article", 0)
        trace.append((fetched, rss_bytes))
        say(f"bench: ({config.key}) {seconds:.0f} s, {fetched} article pages fetched, RSS {rss_bytes / MB:.0f} MB")

    log = work / f"{config.key}.log"
    measured = measure(command, log, on_tick=tick)
    counts = {k: v - counts_before.get(k, 0) for k, v in server.counts().items()}
    row = Row(
        config=config.key, label=config.label, exit_code=measured.exit_code,
        pages_fetched=counts.get("article", 0), not_modified=counts.get("not_modified", 0),
        requests=sum(counts.values()), records_written=count_records(out) - records_before,
        wall_seconds=measured.wall_seconds, cpu_seconds=measured.cpu_seconds,
        main_cpu_seconds=measured.main_cpu_seconds, cores=cores,
        peak_rss_bytes=measured.peak_rss_bytes, final_rss_bytes=measured.final_rss_bytes,
        peak_pss_bytes=measured.peak_pss_bytes, final_pss_bytes=measured.final_pss_bytes,
        max_processes=measured.max_processes, server_cpu_seconds=_server_cpu(server) - cpu_before,
        rss_trace=tuple(trace),
    )
    say(f"bench: ({config.key}) done in {row.wall_seconds:.1f} s: {row.pages_fetched} pages fetched, "
        f"{row.records_written} records written, exit {row.exit_code}")
    if measured.exit_code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-LOG_TAIL:]
        say(f"bench: ({config.key}) failed (exit {measured.exit_code}); the end of {log}:\n{tail}")
    return row
