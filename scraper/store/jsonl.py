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

from scraper.store.state import StoreWriteError

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
    """An append-only JSON Lines file that never ends in a half-written line.

    Any failed write, fsync or open raises :class:`~scraper.store.state.StoreWriteError`
    and leaves the file unusable: a line cut short by a full disk is truncated away at
    once when possible, else by :func:`repair_tail` at the next open.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.repaired_bytes = repair_tail(path)
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            self._end = os.fstat(self._fd).st_size
        except OSError as exc:
            raise StoreWriteError.wrap(exc, path) from exc
        self._unsynced = 0
        self._failed = False

    def append(self, record: dict[str, Any]) -> None:
        """Write one record as one line."""
        line = encode_line(record)
        if self._failed:
            raise StoreWriteError("an earlier write failed", self.path)
        view = memoryview(line)
        try:
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
        except OSError as exc:
            self._failed = True
            self._cut_partial_line()
            raise StoreWriteError.wrap(exc, self.path) from exc
        self._end += len(line)
        self._unsynced += 1

    def _cut_partial_line(self) -> None:
        """Truncate a line a failed write left half-written (shrinking needs no space)."""
        try:
            os.ftruncate(self._fd, self._end)
        except OSError:
            logger.warning("Could not cut a partial line off %s; it is cut at the next open", self.path)

    def sync(self) -> None:
        """Make the lines written so far durable."""
        if self._failed:
            raise StoreWriteError("an earlier write failed", self.path)
        if self._unsynced:
            try:
                os.fsync(self._fd)
            except OSError as exc:
                # After a failed fsync the kernel may drop the pages: nothing is known durable.
                self._failed = True
                raise StoreWriteError.wrap(exc, self.path) from exc
            self._unsynced = 0

    @property
    def unsynced(self) -> int:
        return self._unsynced

    @property
    def failed(self) -> bool:
        return self._failed

    def size(self) -> int:
        """Bytes of complete lines in the file (a torn tail of a failed write not counted)."""
        return self._end

    def close(self) -> None:
        """Sync and close; after a failure only close (the lines stay for recovery)."""
        if self._fd < 0:
            return
        try:
            if not self._failed:
                self.sync()
        finally:
            os.close(self._fd)
            self._fd = -1


class PartitionedWriter:
    """Writes records to ``<root>/<site>/<day>.jsonl`` (``<day>.<worker>.jsonl`` for a worker of a
    distributed crawl), one open file per partition.

    Lines reach the operating system at once (a killed process loses none); call
    :meth:`sync` to make them durable against power loss too.
    """

    def __init__(self, root: str | Path, worker: str = "") -> None:
        """``worker`` (a distributed crawl's worker id) goes into every file name, so
        workers sharing one output directory never append to the same file."""
        if worker and not SAFE_PART_RE.match(worker):
            raise UnsafePathError(f"unsafe worker name {worker!r}")
        self.root = Path(root).resolve()
        self.suffix = f".{worker}.jsonl" if worker else ".jsonl"
        self._files: dict[tuple[str, str], JsonLinesFile] = {}

    @property
    def pattern(self) -> str:
        """The glob (under the root) of the files this writer writes."""
        return f"*/*{self.suffix}"

    def path_for(self, site: str, day: str) -> Path:
        """The partition file, refusing names that could leave the output directory."""
        for part in (site, day):
            if not SAFE_PART_RE.match(part) or part in (".", ".."):
                raise UnsafePathError(f"unsafe partition name {part!r}")
        path = (self.root / site / f"{day}{self.suffix}").resolve()
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
        """Close every file; the first error is raised after all are closed."""
        files, self._files = list(self._files.values()), {}
        error: StoreWriteError | None = None
        for handle in files:
            try:
                handle.close()
            except StoreWriteError as exc:
                error = error or exc
        if error is not None:
            raise error
