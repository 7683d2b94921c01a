"""``scraper report OUT -o report.html [--site NAME]... [--state DIR]``: one self-contained
HTML page about the records a crawl wrote under ``OUT``.

Articles per day, per-site fill rates over time, drop and skip reasons, languages, and
the "extraction health" alarms (:mod:`scraper.report.health`). Bad lines are skipped
and counted, as by ``scraper export``; a missing or empty ``OUT`` is exit 2 with one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scraper.cli import exit_codes

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``report`` on the ``scraper`` command's subparsers."""
    parser = commands.add_parser(
        "report", help="write an HTML report (plots, extraction-health alarms) of a crawl output directory",
        description="Write one self-contained HTML page about the records under OUT: articles per day, "
                    "per-site fill rates over time, drop and skip reasons, languages, and the sites whose "
                    "fill rates fell below their usual level.",
    )
    parser.add_argument("out", metavar="OUT", help="the crawl output directory (scraper crawl --out)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="HTML file to write (replaced)")
    parser.add_argument("--site", action="append", default=[], metavar="NAME",
                        help="report only this site (repeatable)")
    parser.add_argument("--state", metavar="DIR",
                        help="crawl-state directory holding runs/<site>.json summaries (default: OUT/.state)")


def run(args: argparse.Namespace) -> int:
    """Run ``scraper report``; return the exit code."""
    from scraper.dataset.reading import DatasetError, ReadResult, iter_files, record_files
    from scraper.report.health import alarms, stats_of
    from scraper.report.page import ReportInput, build_page
    from scraper.report.runs import read_run_reasons
    from scraper.store.state import default_state_dir

    out = Path(args.out)
    try:
        files = record_files(out, args.site)
    except DatasetError as exc:
        print(f"scraper: cannot report: {exc}", file=sys.stderr)
        return exit_codes.USAGE
    result = ReadResult()  # counts only: the records are read one at a time
    by_site = stats_of((record, path) for path, _, record in iter_files(files, result))
    if not result.records_read:
        why = f"{len(result.skipped)} lines, none a record" if result.skipped else "no records"
        print(f"scraper: cannot report: {out}: {why} (is it a `scraper crawl --out` directory?)", file=sys.stderr)
        return exit_codes.USAGE
    if result.skipped:
        first = result.skipped[0]
        print(f"scraper: warning: skipped {len(result.skipped)} bad lines (first: {first.path}:{first.line}: "
              f"{first.reason})", file=sys.stderr)

    found = alarms(by_site)
    state = Path(args.state) if args.state else default_state_dir(out)
    reasons = read_run_reasons(state, list(by_site) if args.site else None)
    page = build_page(ReportInput(str(out), by_site, found, reasons, result.files_read, len(result.skipped)))
    output = Path(args.output)
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as exc:
        print(f"scraper: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return exit_codes.USAGE
    records = sum(d.records for days in by_site.values() for d in days)
    print(f"scraper: report of {records} records, {len(by_site)} sites, {len(found)} extraction-health "
          f"alarm(s) written to {output}", file=sys.stderr)
    for alarm in found:
        print(f"scraper: alarm: {alarm.site}: {alarm.describe()}", file=sys.stderr)
    return exit_codes.OK
