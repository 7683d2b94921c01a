"""Argument types and options shared by ``scraper crawl`` and ``scraper schedule``.

Both accept ``-s NAME=VALUE`` and ``--allow-private`` with the same meaning; the
schedule passes them on to each crawl, so they are defined here once.
"""

from __future__ import annotations

import argparse

__all__ = ["ALLOW_PRIVATE", "add_allow_private", "setting"]

ALLOW_PRIVATE = ("SCRAPER_ALLOW_PRIVATE", "True")
"""The ``-s`` override that ``--allow-private`` stands for."""


def setting(text: str) -> tuple[str, str]:
    """Argument type of ``-s NAME=VALUE``: the pair, or a usage error."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def add_allow_private(parser: argparse.ArgumentParser) -> None:
    """Add ``--allow-private`` (requests to this machine or network are refused by default)."""
    parser.add_argument("--allow-private", action="store_true",
                        help="allow requests to loopback, private, link-local and metadata "
                             "addresses (refused by default); for sites on this machine or network")
