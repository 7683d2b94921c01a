"""WARC files of fetched pages (ISO 28500, WARC/1.1, one gzip member per record):
written by a crawl so that a later extractor can be run again on what it fetched, and
read back, ours or another crawler's (CC-NEWS and the like), by ``scraper reextract``.

Each article is three records: its ``response`` (the HTTP status and headers, and the
body as the crawl received it, already decompressed: ``Content-Encoding`` and
``Transfer-Encoding`` are left out and ``Content-Length`` is the stored body's), the
``request`` that fetched it, and a ``metadata`` record with what discovery knew (the
site's name, the sitemap/feed dates), so re-extraction gives the records the crawl gave.

Crash safety, as for the JSON Lines: a file being written is named ``*.warc.gz.open``
and every record is flushed to the OS whole; a file left open by a killed crawl is
cut back to its last complete record and closed at the next start (:func:`recover`).
"""

from __future__ import annotations

import json
import logging
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.store.state import StoreWriteError

logger = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"
WARC_SUFFIX = ".warc.gz"
# HTTP headers that describe the bytes on the wire, not the stored (decoded) body.
WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
# Bytes read at a time when a file left open is checked for its last whole record.
RECOVERY_CHUNK = 64 * 1024
# Content type of our metadata records' JSON.
METADATA_TYPE = "application/json"
# Content types read as pages (a response without one is read too); others are skipped.
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class ArchivedPage:
    """One HTML response read from a WARC file, with what the crawl knew of it."""

    url: str
    status: int
    content_type: str | None
    """The HTTP ``Content-Type``, whose charset the decoder weighs."""
    body: bytes
    fetched_at: str
    """The WARC-Date, ISO 8601 in UTC, to the second."""
    site: str | None = None
    """The crawl's site name, when the file is one of ours."""
    lead: dict[str, str] = field(default_factory=dict)


@dataclass
class ReadCounts:
    """What reading skipped, by reason, besides the pages returned."""

    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def _warc_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class WarcWriter:
    """Appends article responses to rotated WARC files ``<prefix>-<time>-<n>[.<worker>].warc.gz``
    in ``directory``: a new file when the current one passes ``max_bytes``."""

    def __init__(self, directory: Path, worker: str = "", max_bytes: int = 1_000_000_000,
                 software: str = "newsscraper") -> None:
        self.directory = directory
        self.worker = worker
        self.max_bytes = max(1, max_bytes)
        self.software = software
        self._handle: BinaryIO | None = None
        self._path: Path | None = None
        self._writer: WARCWriter | None = None
        self._serial = 0
        self.bytes = 0
        """Size of the open file (it rotates past ``max_bytes``)."""
        self.total_bytes = 0
        """Bytes written to all files so far."""

    def _name(self) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        worker = f".{self.worker}" if self.worker else ""
        return f"scraper-{stamp}-{self._serial:05d}{worker}{WARC_SUFFIX}"

    def _open(self) -> None:
        self._serial += 1
        name = self._name()
        self._path = self.directory / (name + OPEN_SUFFIX)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._handle = open(self._path, "xb")  # noqa: SIM115 - kept open across records
        except OSError as exc:
            raise StoreWriteError.wrap(exc, self._path) from exc
        self.bytes = 0
        self._writer = WARCWriter(self._handle, gzip=True, warc_version="1.1")
        info = self._writer.create_warcinfo_record(name, {"software": self.software, "format": "WARC/1.1",
                                                          "description": "article pages fetched by scraper crawl"})
        self._write([info])

    def _write(self, records: list[Any]) -> None:
        assert self._handle is not None and self._writer is not None and self._path is not None
        try:
            for record in records:
                self._writer.write_record(record)
            self._handle.flush()
        except OSError as exc:
            raise StoreWriteError.wrap(exc, self._path) from exc
        size = self._handle.tell()
        self.total_bytes += size - self.bytes
        self.bytes = size

    def write(self, url: str, status: int, reason: str, headers: Iterable[tuple[str, str]], body: bytes,
              request_headers: Iterable[tuple[str, str]], fetched: datetime,
              metadata: dict[str, Any]) -> None:
        """Append one page's response, request and metadata records (flushed, whole)."""
        if self._handle is None or self.bytes >= self.max_bytes:
            self.close()
            self._open()
        assert self._writer is not None
        writer = self._writer
        kept = [(k, v) for k, v in headers if k.lower() not in WIRE_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{status} {reason}".strip(), kept, protocol="HTTP/1.1")
        date = _warc_date(fetched)
        response = writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                             http_headers=http, warc_headers_dict={"WARC-Date": date})
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = writer.create_warc_record(
            url, "request", http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", list(request_headers),
                                                          is_http_request=True),
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id})
        meta = json.dumps(metadata, ensure_ascii=False, sort_keys=True).encode("utf-8")
        about = writer.create_warc_record(
            url, "metadata", payload=BytesIO(meta), length=len(meta), warc_content_type=METADATA_TYPE,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id})
        self._write([response, request, about])

    def sync(self) -> None:
        """fsync the open file: what it holds survives a power loss too."""
        if self._handle is not None:
            try:
                os.fsync(self._handle.fileno())
            except OSError as exc:
                raise StoreWriteError.wrap(exc, self._path) from exc

    def close(self) -> None:
        """fsync, close and rename the open file to its final name."""
        if self._handle is None or self._path is None:
            return
        handle, path = self._handle, self._path
        self._handle = self._writer = None
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.replace(path, path.with_name(path.name[: -len(OPEN_SUFFIX)]))
        except OSError as exc:
            raise StoreWriteError.wrap(exc, path) from exc


