"""The JSON Schema of :class:`~scraper.record.article.ArticleRecord`.

The schema is derived from the dataclass (types and field docs) and shipped as
``scraper/record/article.schema.json`` so that users can validate datasets without this
package. ``python -m scraper.record.schema`` prints it; a test keeps the shipped file and the
class in agreement.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from scraper.record.article import ArticleRecord

SCHEMA_FILE = "article.schema.json"
SCHEMA_ID = "https://newsscraper.invalid/schema/article.schema.json"
_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}
_NON_SCHEMA_KEYS = {"doc", "format"}
ISO8601_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}"
    r"(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)


def _type_schema(annotation: Any) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = _type_schema(members[0])
        inner["type"] = [inner["type"], "null"]
        return inner
    if origin is list:
        (item,) = typing.get_args(annotation)
        return {"type": "array", "items": _type_schema(item)}
    return {"type": _JSON_TYPES[annotation]}


def build_schema() -> dict[str, Any]:
    """The record's JSON Schema (draft 2020-12), built from the dataclass."""
    hints = typing.get_type_hints(ArticleRecord)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(ArticleRecord):
        prop = {"description": f.metadata["doc"], **_type_schema(hints[f.name])}
        prop.update({k: v for k, v in f.metadata.items() if k not in _NON_SCHEMA_KEYS})
        if f.metadata.get("format") == "iso8601":
            prop["pattern"] = ISO8601_PATTERN
        properties[f.name] = prop
        required.append(f.name)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ArticleRecord",
        "description": (ArticleRecord.__doc__ or "").strip(),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


@cache
def shipped_schema() -> dict[str, Any]:
    """The schema file shipped with the package."""
    text = resources.files("scraper.record").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def record_validator() -> jsonschema.protocols.Validator:
    """A validator for record dicts against the shipped schema."""
    schema = shipped_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def main() -> None:
    print(json.dumps(build_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
