"""Opening the archive: one SQLite file in WAL mode so readers keep working while `index` writes.

The schema lives in ``schema.sql``; ``PRAGMA user_version`` records which migrations have run, so an
old database is brought up to date on open and a new one is created in one step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from newsmine.config import DEFAULT_DB

SCHEMA_VERSION = 1


def _schema_v1() -> str:
    return resources.files("newsmine.store").joinpath("schema.sql").read_text("utf-8")


# index i: the SQL script that upgrades a database from user_version i to i + 1
MIGRATIONS: list[Callable[[], str]] = [_schema_v1]


class StoreError(RuntimeError):
    """The database is missing or unusable: a message for the user, not a traceback."""


def connect(path: str | Path | None = None, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the archive at `path`; rows come back as sqlite3.Row."""
    path = Path(path) if path else DEFAULT_DB
    if readonly:
        if not path.exists():
            raise StoreError(f"no database at {path} (run `newsmine index` first or pass --db)")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    if readonly:
        conn.execute("PRAGMA query_only = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            raise StoreError(f"{path} is not a newsmine database (or too old): run `newsmine index` on it")
        return conn
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    migrate(conn)
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    """Run the migrations this database has not seen, each in its own transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"database schema v{version} is newer than this newsmine (v{SCHEMA_VERSION})")
    for step in range(version, SCHEMA_VERSION):
        # one script per step, its own transaction: a failed migration leaves the old version intact
        script = f"BEGIN IMMEDIATE;\n{MIGRATIONS[step]()}\nPRAGMA user_version = {step + 1};\nCOMMIT;"
        try:
            conn.executescript(script)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
