"""Every record under a crawl output directory, read without trusting a single line.

A crawl writes ``OUT/<site>/<day>.jsonl`` (and may write per-worker part files
``<day>.<worker>.jsonl``), so every ``*.jsonl`` of a site directory is read; dot
directories (``.state``, ``.locks``) are not sites. A torn last line (a crawl still
writing, or killed) or any line that is not a JSON object with a ``url`` is skipped and
counted, never fatal: an export must work on the output of a crawl that is running.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["DatasetError", "ReadResult", "SkippedLine", "iter_files", "read_files", "read_records", "record_files"]


class DatasetError(Exception):
    """The output directory cannot be read at all (missing, not a directory, unknown site)."""


@dataclass(frozen=True)
class SkippedLine:
    """One line that was not a record, and why: for the warning."""

    path: Path
    line: int
    reason: str


@dataclass
class ReadResult:
    """The records read, in file and line order, where each came from (``origins``,
    parallel to ``records``: for warnings about a record), and what was skipped."""

    records: list[dict[str, Any]] = field(default_factory=list)
    origins: list[tuple[Path, int]] = field(default_factory=list)
    files_read: int = 0
    records_read: int = 0  # also counted when the records are streamed, not kept
    skipped: list[SkippedLine] = field(default_factory=list)


def record_files(out: Path, sites: Iterable[str] = ()) -> list[Path]:
    """The ``*.jsonl`` files of every site under ``out`` (or of ``sites``), sorted.

    Raises :class:`DatasetError` when ``out`` is not a readable directory or a named
    site has no directory there."""
    try:
        entries = sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    except FileNotFoundError as exc:
        raise DatasetError(f"{out}: no such directory") from exc
    except NotADirectoryError as exc:
        raise DatasetError(f"{out}: not a directory") from exc
    except OSError as exc:
        raise DatasetError(f"{out}: cannot read: {exc.strerror or exc}") from exc
    wanted = list(dict.fromkeys(sites))
    if wanted:
        by_name = {p.name: p for p in entries}
        missing = [name for name in wanted if name not in by_name]
        if missing:
            raise DatasetError(f"no output of site(s) {', '.join(missing)} under {out}")
        entries = [by_name[name] for name in wanted]
    files: list[Path] = []
    for site_dir in entries:
        files.extend(sorted(p for p in site_dir.glob("*.jsonl") if p.is_file()))
    return files


def read_records(out: Path, sites: Iterable[str] = ()) -> ReadResult:
    """Every record in :func:`record_files`; bad lines and unreadable files are counted."""
    return read_files(record_files(out, sites))


def read_files(paths: Iterable[Path]) -> ReadResult:
    """Every record in ``paths`` (some of :func:`record_files`, e.g. a site's last days);
    bad lines and unreadable files are counted."""
    result = ReadResult()
    for path, number, record in iter_files(paths, result):
        result.records.append(record)
        result.origins.append((path, number))
    return result


def iter_files(paths: Iterable[Path], tally: ReadResult) -> Iterator[tuple[Path, int, dict[str, Any]]]:
    """``(path, line number, record)`` for every record in ``paths``, one line in memory at a
    time; records and files read and lines skipped are counted in ``tally`` (its records stay empty).

    For what reads a crawl's whole output only to count: 100,000 records held at once
    are over a gigabyte."""
    for path in paths:
        try:
            handle = path.open("rb")
        except OSError as exc:
            tally.skipped.append(SkippedLine(path, 0, f"file unreadable: {exc.strerror or exc}"))
            continue
        tally.files_read += 1
        with handle:
            number = 0
            try:
                for number, raw in enumerate(handle, start=1):
                    if not raw.strip():
                        continue
                    record, reason = _parse(raw)
                    if record is None:
                        torn = not raw.endswith(b"\n")  # the writer ends every line with a newline
                        tally.skipped.append(SkippedLine(path, number, "torn last line" if torn else reason))
                    else:
                        tally.records_read += 1
                        yield path, number, record
            except OSError as exc:
                tally.skipped.append(SkippedLine(path, number + 1, f"file unreadable: {exc.strerror or exc}"))


def _parse(raw: bytes) -> tuple[dict[str, Any] | None, str]:
    """One line as a record, or None and the reason it is not one."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not UTF-8"
    except ValueError:
        return None, "not JSON"
    if not isinstance(value, dict):
        return None, "not a JSON object"
    if not isinstance(value.get("url"), str):
        return None, "no url"
    return value, ""