def complete_length(path: Path) -> int:
    """The bytes at the start of ``path`` that are whole gzip members (each one record of
    ours), read in chunks: an open file may be as large as ``max_bytes``."""
    good = offset = 0  # end of the last whole member; file offset of ``data``
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    with open(path, "rb") as handle:
        data = handle.read(RECOVERY_CHUNK)
        while data:
            try:
                inflater.decompress(data)
            except zlib.error:
                break
            if not inflater.eof:
                offset += len(data)
                data = handle.read(RECOVERY_CHUNK)
                continue
            rest = inflater.unused_data
            good = offset = offset + len(data) - len(rest)
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = rest or handle.read(RECOVERY_CHUNK)
    return good


def recover(directory: Path) -> list[tuple[Path, int]]:
    """Close the files a killed crawl left open in ``directory``: each is cut back to its
    last complete record and renamed; returns ``(file, bytes cut)`` for each."""
    repaired = []
    for path in sorted(directory.glob(f"*{WARC_SUFFIX}{OPEN_SUFFIX}")):
        size = path.stat().st_size
        keep = complete_length(path)
        with open(path, "r+b") as handle:
            handle.truncate(keep)
            os.fsync(handle.fileno())
        final = path.with_name(path.name[: -len(OPEN_SUFFIX)])
        os.replace(path, final)
        repaired.append((final, size - keep))
        if size > keep:
            logger.warning("WARC file %s: cut %d bytes of a record a stopped crawl did not finish", final, size - keep)
    return repaired


def warc_files(paths: Iterable[str | Path]) -> list[Path]:
    """The WARC files named: files as given, directories for their ``*.warc(.gz)``."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.name.endswith((".warc", ".warc.gz")))
        else:
            found.append(path)
    return found


def _iso_second(warc_date: str | None) -> str:
    if not warc_date:
        return datetime.now(UTC).isoformat(timespec="seconds")
    when = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _page(record: Any, counts: ReadCounts) -> ArchivedPage | None:
    http = record.http_headers
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if http is None or not url.startswith(("http://", "https://")):
        counts.skip("not_http")
        return None
    content_type = (http.get_header("Content-Type") or "").lower()
    if content_type and not content_type.startswith(HTML_TYPES):
        counts.skip("not_html")
        return None
    try:
        status = int(http.get_statuscode() or "0")
    except ValueError:
        status = 0
    if status != 200:
        counts.skip("not_ok")
        return None
    body = record.content_stream().read()  # chunked and Content-Encoding undone
    return ArchivedPage(url=url, status=status, content_type=http.get_header("Content-Type"), body=body,
                        fetched_at=_iso_second(record.rec_headers.get_header("WARC-Date")))


class NotWarcError(ValueError):
    """A file that does not start like a WARC file (plain or gzip-compressed)."""


def check_warc(path: Path) -> None:
    """Raise :class:`NotWarcError` unless ``path`` opens with a WARC record: warcio reads
    almost anything as a run of broken records, each with a line on standard error."""
    with open(path, "rb") as handle:
        head = handle.read(64 * 1024)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            head = b""
    if not head.lstrip(b"\r\n").startswith(b"WARC/"):
        shown = head[:24].decode("latin-1").encode("unicode_escape").decode("ascii")
        raise NotWarcError(f"not a WARC file (it starts with {shown!r})")


def _describes(record: Any, response_id: str) -> bool:
    """Whether a metadata ``record`` is ours, about the response ``response_id``."""
    headers = record.rec_headers
    return (headers.get_header("WARC-Concurrent-To") == response_id
            and (headers.get_header("Content-Type") or "").startswith(METADATA_TYPE))


def read_pages(path: Path, counts: ReadCounts) -> Iterator[ArchivedPage]:
    """The HTML responses (status 200) of one WARC file, ours or another crawler's, with our
    metadata records attached; everything else is counted in ``counts`` and skipped.

    Raises :class:`NotWarcError` (or ``OSError``) on a file that is not a WARC file; a
    file cut short yields what precedes the cut.
    """
    check_warc(path)
    pending: tuple[str, ArchivedPage] | None = None
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle, no_record_parse=False)
        try:
            for record in records:
                kind = record.rec_type
                if kind == "metadata" and pending is not None and _describes(record, pending[0]):
                    about = json.loads(record.content_stream().read() or b"{}")
                    pending = (pending[0], replace(pending[1], site=about.get("site"),
                                                   lead=dict(about.get("lead") or {})))
                    continue
                if kind != "response":
                    if kind not in ("request", "warcinfo", "metadata"):
                        counts.skip(f"warc_{kind}")
                    continue
                if pending is not None:
                    yield pending[1]
                    pending = None
                page = _page(record, counts)
                if page is not None:
                    pending = (record.rec_headers.get_header("WARC-Record-ID"), page)
        except (ArchiveLoadFailed, zlib.error, EOFError) as exc:
            counts.skip("truncated_file")
            logger.warning("WARC file %s ends in a broken record (%s): read up to it", path, exc)
        if pending is not None:
            yield pending[1]
