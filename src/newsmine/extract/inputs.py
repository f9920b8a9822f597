"""Read documents for `newsmine extract` / `newsmine classify`: .txt, .html, and .jsonl records, streamed.

`iter_inputs(paths)` yields a `Record` per document, or an `InputError` for a document that cannot be read
(bad JSON line, missing text, unparseable HTML, unreadable file) so the caller can report it and go on:
one bad record never stops the batch. Text is NFC-normalised here (offsets downstream refer to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsmine.records import JSONL_SUFFIXES, iter_jsonl, record_article
from newsmine.types import Article, nfc


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


def _date_only(value: str | None) -> str | None:
    """'2018-03-09T10:00:00+07:00' -> '2018-03-09' (analysis anchors dates on the day)."""
    return value[:10] if value and len(value) >= 10 and value[4] == "-" else value


def _record(rid: str, art: Article, text: str) -> Record:
    return Record(id=rid, text=nfc(text), published=_date_only(art.published), url=art.url, title=art.title)


def _parse_error(rid: str, err: Exception) -> InputError:
    return InputError(rid, f"html not parsed: {type(err).__name__}: {err}".splitlines()[0][:300])


def _from_jsonl(path: Path) -> Iterator[Record | InputError]:
    """A text record's offsets index its own "text"; an html record is analysed as title + lead + body."""
    for rid, rec in iter_jsonl(path):
        if isinstance(rec, Exception):
            yield InputError(rid, str(rec))
            continue
        try:
            art = record_article(rec)
        except ValueError as err:
            yield InputError(rid, str(err))
            continue
        except Exception as err:  # noqa: BLE001 - any parse failure is this record's error
            yield _parse_error(rid, err)
            continue
        yield _record(rid, art, art.text if isinstance(rec.get("text"), str) else art.full_text)


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Record | InputError]:
    """Records from each path in turn: .jsonl/.jsonl.gz lines, .html/.htm pages, anything else as text."""
    for p in paths:
        path = Path(p)
        name = path.name.lower()
        try:
            if name.endswith(JSONL_SUFFIXES):
                yield from _from_jsonl(path)
            elif name.endswith((".html", ".htm")):
                from newsmine.parse import parse_html  # lazy: the parse stage pulls in trafilatura & co.

                data = path.read_bytes()
                try:
                    art = parse_html(data)
                except Exception as err:  # noqa: BLE001 - any parse failure is this page's error
                    yield _parse_error(str(path), err)
                    continue
                yield _record(str(path), art, art.full_text)
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
