"""``scraper bench``: how fast the project crawls a local news site, against plain Scrapy.

Serves a generated news site of ``--pages`` articles (or the HTML files of
``--html-dir``) on 127.0.0.1 and crawls it with each configuration of ``--configs``, each
in its own subprocess, politeness off: (a) ``scraper crawl`` in one process, (b) with its
extraction pool of ``--workers``, (r) (b) once more with nothing changed, (c) a plain
Scrapy ``SitemapSpider`` + trafilatura. Prints one row per configuration (table on
stdout, progress on stderr); ``--json FILE`` writes every number (:mod:`scraper.bench.report`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scraper.cli import exit_codes
from scraper.cli.options import positive

__all__ = ["add_parser", "run"]

DEFAULT_PAGES = 2000
DEFAULT_CONFIGS = "a,b,r,c"



def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``bench`` on the ``scraper`` command's subparsers."""
    parser = commands.add_parser("bench", help="benchmark crawling a local news site against plain Scrapy")
    parser.add_argument("--pages", type=positive, metavar="N",
                        help=f"articles on the generated site (default {DEFAULT_PAGES}); "
                             "with --html-dir, at most this many files (default: all)")
    parser.add_argument("--html-dir", metavar="DIR", help="serve the .html/.htm files under DIR as the articles")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    parser.add_argument("--workers", type=positive, metavar="K", default=cores,
                        help="EXTRACT_WORKERS of configurations b and r (default: the cores, %(default)s)")
    parser.add_argument("--configs", default=DEFAULT_CONFIGS, metavar="a,b,r,c,d",
                        help="configurations to run (default %(default)s): a project with one process, "
                             "b project with its extraction pool, r b re-run unchanged, c plain Scrapy, "
                             "d two project workers sharing the crawl on a Redis server of the bench's own")
    parser.add_argument("--json", metavar="FILE", help="also write every number to FILE as JSON")
    parser.add_argument("--work-dir", metavar="DIR",
                        help="keep the crawls' outputs, states and logs here, in DIR/a, DIR/b, ... which must "
                             "not exist yet (default: a temporary directory, removed)")
    parser.add_argument("--sitemap-size", type=positive, metavar="URLS", default=50_000,
                        help="URLs per sitemap file (default and maximum %(default)s)")


def run(args: argparse.Namespace) -> int:
    """Run ``scraper bench``; return the exit code."""
    from scraper.bench.configs import parse_configs
    from scraper.bench.report import format_table, write_json
    from scraper.bench.run import run_bench
    from scraper.bench.server import SITEMAP_MAX_URLS

    try:
        configs = parse_configs(args.configs)
    except ValueError as exc:
        print(f"scraper bench: --configs {args.configs}: {exc}", file=sys.stderr)
        return exit_codes.USAGE
    if args.sitemap_size > SITEMAP_MAX_URLS:
        print(f"scraper bench: --sitemap-size: at most {SITEMAP_MAX_URLS} URLs", file=sys.stderr)
        return exit_codes.USAGE
    if args.html_dir and not os.path.isdir(args.html_dir):
        print(f"scraper bench: --html-dir {args.html_dir}: not a directory", file=sys.stderr)
        return exit_codes.USAGE
    if args.work_dir:  # every configuration starts from fresh output and state
        used = [str(Path(args.work_dir) / c.key) for c in configs if (Path(args.work_dir) / c.key).exists()]
        if used:
            print(f"scraper bench: --work-dir {args.work_dir}: {', '.join(used)} already exist(s) (an earlier "
                  "run's output and state); give a new or empty directory", file=sys.stderr)
            return exit_codes.USAGE
    pages = args.pages if args.html_dir else (args.pages or DEFAULT_PAGES)
    try:
        result = run_bench(pages, configs, args.workers, html_dir=args.html_dir, work_dir=args.work_dir,
                           sitemap_size=args.sitemap_size)
    except RuntimeError as exc:  # the server did not start (e.g. no HTML files in --html-dir)
        print(f"scraper bench: {exc}", file=sys.stderr)
        return exit_codes.USAGE
    print(f"scraper bench: {result.header['pages']} pages ({result.header['source']}), "
          f"{result.header['cores']} cores, EXTRACT_WORKERS={args.workers} for b and r, "
          f"{result.header['concurrency']} requests at once, load average {result.header['load_before']} "
          f"before and {result.header['load_after']} after")
    print(format_table(result.rows))
    if args.json:
        write_json(args.json, result.header, result.rows)
    return exit_codes.OK if result.ok else exit_codes.FAILED
