"""Argument types and options shared by the sub-commands (``crawl`` and ``schedule``
above all).

Both accept ``-s NAME=VALUE`` and ``--allow-private`` with the same meaning; the
schedule passes them on to each crawl, so they are defined here once.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from typing import Any

from scraper.config.sites import ConfigError

__all__ = ["ALLOW_PRIVATE", "add_allow_private", "check_settings", "positive", "setting"]

BOOLEAN_WORDS = ("true", "false", "1", "0")

ALLOW_PRIVATE = ("SCRAPER_ALLOW_PRIVATE", "True")
"""The ``-s`` override that ``--allow-private`` stands for."""


def positive(text: str) -> int:
    """Argument type of a count (``--pages N``, ``--limit N``): a whole number of at
    least 1, or a usage error."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


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


def check_settings(overrides: Mapping[str, Any]) -> None:
    """A :class:`ConfigError` (exit 2) naming the first ``-s`` value that cannot be read
    as its setting's type (the type of its default: a number, a boolean, a JSON object or
    list); settings without a default, and values already typed, pass."""
    from scraper.config.project import project_settings

    defaults = project_settings()
    for name, value in overrides.items():
        default = defaults.get(name)
        if not isinstance(value, str) or default is None:
            continue
        expected = _problem(value, default)
        if expected:
            raise ConfigError(f"-s {name}={value}: expected {expected} (the default is {default!r})")


def _problem(value: str, default: Any) -> str | None:
    text = value.strip()
    if isinstance(default, bool):
        return None if text.lower() in BOOLEAN_WORDS else "True or False"
    if isinstance(default, int | float):
        try:
            float(text) if isinstance(default, float) else int(text)
        except ValueError:
            return "a number" if isinstance(default, float) else "a whole number"
        return None
    if isinstance(default, list) and not text.startswith("["):
        return None  # comma-separated names, as Scrapy's getlist reads them
    if isinstance(default, dict | list) or type(default).__name__ == "BaseSettings":
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError:
            return "a JSON list or comma-separated names" if isinstance(default, list) else "a JSON object"
        wanted = list if isinstance(default, list) else dict
        return None if isinstance(parsed, wanted) else ("a JSON list" if wanted is list else "a JSON object")
    return None
