"""WARC archive: every HTTP exchange (request + response, headers and raw body) goes to disk for good.

warcio writes one gzip member per record, so a crash can only damage the record being written, and the
catalogue points at (file, offset, length) of records already flushed. Files are opened exclusively
(never appended to, never rewritten) and rotated by size.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Hop-by-hop framing the stored payload no longer has (we store the de-chunked raw body).
_FRAMING = {"transfer-encoding", "content-length"}


@dataclass(frozen=True)
class WarcPointer:
    file: str  # relative to the warc/ directory
    offset: int
    length: int


@dataclass
class StoredResponse:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes  # content-encoding already undone
    date: str | None = None


class WarcArchive:
    """Size-rotated WARC writer, opened lazily: a run that fetches nothing writes nothing."""

    def __init__(self, directory: Path, max_bytes: int = 100 * 1024 * 1024, prefix: str = "newsmine"):
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self.prefix = prefix
        self._fh = None
        self._writer: WARCWriter | None = None
        self._name: str | None = None
        self._seq = 0

    def _open(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
        while True:
            self._seq += 1
            name = f"{self.prefix}-{stamp}-{os.getpid()}-{self._seq:05d}.warc.gz"
            try:
                self._fh = open(self.directory / name, "xb")  # noqa: SIM115 - lives until close()
                break
            except FileExistsError:
                continue
        self._name = name
        self._writer = WARCWriter(self._fh, gzip=True)
        info = self._writer.create_warcinfo_record(name, {"software": "newsmine", "format": "WARC/1.1"})
        self._writer.write_record(info)
        self._fh.flush()

    def write_exchange(
        self,
        url: str,
        method: str,
        request_headers: list[tuple[str, str]],
        status: int,
        reason: str,
        response_headers: list[tuple[str, str]],
        body: bytes,
        http_version: str = "HTTP/1.1",
    ) -> WarcPointer:
        """Append a response record and its request record; return where the response lives."""
        if self._fh is None or self._fh.tell() >= self.max_bytes:
            self.close()
            self._open()
        assert self._writer is not None and self._fh is not None
        proto = http_version if http_version.startswith("HTTP/") else "HTTP/1.1"
        if proto == "HTTP/2":
            proto = "HTTP/2.0"
        headers = [(k, v) for k, v in response_headers if k.lower() not in _FRAMING]
        headers.append(("Content-Length", str(len(body))))
        resp_h = StatusAndHeaders(f"{status} {reason or ''}".strip(), headers, protocol=proto)
        resp = self._writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=resp_h)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_h = StatusAndHeaders(f"{method} {target} {proto}", list(request_headers), is_http_request=True)
        req = self._writer.create_warc_record(url, "request", payload=BytesIO(b""), http_headers=req_h)
        req.rec_headers.add_header("WARC-Concurrent-To", resp.rec_headers.get_header("WARC-Record-ID"))
        offset = self._fh.tell()
        self._writer.write_record(resp)
        length = self._fh.tell() - offset
        self._writer.write_record(req)
        self._fh.flush()
        return WarcPointer(self._name or "", offset, length)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        self._fh = None
        self._writer = None

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_response(warc_dir: Path, pointer: WarcPointer) -> StoredResponse:
    """The response record at `pointer`, body decoded from its Content-Encoding (no network)."""
    with open(Path(warc_dir) / pointer.file, "rb") as fh:
        fh.seek(pointer.offset)
        record = next(iter(ArchiveIterator(fh)))
        if record.rec_type != "response":
            raise ValueError(f"{pointer}: expected a response record, found {record.rec_type}")
        body = record.content_stream().read()
        http = record.http_headers
        return StoredResponse(
            url=record.rec_headers.get_header("WARC-Target-URI"),
            status=int(http.get_statuscode()),
            headers={k.lower(): v for k, v in http.headers},
            body=body,
            date=record.rec_headers.get_header("WARC-Date"),
        )


@dataclass
class ArchivedRecord:
    type: str  # warcinfo | request | response
    url: str | None
    status: str | None
    warc_headers: StatusAndHeaders
    http_headers: StatusAndHeaders | None
    body: bytes  # response payload with Content-Encoding undone


def iter_records(warc_dir: Path):
    """Every record in the archive, file by file, bodies read: for audits and tests."""
    for path in sorted(Path(warc_dir).glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                yield ArchivedRecord(
                    type=record.rec_type,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    status=record.http_headers.get_statuscode() if record.http_headers else None,
                    warc_headers=record.rec_headers,
                    http_headers=record.http_headers,
                    body=record.content_stream().read(),
                )
