"""Input records shared by `extract`, `classify` and `index`: one reader of `.jsonl` record files.

A record is `{"id", "text" | "html", "url"?, "title"?, "sapo"?, "published"?, "site"?}`. Reading is streamed
and forgiving: a line that is not JSON, not an object, or has neither text nor html comes back as that
record's exception, and the file goes on.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from newsmine.types import Article

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


def iter_jsonl(path: Path) -> Iterator[tuple[str, dict | Exception]]:
    """(id, record) per non-empty line; the id is the record's own or `path:line`."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rid = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                yield rid, ValueError(f"bad JSON: {err.msg} (line {lineno})")
                continue
            if not isinstance(rec, dict):
                yield rid, ValueError("record is not a JSON object")
                continue
            yield str(rec.get("id") or rid), rec


def _str(rec: dict, key: str) -> str | None:
    value = rec.get(key)
    return value if isinstance(value, str) and value else None


def record_article(rec: dict) -> Article:
    """The record as an Article: `text` as given, or `html` parsed (the record's own fields win).

    Raises ValueError when there is neither; an HTML parse failure propagates as the record's error.
    """
    fields = {key: _str(rec, key) for key in ("url", "site", "title", "sapo", "published")}
    if isinstance(rec.get("text"), str):
        return Article(text=rec["text"], **fields)
    if isinstance(rec.get("html"), str):
        from newsmine.parse import parse_html  # lazy: the parse stage pulls in trafilatura & co.

        art = parse_html(rec["html"], url=fields["url"])
        for key, value in fields.items():
            if value and key != "sapo":
                setattr(art, key, value)
        return art
    raise ValueError('record has neither "text" nor "html"')
