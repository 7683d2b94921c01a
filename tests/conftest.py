"""Shared fixtures: the project root, and running the CLI as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def run_cli(*args: str, timeout: float = 300, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``scraper ARGS`` in a fresh interpreter (Scrapy's reactor runs once per process)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "scraper.cli", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=timeout,
        cwd=cwd or ROOT, env=env, check=False,
    )


@pytest.fixture
def cli():
    return run_cli


def needs_shared(path: str) -> Path:
    """A file under ../shared, or skip: it sits beside a developer's checkout, not a user's."""
    target = SHARED / path
    if not target.exists():
        pytest.skip(f"{target} is not here (../shared is only beside the project's own checkouts)")
    return target
