"""The export's columns and their types, in one declarative table.

The table is derived from :class:`~scraper.record.article.ArticleRecord`: every record
field becomes a column of the kind its annotation says (``list[str]`` a list, ``bool`` a
boolean, ``int`` an integer, anything else a string), so a new record field is exported
without anyone remembering to add it. Each date field (``date_published``,
``date_modified``, ``fetched_at``) also gets a ``<name>_utc`` timestamp column beside
its original string: a day-precision date becomes that day at 00:00 UTC
(``date_precision`` says so for ``date_published``).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from scraper.record.article import ArticleRecord
from scraper.record.timestamps import parse_datetime

__all__ = ["COLUMNS", "TIMESTAMP_FIELDS", "Column", "InvalidRecord", "Kind", "parse_utc", "to_row"]

Kind = Literal["string", "integer", "boolean", "list", "timestamp", "json"]

# Record fields that hold ISO 8601 dates: each also gets a ``<name>_utc`` column.
TIMESTAMP_FIELDS: tuple[str, ...] = ("date_published", "date_modified", "fetched_at")
UTC_SUFFIX = "_utc"


class InvalidRecord(ValueError):
    """A record's value does not fit its column (e.g. ``version: "two"``)."""


@dataclass(frozen=True)
class Column:
    """One output column: its name, its kind, and the record field it is read from."""

    name: str
    kind: Kind
    source: str


def _kind_of(annotation: Any) -> Kind:
    """The column kind of a record field's type annotation."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    if typing.get_origin(annotation) is list:
        return "list"
    if annotation is bool:
        return "boolean"
    if annotation is int:
        return "integer"
    if annotation is str:
        return "string"
    return "json"  # a new kind of field: kept, as its JSON text, until it gets a real type


def _build_columns() -> tuple[Column, ...]:
    hints = typing.get_type_hints(ArticleRecord)
    columns: list[Column] = []
    for f in dataclasses.fields(ArticleRecord):
        columns.append(Column(f.name, _kind_of(hints[f.name]), f.name))
    for name in TIMESTAMP_FIELDS:
        columns.append(Column(name + UTC_SUFFIX, "timestamp", name))
    return tuple(columns)


COLUMNS: tuple[Column, ...] = _build_columns()


def parse_utc(value: str) -> datetime:
    """An ISO 8601 date or date-time as an aware UTC datetime (a date: 00:00 UTC that
    day; a date-time without an offset is taken as UTC, as the crawl reads sitemap
    dates: :func:`scraper.record.timestamps.parse_datetime`). Raises ValueError."""
    moment = parse_datetime(value)
    if moment is None:
        raise ValueError(f"not an ISO 8601 date or date-time: {value!r}")
    return moment.astimezone(UTC)


def to_row(record: dict[str, Any]) -> dict[str, Any]:
    """The record as one typed row with every column of :data:`COLUMNS`, in order.

    Missing fields are None (lists: empty). A date that is not ISO 8601 keeps its
    string and gets no timestamp. Raises :class:`InvalidRecord` on a value of the
    wrong type."""
    row: dict[str, Any] = {}
    for column in COLUMNS:
        value = record.get(column.source)
        try:
            row[column.name] = _convert(column.kind, value)
        except (TypeError, ValueError) as exc:
            raise InvalidRecord(f"{column.name}: {exc}") from exc
    return row


def _convert(kind: Kind, value: Any) -> Any:
    if kind == "list":
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError(f"expected a list of strings, got {value!r}")
        return value
    if value is None:
        return None
    if kind == "timestamp":
        if not isinstance(value, str):
            raise TypeError(f"expected an ISO 8601 string, got {value!r}")
        try:
            return parse_utc(value)
        except ValueError:
            return None
    if kind == "boolean":
        if not isinstance(value, bool):
            raise TypeError(f"expected true or false, got {value!r}")
        return value
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected an integer, got {value!r}")
        return value
    if kind == "string":
        if not isinstance(value, str):
            raise TypeError(f"expected a string, got {value!r}")
        return value
    return json.dumps(value, ensure_ascii=False)
