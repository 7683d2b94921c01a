"""Crash-safe JSON Lines files, partitioned by site and day.

Each record is serialised first and then written with whole-line ``write`` calls on a
file opened in append mode, so a crash leaves at most one torn line at the very end. A
file is repaired (torn tail cut off) whenever it is opened again, so finished files only
ever hold complete lines. Non-ASCII text is written as UTF-8, unescaped, so Arabic stays
readable.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

SAFE_PART_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class UnsafePathError(ValueError):
    """A partition name would escape the output directory."""


def encode_line(record: dict[str, Any]) -> bytes:
    """One record as one UTF-8 JSON line (no ASCII escaping, trailing newline)."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def repair_tail(path: Path) -> int:
    """Cut a torn last line (one without its newline) off ``path``; return bytes removed."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return 0
    if size == 0:
        return 0
    with path.open("rb+") as handle:
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return 0
        # Scan backwards for the last complete line.
        position = size
        block = 64 * 1024
        keep = 0
        while position > 0:
            start = max(0, position - block)
            handle.seek(start)
            chunk = handle.read(position - start)
            index = chunk.rfind(b"\n")
            if index >= 0:
                keep = start + index + 1
                break
            position = start
        handle.truncate(keep)
        handle.flush()
        os.fsync(handle.fileno())
    removed = size - keep
    logger.warning("Repaired %s: removed a torn last line of %d bytes", path, removed)
    return removed


class JsonLinesFile:
    """An append-only JSON Lines file that never ends in a half-written line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.repaired_bytes = repair_tail(path)
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._unsynced = 0

    def append(self, record: dict[str, Any]) -> None:
        """Write one record as one line."""
        view = memoryview(encode_line(record))
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        self._unsynced += 1

    def sync(self) -> None:
        """Make the lines written so far durable."""
        if self._unsynced:
            os.fsync(self._fd)
            self._unsynced = 0

    @property
    def unsynced(self) -> int:
        return self._unsynced

    def size(self) -> int:
        """Bytes in the file (all complete lines)."""
        return os.fstat(self._fd).st_size

    def close(self) -> None:
        if self._fd >= 0:
            self.sync()
            os.close(self._fd)
            self._fd = -1


class PartitionedWriter:
    """Writes records to ``<root>/<site>/<day>.jsonl``, one open file per partition.

    Lines reach the operating system at once (a killed process loses none); call
    :meth:`sync` to make them durable against power loss too.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()
        self._files: dict[tuple[str, str], JsonLinesFile] = {}

    def path_for(self, site: str, day: str) -> Path:
        """The partition file, refusing names that could leave the output directory."""
        for part in (site, day):
            if not SAFE_PART_RE.match(part) or part in (".", ".."):
                raise UnsafePathError(f"unsafe partition name {part!r}")
        path = (self.root / site / f"{day}.jsonl").resolve()
        if self.root not in path.parents:
            raise UnsafePathError(f"{path} is outside {self.root}")
        return path

    def write(self, site: str, day: str, record: dict[str, Any]) -> Path:
        """Append ``record`` to its partition; return the file's path."""
        key = (site, day)
        handle = self._files.get(key)
        if handle is None:
            handle = self._files[key] = JsonLinesFile(self.path_for(site, day))
        handle.append(record)
        return handle.path

    def paths(self) -> list[Path]:
        return [f.path for f in self._files.values()]

    def sync(self) -> dict[Path, int]:
        """fsync every open file; return each file's size, all of it now durable."""
        sizes = {}
        for handle in self._files.values():
            handle.sync()
            sizes[handle.path] = handle.size()
        return sizes

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        self._files.clear()
