"""JSON Lines output: unescaped UTF-8, whole lines, torn tails repaired, safe paths."""

import json

import pytest

from scraper.store.jsonl import JsonLinesFile, PartitionedWriter, UnsafePathError, repair_tail


def test_records_are_unescaped_utf8_one_per_line(tmp_path):
    writer = PartitionedWriter(tmp_path)
    path = writer.write("arabic-demo", "2024-11-24", {"title": "أخبار", "n": 1})
    writer.write("arabic-demo", "2024-11-24", {"title": "ثانية", "n": 2})
    writer.close()
    assert path == (tmp_path / "arabic-demo" / "2024-11-24.jsonl").resolve()
    raw = path.read_bytes()
    assert "أخبار".encode() in raw and b"\\u" not in raw
    assert [json.loads(line)["n"] for line in raw.decode().splitlines()] == [1, 2]


def test_torn_last_line_is_cut_when_reopened(tmp_path):
    path = tmp_path / "s" / "d.jsonl"
    path.parent.mkdir()
    path.write_bytes(b'{"a":1}\n{"a":2}\n{"a":3, "tex')
    handle = JsonLinesFile(path)
    assert handle.repaired_bytes == len(b'{"a":3, "tex')
    handle.append({"a": 4})
    handle.close()
    assert [json.loads(x)["a"] for x in path.read_text().splitlines()] == [1, 2, 4]


def test_repair_handles_a_single_torn_line_and_clean_files(tmp_path):
    torn = tmp_path / "torn.jsonl"
    torn.write_bytes(b'{"half":')
    assert repair_tail(torn) == 8 and torn.read_bytes() == b""
    clean = tmp_path / "clean.jsonl"
    clean.write_bytes(b'{"a":1}\n')
    assert repair_tail(clean) == 0 and clean.read_bytes() == b'{"a":1}\n'
    assert repair_tail(tmp_path / "missing.jsonl") == 0


@pytest.mark.parametrize("site", ["..", "../etc", "a/b", "", ".hidden", "x" * 65])
def test_partition_names_cannot_escape_the_output_directory(tmp_path, site):
    writer = PartitionedWriter(tmp_path)
    with pytest.raises(UnsafePathError):
        writer.write(site, "2024-01-01", {"a": 1})
    with pytest.raises(UnsafePathError):
        writer.write("ok", "../../x", {"a": 1})
