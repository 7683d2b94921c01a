"""``scraper extract FILE|- [--url URL]``: the record of one saved HTML page, as JSON.

The record says what the page is (``page_type``: article, listing, other) and why
(``page_signals``); for a page that is not an article the text found is printed all
the same, the verdict goes to standard error and the exit code is 1 (a crawl drops it).

The file's bytes go through the crawl's decoder (:func:`scraper.fetch.decoding.decode_html`,
with no HTTP charset), so a saved page gives the record a crawl of it would give.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scraper.cli import exit_codes

__all__ = ["add_parser", "extract", "run"]


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``extract`` on the ``scraper`` command's subparsers."""
    parser = commands.add_parser("extract", help="extract the article of one HTML file as JSON")
    parser.add_argument("file", help="HTML file, or - for standard input")
    parser.add_argument("--url", help="the page's URL (resolves relative links)")


def run(args: argparse.Namespace) -> int:
    """Run ``scraper extract``; return the exit code."""
    return extract(args.file, args.url)


def extract(file: str, url: str | None) -> int:
    """Print the record of ``file`` (``-``: standard input) as JSON (``null`` when it
    cannot be parsed); exit 1 unless it is an article."""
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        print(f"scraper: cannot read {file}: {exc.strerror or exc}", file=sys.stderr)
        return exit_codes.USAGE
    from scraper.extract import extract_article
    from scraper.fetch.decoding import decode_html
    from scraper.record.article import record_to_dict
    from scraper.record.encodable import make_encodable

    html, _ = decode_html(data, None)
    record = extract_article(html, url)
    if record is None:
        print(f"scraper: {file} cannot be read as HTML", file=sys.stderr)
        print("null")
        return exit_codes.FAILED
    value, _ = make_encodable(record_to_dict(record))  # lone surrogates from the page's JSON-LD
    print(json.dumps(value, ensure_ascii=False, indent=2))
    if record.page_type != "article":
        print(f"scraper: {file} is not an article ({record.page_type}: {', '.join(record.page_signals)}); "
              "a crawl would drop it", file=sys.stderr)
        return exit_codes.FAILED
    return exit_codes.OK
