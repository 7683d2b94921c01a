"""The encoding guard: lone surrogates become U+FFFD, in every string, nested or not."""

from __future__ import annotations

from scraper.record.encodable import encodable_text, make_encodable
from scraper.store.jsonl import encode_line


def test_lone_surrogates_are_replaced_and_counted():
    assert encodable_text("A \ud800 b") == ("A \ufffd b", 1)
    assert encodable_text("\udfff and \udc80") == ("\ufffd and \ufffd", 2)


def test_a_split_surrogate_pair_is_joined_not_replaced():
    assert encodable_text("smile \ud83d\ude00!") == ("smile \U0001f600!", 0)
    assert encodable_text("\ude00\ud83d") == ("\ufffd\ufffd", 2)  # wrong order: two lone halves


def test_clean_text_is_returned_as_is_and_existing_replacement_chars_are_not_counted():
    text = "عنوان \ufffd already"
    clean, count = encodable_text(text)
    assert clean is text and count == 0


def test_every_string_of_a_record_is_made_encodable_lists_and_nesting_included():
    record = {
        "title": "A \ud800 b", "authors": ["Jo \udc00 Smith", "Ann"], "tags": ("x\udfff",),
        "extra": {"k\ud800": ["deep \ud801"]}, "version": 1, "duplicate_of": None,
    }
    clean, count = make_encodable(record)
    assert count == 5
    assert clean == {
        "title": "A \ufffd b", "authors": ["Jo \ufffd Smith", "Ann"], "tags": ("x\ufffd",),
        "extra": {"k\ufffd": ["deep \ufffd"]}, "version": 1, "duplicate_of": None,
    }
    assert b"\xef\xbf\xbd" in encode_line(clean)  # U+FFFD as UTF-8


def test_a_clean_record_is_not_copied():
    record = {"title": "ok", "authors": ["a"], "n": 2}
    clean, count = make_encodable(record)
    assert clean is record and count == 0
