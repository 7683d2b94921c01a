"""A small tmpfs a test mounts to fill a disk for real (root only; skipped otherwise)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise OSError(result.stderr.strip() or f"mount {' '.join(args)} failed")


@contextlib.contextmanager
def small_tmpfs(directory: Path, size_kb: int) -> Iterator[Path]:
    """Mount a tmpfs of ``size_kb`` KiB on ``directory`` for the block; skip if we cannot."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill a disk needs root")
    directory.mkdir(parents=True, exist_ok=True)
    try:
        _mount("-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(directory))
    except OSError as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    try:
        yield directory
    finally:
        subprocess.run(["umount", "-l", str(directory)], capture_output=True, check=False)


def resize(directory: Path, size_kb: int) -> None:
    """Give the tmpfs on ``directory`` more (or less) room, keeping its files."""
    _mount("-o", f"remount,size={size_kb}k", str(directory))


def read_only(directory: Path) -> None:
    """Remount the tmpfs on ``directory`` read-only."""
    _mount("-o", "remount,ro", str(directory))
