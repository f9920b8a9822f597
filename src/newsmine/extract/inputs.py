"""Read documents for `newsmine extract` / `newsmine classify`: .txt, .html, and .jsonl records, streamed.

`iter_inputs(paths)` yields a `Record` per document, or an `InputError` for a document that cannot be read
(bad JSON line, missing text, unparseable HTML, unreadable file) so the caller can report it and go on:
one bad record never stops the batch. Text is NFC-normalised here (offsets downstream refer to it).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsmine.types import nfc


@dataclass
class Record:
    id: str
    text: str
    published: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass
class InputError:
    id: str
    error: str


def _html_record(html: str | bytes, rid: str, url: str | None, published: str | None) -> Record:
    from newsmine.parse import parse_html  # lazy: the parse stage pulls in trafilatura & co.

    art = parse_html(html, url=url)
    return Record(
        id=rid,
        text=nfc(art.full_text),
        published=published or _date_only(art.published),
        url=url or art.url,
        title=art.title,
    )


def _date_only(value: str | None) -> str | None:
    """'2018-03-09T10:00:00+07:00' -> '2018-03-09' (analysis anchors dates on the day)."""
    return value[:10] if value and len(value) >= 10 and value[4] == "-" else value


def _from_json(obj: object, rid: str) -> Record | InputError:
    if not isinstance(obj, dict):
        return InputError(rid, "record is not a JSON object")
    rid = str(obj.get("id") or rid)
    published = _date_only(obj.get("published")) if isinstance(obj.get("published"), str) else None
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    if isinstance(obj.get("text"), str):
        return Record(
            id=rid,
            text=nfc(obj["text"]),
            published=published,
            url=url,
            title=obj.get("title") if isinstance(obj.get("title"), str) else None,
        )
    if isinstance(obj.get("html"), str):
        try:
            return _html_record(obj["html"], rid, url, published)
        except Exception as err:  # noqa: BLE001 - any parse failure is this record's error
            return InputError(rid, f"html not parsed: {type(err).__name__}: {err}".splitlines()[0][:300])
    return InputError(rid, 'record has neither "text" nor "html"')


def _iter_jsonl(path: Path) -> Iterator[Record | InputError]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            rid = f"{path}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                yield InputError(rid, f"bad JSON: {err.msg} (line {n})")
                continue
            yield _from_json(obj, rid)


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Record | InputError]:
    """Records from each path in turn: .jsonl/.jsonl.gz lines, .html/.htm pages, anything else as text."""
    for p in paths:
        path = Path(p)
        name = path.name.lower()
        try:
            if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
                yield from _iter_jsonl(path)
            elif name.endswith((".html", ".htm")):
                try:
                    yield _html_record(path.read_bytes(), str(path), None, None)
                except OSError:
                    raise
                except Exception as err:  # noqa: BLE001
                    yield InputError(
                        str(path), f"html not parsed: {type(err).__name__}: {err}".splitlines()[0][:300]
                    )
            else:
                data = path.read_bytes()
                text = _decode(data)
                yield Record(id=str(path), text=nfc(text))
        except OSError as err:
            yield InputError(str(path), f"cannot read: {err.strerror or err}")


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (VNTC's raw files), else charset-normalizer's guess."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")
