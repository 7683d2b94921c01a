"""The ``scraper eval`` subcommand (placeholder until the evaluator lands)."""

from __future__ import annotations

import argparse


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``eval`` on the ``scraper`` command's subparsers."""
    parser = commands.add_parser("eval", help="score the extractor on a dataset with ground truth")
    parser.add_argument("dataset", help="dataset directory")


def run(args: argparse.Namespace) -> int:
    """Run ``scraper eval``; return the exit code."""
    raise SystemExit("scraper eval: not implemented yet")
