"""Datasets with ground truth for ``scraper eval``: format detection and readers.

Four layouts are recognised, checked in this order (:func:`open_dataset`):

``aeb``
    ``html/<id>.html.gz`` and ``ground-truth.json`` = ``{id: {"articleBody", "url"}}``
    (Zyte's article-extraction-benchmark). Body scored with 4-token shingles.
``wcxb``
    ``html/<id>.html.gz`` and ``ground-truth/<id>.json`` = ``{"url", "ground_truth":
    {"title", "author", "publish_date", "main_content", "with", "without"}}`` (WCXB).
    Body scored with the bag-of-words metric.
``evaldata``
    ``evaldata.json`` = ``{url: {"file", "with", "without", "date", "title", "author"}}``
    with the pages in ``html/<file>`` (trafilatura's and htmldate's evaluation format).
    Every field but ``file`` may be missing, and an empty one is not scored. The page
    id is the file name. There is no gold body text: the snippets and the metadata are
    what is scored.
``simple``
    Any directory with a ``gold.jsonl`` file: one JSON object per line, ::

        {"file": "a.html", "url": "https://…", "text": "…", "title": "…",
         "authors": ["…"], "date_published": "2024-05-01", "language": "en",
         "with": ["…"], "without": ["…"]}

    Only ``file`` is required: a path relative to the directory, to an ``.html`` or
    ``.html.gz`` file (gzip is recognised by its content). A field that is absent or
    null is simply not scored. ``authors`` may also be one string ("Ann Lee and Bo
    Chan"). Body scored with the bag-of-words metric.

Pages are read lazily, one at a time, each file once. Gzip files are decompressed
(recognised by their content), then decoded by the crawl's decoder,
:func:`scraper.fetch.decoding.decode_html` with no HTTP charset: a page is scored on the
text a crawl of it would extract from.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from scraper.fetch.decoding import decode_html

__all__ = ["DatasetError", "Dataset", "Gold", "Page", "open_dataset", "page_text"]

BodyMetric = Literal["shingles", "words"]

GZIP_MAGIC = b"\x1f\x8b"


class DatasetError(Exception):
    """The directory is missing, in no known format, or its files are unreadable."""


@dataclass(frozen=True)
class Gold:
    """What a page should give. None (or empty) means "not known": not scored."""

    text: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    date_published: str | None = None
    language: str | None = None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """One page of a dataset: its HTML (decoded), URL and ground truth."""

    id: str
    html: str
    url: str | None
    gold: Gold


def page_text(data: bytes) -> str:
    """The HTML of a page file's bytes: gunzipped if gzip, decoded as the crawl decodes."""
    if data[:2] == GZIP_MAGIC:
        data = gzip.decompress(data)
    return decode_html(data, None)[0]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DatasetError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _read_json(path: Path) -> Any:
    try:
        return json.loads(_read_bytes(path).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetError(f"{path} is not valid JSON: {exc}") from exc


def _text(value: Any) -> str | None:
    """A non-blank string, or None."""
    return value if isinstance(value, str) and value.strip() else None


def _strings(value: Any) -> tuple[str, ...]:
    """A list of non-blank strings (a single string counts as a one-item list)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str) and v.strip())


def _html_path(directory: Path, key: str) -> Path | None:
    for suffix in (".html.gz", ".html"):
        path = directory / f"{key}{suffix}"
        if path.is_file():
            return path
    return None


@dataclass
class Dataset:
    """A dataset on disk: its format, its page ids (sorted) and a lazy page reader.

    ``baseline_body`` says which trafilatura call gives the baseline's body text:
    ``"extract"`` (``trafilatura.extract``, as the AEB reference scores) or
    ``"document"`` (the ``.text`` of ``bare_extraction``).
    """

    root: Path
    format: str
    body_metric: BodyMetric
    baseline_body: Literal["extract", "document"]
    _entries: dict[str, tuple[Path, Any]] = field(default_factory=dict, repr=False)

    def ids(self) -> list[str]:
        """Every page id, sorted."""
        return sorted(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def load(self, key: str) -> Page:
        """Read one page (HTML decompressed and decoded once)."""
        html_path, source = self._entries[key]
        html = page_text(_read_bytes(html_path))
        if self.format == "aeb":
            url, gold = source["url"], Gold(text=_text(source.get("articleBody")))
        elif self.format == "evaldata":
            url, gold = _evaldata_gold(source)
        elif self.format == "wcxb":
            url, gold = _wcxb_gold(_read_json(source))
        else:
            url, gold = _simple_gold(source)
        return Page(id=key, html=html, url=url if isinstance(url, str) else None, gold=gold)

    def pages(self, ids: Iterable[str] | None = None) -> Iterator[Page]:
        """The pages with these ids (default: all, sorted), read one at a time."""
        for key in self.ids() if ids is None else ids:
            yield self.load(key)


def _wcxb_gold(data: Any) -> tuple[Any, Gold]:
    if not isinstance(data, dict) or not isinstance(data.get("ground_truth"), dict):
        raise DatasetError("a WCXB ground-truth file has no ground_truth object")
    truth = data["ground_truth"]
    return data.get("url"), Gold(
        text=_text(truth.get("main_content")),
        title=_text(truth.get("title")),
        authors=_strings(truth.get("author")),
        date_published=_text(truth.get("publish_date")),
        with_snippets=_strings(truth.get("with")),
        without_snippets=_strings(truth.get("without")),
    )


def _evaldata_gold(entry: tuple[str, dict[str, Any]]) -> tuple[Any, Gold]:
    url, item = entry
    return url, Gold(
        title=_text(item.get("title")),
        authors=_strings(item.get("author")),
        date_published=_text(item.get("date")),
        with_snippets=_strings(item.get("with")),
        without_snippets=_strings(item.get("without")),
    )


def _simple_gold(entry: dict[str, Any]) -> tuple[Any, Gold]:
    return entry.get("url"), Gold(
        text=_text(entry.get("text")),
        title=_text(entry.get("title")),
        authors=_strings(entry.get("authors")),
        date_published=_text(entry.get("date_published")),
        language=_text(entry.get("language")),
        with_snippets=_strings(entry.get("with")),
        without_snippets=_strings(entry.get("without")),
    )


def _open_aeb(root: Path) -> Dataset:
    truth = _read_json(root / "ground-truth.json")
    if not isinstance(truth, dict):
        raise DatasetError(f"{root / 'ground-truth.json'} is not a JSON object of pages")
    entries: dict[str, tuple[Path, Any]] = {}
    for key, item in truth.items():
        path = _html_path(root / "html", key)
        if path is None or not isinstance(item, dict):
            raise DatasetError(f"{root}: page {key!r} has no html/{key}.html.gz or no ground truth")
        entries[key] = (path, item)
    return Dataset(root, "aeb", "shingles", "extract", entries)


def _open_wcxb(root: Path) -> Dataset:
    entries: dict[str, tuple[Path, Any]] = {}
    for gold_path in (root / "ground-truth").glob("*.json"):
        key = gold_path.stem
        path = _html_path(root / "html", key)
        if path is None:
            raise DatasetError(f"{root}: page {key!r} has no html/{key}.html.gz")
        entries[key] = (path, gold_path)
    if not entries:
        raise DatasetError(f"{root / 'ground-truth'} has no <id>.json files")
    return Dataset(root, "wcxb", "words", "document", entries)


def _open_evaldata(root: Path) -> Dataset:
    index = root / "evaldata.json"
    truth = _read_json(index)
    if not isinstance(truth, dict):
        raise DatasetError(f"{index} is not a JSON object of pages keyed by URL")
    entries: dict[str, tuple[Path, Any]] = {}
    for url, item in truth.items():
        name = item.get("file") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise DatasetError(f"{index}: page {url!r} needs a \"file\" string")
        path = root / "html" / name
        if not path.is_file():
            raise DatasetError(f"{index}: page {url!r}: no such file {path}")
        if name in entries:
            raise DatasetError(f"{index}: {name!r} is listed twice")
        entries[name] = (path, (url, item))
    if not entries:
        raise DatasetError(f"{index} lists no pages")
    return Dataset(root, "evaldata", "words", "document", entries)


def _open_simple(root: Path) -> Dataset:
    gold_file = root / "gold.jsonl"
    try:
        lines = _read_bytes(gold_file).decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{gold_file} is not UTF-8: {exc}") from exc
    entries: dict[str, tuple[Path, Any]] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{gold_file}:{number}: not valid JSON: {exc}") from exc
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise DatasetError(f"{gold_file}:{number}: needs a \"file\" string")
        path = root / name
        if not path.is_file():
            raise DatasetError(f"{gold_file}:{number}: no such file {path}")
        if name in entries:
            raise DatasetError(f"{gold_file}:{number}: {name!r} is listed twice")
        entries[name] = (path, entry)
    if not entries:
        raise DatasetError(f"{gold_file} lists no pages")
    return Dataset(root, "simple", "words", "document", entries)


def open_dataset(directory: str | Path) -> Dataset:
    """Detect the format of ``directory`` and open it; :class:`DatasetError` if none fits."""
    root = Path(directory)
    if not root.is_dir():
        raise DatasetError(f"{root}: no such directory")
    has_html = (root / "html").is_dir()
    if has_html and (root / "ground-truth.json").is_file():
        return _open_aeb(root)
    if has_html and (root / "ground-truth").is_dir():
        return _open_wcxb(root)
    if has_html and (root / "evaldata.json").is_file():
        return _open_evaldata(root)
    if (root / "gold.jsonl").is_file():
        return _open_simple(root)
    raise DatasetError(
        f"{root}: not a known dataset format; expected html/ with ground-truth.json (AEB), "
        "html/ with ground-truth/<id>.json (WCXB), html/ with evaldata.json (trafilatura, htmldate), "
        "or a gold.jsonl beside the HTML files"
    )
