"""The shipped JSON Schema and the record class agree."""

import dataclasses

import jsonschema
from itemadapter import ItemAdapter

from scraper.record.article import RECORD_FIELDS, ArticleRecord, record_to_dict
from scraper.record.schema import build_schema, record_validator, shipped_schema


def test_shipped_schema_matches_the_record_class():
    # Regenerate with: python -m scraper.record.schema > scraper/article.schema.json
    assert shipped_schema() == build_schema()
    assert tuple(shipped_schema()["properties"]) == RECORD_FIELDS


def test_every_field_is_documented():
    for field in dataclasses.fields(ArticleRecord):
        assert len(field.metadata.get("doc", "")) > 20, field.name


def test_a_full_record_validates_and_is_readable_through_itemadapter():
    record = ArticleRecord(
        url="http://a.test/x", canonical_url="http://a.test/x", site="s", title="T",
        text="Body.", authors=["A"], date_published="2018-01-30T19:42:00+03:00",
        date_modified="2018-01-31", language="ar", tags=["t"], fetched_at="2024-11-24T01:13:00+00:00",
        fingerprint="0" * 64,
    )
    record_validator().validate(record_to_dict(record))
    adapter = ItemAdapter(record)
    assert adapter["title"] == "T" and set(adapter.field_names()) == set(RECORD_FIELDS)


def test_bad_records_fail_validation():
    validator = record_validator()
    good = record_to_dict(ArticleRecord(url="u", text="t"))
    for bad in ({"language": "arabic"}, {"date_published": "24 نوفمبر"}, {"text": ""},
                {"authors": "A"}, {"extra": 1}):
        assert not validator.is_valid({**good, **bad}), bad
    assert isinstance(validator, jsonschema.protocols.Validator)


def test_record_to_dict_is_a_deep_copy_in_field_order():
    """record_to_dict copies the list fields itself instead of dataclasses.asdict's deep copy:
    that holds only while every field is a plain value or a list of strings."""
    assert {f.type for f in dataclasses.fields(ArticleRecord)} <= {
        "str", "str | None", "int", "bool", "list[str]"}
    record = ArticleRecord(url="https://example.com/a", text="Body.", authors=["A. Writer"], tags=["port"],
                           page_signals=["markup:article"], date_published="2025-03-05")
    data = record_to_dict(record)
    assert list(data) == list(RECORD_FIELDS)
    assert data == {**dataclasses.asdict(record), "date_precision": "day"}
    data["authors"].append("someone else")
    assert record.authors == ["A. Writer"]
