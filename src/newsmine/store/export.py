"""`newsmine export`: every table of the archive as jsonl, csv or parquet, one file per table.

Rows are streamed in batches, so exporting a large archive does not load it into memory.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

FORMATS = ("jsonl", "csv", "parquet")
BATCH = 5000


def tables(conn: sqlite3.Connection) -> list[str]:
    """The archive's data tables (FTS5 shadow tables are derived, not exported)."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'articles_fts%' ORDER BY name"
    )
    return [r[0] for r in rows]


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    return [(r[1], (r[2] or "").upper()) for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _arrow_schema(cols: list[tuple[str, str]]):
    import pyarrow as pa

    def typ(decl: str):
        if "INT" in decl:
            return pa.int64()
        if "REAL" in decl or "FLOA" in decl or "DOUB" in decl:
            return pa.float64()
        return pa.string()

    return pa.schema([(name, typ(decl)) for name, decl in cols])


def export_table(conn: sqlite3.Connection, table: str, fmt: str, out_dir: Path) -> tuple[Path, int]:
    """Write one table; returns (file, row count)."""
    path = out_dir / f"{table}.{fmt}"
    cols = _columns(conn, table)
    names = [c for c, _ in cols]
    n = 0
    cur = conn.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in names)} FROM "{table}"')
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as fh:
            while rows := cur.fetchmany(BATCH):
                for row in rows:
                    fh.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n")
                n += len(rows)
    elif fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(names)
            while rows := cur.fetchmany(BATCH):
                writer.writerows(tuple(row) for row in rows)
                n += len(rows)
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _arrow_schema(cols)
        with pq.ParquetWriter(path, schema) as writer:
            while rows := cur.fetchmany(BATCH):
                data = {c: [row[i] for row in rows] for i, c in enumerate(names)}
                writer.write_table(pa.table(data, schema=schema))
                n += len(rows)
            if n == 0:
                writer.write_table(schema.empty_table())
    else:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return path, n


def export_db(conn: sqlite3.Connection, fmt: str, out_dir: str | Path) -> dict[str, tuple[Path, int]]:
    """Export every data table of the archive to `out_dir/<table>.<fmt>`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {t: export_table(conn, t, fmt, out) for t in tables(conn)}
