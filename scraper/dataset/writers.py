"""One writer per export format, all from the same typed rows and :data:`COLUMNS`.

Parquet keeps the types (timestamps as ``timestamp[us, UTC]``, lists as lists of
strings); CSV, which has no types, writes lists as JSON arrays, booleans as
``true``/``false``, timestamps as ISO 8601 and None as an empty cell; JSON Lines writes
one object per row with the same columns. Each writer writes a temporary file beside
``path`` and renames it, so a failed export never leaves half a file under its name.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from scraper.dataset.columns import COLUMNS, Column

__all__ = ["FORMATS", "ParquetUnavailable", "write_csv", "write_jsonl", "write_parquet"]

PARQUET_INSTALL_HINT = "pip install 'newsscraper[parquet]'"


class ParquetUnavailable(RuntimeError):
    """pyarrow is not installed."""


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary path that becomes ``path`` only when the block succeeds."""
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _text(value: Any) -> Any:
    """A value for the untyped formats (CSV cells, JSON)."""
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def write_jsonl(rows: Sequence[dict[str, Any]], path: Path) -> None:
    """One UTF-8 JSON object per line, every column, lists as arrays."""
    with _replacing(path) as temporary, temporary.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            value = {c.name: _text(row[c.name]) for c in COLUMNS}
            handle.write(json.dumps(value, ensure_ascii=False) + "\n")


def _csv_cell(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == "list":
        return json.dumps(value, ensure_ascii=False)
    if column.kind == "boolean":
        return "true" if value else "false"
    return str(_text(value))


def write_csv(rows: Sequence[dict[str, Any]], path: Path) -> None:
    """UTF-8 CSV with a header row; lists as JSON arrays, booleans as true/false."""
    with _replacing(path) as temporary, temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.name for c in COLUMNS])
        for row in rows:
            writer.writerow([_csv_cell(c, row[c.name]) for c in COLUMNS])


def parquet_available() -> bool:
    """Whether pyarrow can be imported (checked before any work is done)."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def write_parquet(rows: Sequence[dict[str, Any]], path: Path) -> None:
    """A Parquet file whose schema comes from :data:`COLUMNS`. Raises
    :class:`ParquetUnavailable` without pyarrow."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ParquetUnavailable(PARQUET_INSTALL_HINT) from exc
    types = {
        "string": pa.string(), "json": pa.string(), "integer": pa.int64(), "boolean": pa.bool_(),
        "list": pa.list_(pa.string()), "timestamp": pa.timestamp("us", tz="UTC"),
    }
    schema = pa.schema([pa.field(c.name, types[c.kind]) for c in COLUMNS])
    table = pa.table({c.name: [row[c.name] for row in rows] for c in COLUMNS}, schema=schema)
    with _replacing(path) as temporary:
        pq.write_table(table, temporary)


FORMATS: dict[str, Callable[[Sequence[dict[str, Any]], Path], None]] = {
    "parquet": write_parquet, "csv": write_csv, "jsonl": write_jsonl,
}
