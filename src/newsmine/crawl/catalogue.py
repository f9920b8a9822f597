"""The crawl catalogue (SQLite): one row per canonical URL with its state, WARC pointer and parsed Article.

States: discovered -> fetched -> parsed, or failed (+ reason, maybe retryable), or skipped (+ reason:
robots.txt, not judicial, older than --since). Every write is committed at once, so an interrupted crawl
resumes from the rows as they stand; the `fetches` table logs every exchange ever archived.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsmine.crawl.warc import WarcPointer

SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
  url TEXT PRIMARY KEY,              -- canonical URL: the article id
  fetch_url TEXT NOT NULL,           -- cleaned URL actually requested
  host TEXT NOT NULL,
  kind TEXT NOT NULL,                -- article | listing | robots
  listing_type TEXT,                 -- sitemap | feed | section | auto
  source TEXT,                       -- site name
  parser TEXT,                       -- forced site parser, if any
  judicial INTEGER,                  -- 1 found in a judicial listing, 0 only in general ones, NULL no filter
  state TEXT NOT NULL,
  reason TEXT,
  retryable INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  revisit INTEGER NOT NULL DEFAULT 0,
  lastmod TEXT,
  published_hint TEXT,
  discovered_at TEXT NOT NULL,
  fetched_at TEXT,
  parsed_at TEXT,
  http_status INTEGER,
  final_url TEXT,
  content_type TEXT,
  etag TEXT,
  last_modified TEXT,
  warc_file TEXT,
  warc_offset INTEGER,
  warc_length INTEGER,
  content_hash TEXT,
  text_hash TEXT,
  minhash BLOB,
  duplicate_of TEXT,
  duplicate_kind TEXT,
  judicial_score REAL,
  article_json TEXT
);
CREATE INDEX IF NOT EXISTS urls_state ON urls(kind, state);
CREATE INDEX IF NOT EXISTS urls_text_hash ON urls(text_hash);
CREATE TABLE IF NOT EXISTS fetches (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  status INTEGER,
  reason TEXT,
  warc_file TEXT,
  warc_offset INTEGER,
  warc_length INTEGER
);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  sources TEXT,
  summary_json TEXT
);
"""

MAX_RUN_ATTEMPTS = 3  # a URL failing transiently in this many runs is not tried again


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Row:
    data: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.data[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    @property
    def pointer(self) -> WarcPointer | None:
        if self.data.get("warc_file") is None:
            return None
        return WarcPointer(self.data["warc_file"], self.data["warc_offset"], self.data["warc_length"])


class Catalogue:
    def __init__(self, path: Path):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)  # autocommit: every write is durable at once
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------
    def get(self, url: str) -> Row | None:
        r = self.db.execute("SELECT * FROM urls WHERE url = ?", (url,)).fetchone()
        return Row(dict(r)) if r else None

    def rows(self, where: str = "1", params: tuple = ()) -> list[Row]:
        return [
            Row(dict(r)) for r in self.db.execute(f"SELECT * FROM urls WHERE {where} ORDER BY rowid", params)
        ]

    def pending_articles(self, hosts: set[str]) -> list[Row]:
        """Articles to fetch this run: never fetched, transiently failed, or flagged for a revisit."""
        marks = ",".join("?" * len(hosts))
        return self.rows(
            f"kind = 'article' AND host IN ({marks}) AND (state = 'discovered' OR revisit = 1 "
            f"OR (state = 'failed' AND retryable = 1 AND attempts < {MAX_RUN_ATTEMPTS}))",
            tuple(hosts),
        )

    def counts(self) -> dict[str, int]:
        q = "SELECT state, COUNT(*) FROM urls WHERE kind = 'article' GROUP BY state"
        return {s: n for s, n in self.db.execute(q)}

    # -- writing -------------------------------------------------------------------------------
    def discover(
        self,
        url: str,
        fetch_url: str,
        host: str,
        kind: str,
        source: str | None = None,
        parser: str | None = None,
        judicial: bool | None = None,
        listing_type: str | None = None,
        lastmod: str | None = None,
        published_hint: str | None = None,
    ) -> bool:
        """Record a URL; True when it is new. A known URL only gains information (judicial wins, newer lastmod
        flags a revisit of an already parsed article), it never loses state."""
        row = self.get(url)
        jud = None if judicial is None else int(judicial)
        if row is None:
            self.db.execute(
                "INSERT INTO urls (url, fetch_url, host, kind, listing_type, source, parser, judicial, state,"
                " lastmod, published_hint, discovered_at) VALUES (?,?,?,?,?,?,?,?,'discovered',?,?,?)",
                (
                    url,
                    fetch_url,
                    host,
                    kind,
                    listing_type,
                    source,
                    parser,
                    jud,
                    lastmod,
                    published_hint,
                    now(),
                ),
            )
            return True
        updates: dict[str, Any] = {}
        if jud == 1 and row.judicial != 1:
            updates["judicial"] = 1
        if lastmod and (row.lastmod or "") < lastmod:
            updates["lastmod"] = lastmod
            if row.state == "parsed" and row.lastmod:
                updates["revisit"] = 1
        if updates:
            self.update(url, **updates)
        return False

    def update(self, url: str, **fields: Any) -> None:
        cols = ", ".join(f"{k} = ?" for k in fields)
        self.db.execute(f"UPDATE urls SET {cols} WHERE url = ?", (*fields.values(), url))

    def log_fetch(
        self, url: str, status: int | None, reason: str | None, pointer: WarcPointer | None
    ) -> None:
        self.db.execute(
            "INSERT INTO fetches (url, fetched_at, status, reason, warc_file, warc_offset, warc_length)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                url,
                now(),
                status,
                reason,
                *((pointer.file, pointer.offset, pointer.length) if pointer else (None,) * 3),
            ),
        )

    def start_run(self, sources: list[str]) -> int:
        cur = self.db.execute(
            "INSERT INTO runs (started_at, sources) VALUES (?, ?)", (now(), " ".join(sources))
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, summary_json: str) -> None:
        self.db.execute(
            "UPDATE runs SET finished_at = ?, summary_json = ? WHERE id = ?", (now(), summary_json, run_id)
        )

    def parsed_rows(self) -> Iterator[Row]:
        for r in self.db.execute(
            "SELECT * FROM urls WHERE kind = 'article' AND state = 'parsed' ORDER BY rowid"
        ):
            yield Row(dict(r))
