"""``scraper export OUT --format parquet|csv|jsonl [--latest] [--since DATE] [--site NAME]... -o FILE``:
the records a crawl wrote under ``OUT`` as one typed table.

Bad lines (a torn last line of a crawl still writing, anything that is not a record) are
skipped with a counted warning; a missing or unreadable ``OUT`` is exit 2 with one line.
One summary line goes to standard error: rows written, files read, lines skipped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scraper.cli import exit_codes

__all__ = ["add_parser", "run"]

MAX_WARNINGS = 5  # skipped lines named one by one; the rest are only counted

SINCE_HELP = (
    "keep only records fetched at or after DATE (their fetched_at, not their publication "
    "date): an ISO date (2026-12-01, from 00:00 UTC that day) or date-time "
    "(2026-12-01T08:00:00+01:00; UTC when it names no offset)"
)


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``export`` on the ``scraper`` command's subparsers."""
    parser = commands.add_parser(
        "export", help="write the records under a crawl output directory as Parquet, CSV or JSON Lines",
        description="Write every record under OUT (all sites, or the --site ones) to one file, "
                    "one row per record, typed columns (see the README).",
    )
    parser.add_argument("out", metavar="OUT", help="the crawl output directory (scraper crawl --out)")
    parser.add_argument("--format", required=True, choices=["parquet", "csv", "jsonl"], help="output format")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write (replaced)")
    parser.add_argument("--latest", action="store_true",
                        help="one row per article_id: the highest version, ties to the latest fetched_at "
                             "(records without article_id: one per canonical_url, else url)")
    parser.add_argument("--since", metavar="DATE", help=SINCE_HELP)
    parser.add_argument("--site", action="append", default=[], metavar="NAME",
                        help="export only this site (repeatable)")


def run(args: argparse.Namespace) -> int:
    """Run ``scraper export``; return the exit code."""
    from scraper.dataset.columns import InvalidRecord, to_row
    from scraper.dataset.reading import DatasetError, SkippedLine, read_records
    from scraper.dataset.selection import fetched_since, latest_versions, parse_since
    from scraper.dataset.writers import FORMATS, PARQUET_INSTALL_HINT, parquet_available

    if args.format == "parquet" and not parquet_available():
        print(f"scraper: --format parquet needs pyarrow: {PARQUET_INSTALL_HINT}", file=sys.stderr)
        return exit_codes.USAGE
    since = None
    if args.since:
        try:
            since = parse_since(args.since)
        except ValueError:
            print(f"scraper: --since {args.since!r} is not an ISO date or date-time (e.g. 2026-12-01)",
                  file=sys.stderr)
            return exit_codes.USAGE
    out = Path(args.out)
    try:
        result = read_records(out, args.site)
    except DatasetError as exc:
        print(f"scraper: cannot export: {exc}", file=sys.stderr)
        return exit_codes.USAGE

    rows = []
    skipped = list(result.skipped)
    for record, (path, line) in zip(result.records, result.origins):
        try:
            rows.append(to_row(record))
        except InvalidRecord as exc:
            skipped.append(SkippedLine(path, line, f"not a valid record: {exc}"))
    if since is not None:
        rows = fetched_since(rows, since)
    if args.latest:
        rows = latest_versions(rows)

    for item in skipped[:MAX_WARNINGS]:
        where = f"{item.path}:{item.line}" if item.line else str(item.path)
        print(f"scraper: warning: skipped {where}: {item.reason}", file=sys.stderr)
    if len(skipped) > MAX_WARNINGS:
        print(f"scraper: warning: … and {len(skipped) - MAX_WARNINGS} more skipped lines", file=sys.stderr)

    output = Path(args.output)
    try:
        FORMATS[args.format](rows, output)
    except OSError as exc:
        print(f"scraper: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return exit_codes.USAGE
    print(f"scraper: exported {len(rows)} rows to {output} ({args.format}) from {result.files_read} files, "
          f"{len(skipped)} lines skipped", file=sys.stderr)
    return exit_codes.OK
