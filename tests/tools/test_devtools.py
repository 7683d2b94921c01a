"""The developer scripts in tools/ run on a tiny dataset and print scores (they are not installed)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from conftest import ARTICLE_BODY, ROOT

sys.path.insert(0, str(ROOT / "tools"))

from benchsets import find_set, halves  # noqa: E402

TEXT = " ".join(
    f"Paragraph {i} of the story, written as plain prose with enough words to be an article body."
    for i in range(6)
)


def make_wcxb(root: Path) -> Path:
    (root / "html").mkdir(parents=True)
    (root / "ground-truth").mkdir()
    for key in ("0001", "0002", "0003"):
        html = (f'<html lang="en"><head><title>Story {key}</title></head>'
                f"<body><article><h1>Story {key}</h1>{ARTICLE_BODY}</article></body></html>")
        (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode()))
        (root / "ground-truth" / f"{key}.json").write_text(json.dumps({
            "url": f"https://news.example/2024/05/01/story-{key}",
            "ground_truth": {"title": f"Story {key}", "author": None, "publish_date": None,
                             "main_content": TEXT, "with": ["Paragraph 3 of the story"], "without": []},
        }))
    return root


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "tools" / name), *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, cwd=ROOT, check=False)


def test_halves_split_by_index_in_sorted_order_then_limit():
    ids = ["a", "b", "c", "d", "e"]
    assert halves(ids) == list(enumerate(ids))
    assert halves(ids, "even") == [(0, "a"), (2, "c"), (4, "e")]
    assert halves(ids, "odd", limit=1) == [(1, "b")]


def test_a_set_is_a_name_under_the_benchmarks_or_a_directory(tmp_path):
    assert find_set("aeb", tmp_path) == tmp_path / "aeb"
    assert find_set(str(tmp_path), Path("/nowhere")) == tmp_path


def test_devscore_and_devmeta_print_scores(tmp_path):
    data = make_wcxb(tmp_path / "tiny")
    result = run_tool("devscore.py", str(data), "--jobs", "1", "--cache", str(tmp_path / "cache"),
                      "--dump", str(tmp_path / "rows.json"))
    assert result.returncode == 0, result.stderr
    assert "3 pages, 3 with gold body" in result.stdout
    assert "even ours  P 1.0000 R 1.0000 F1 1.0000 | with 1.0000" in result.stdout
    assert [row["id"] for row in json.loads((tmp_path / "rows.json").read_text())] == ["0001", "0002", "0003"]

    result = run_tool("devmeta.py", str(data), "--half", "odd", "--jobs", "1", "--fail", "title")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(" odd (1): title 1/1 = 1.000")


def test_a_missing_set_is_a_usage_error(tmp_path):
    result = run_tool("devscore.py", "no-such-set", "--benchmarks", str(tmp_path))
    assert result.returncode == 2 and "no such directory" in result.stderr
