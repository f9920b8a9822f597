"""CLI commands for the store stage: index, search, quotes, person, body, campaign, export.

Thin typer shells over the library functions; tables on the terminal, JSON lines with --json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsmine.config import DEFAULT_DB

DbOpt = Annotated[Path, typer.Option("--db", help="SQLite archive (default: $NEWSMINE_HOME/newsmine.db).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON lines instead of tables, one object per hit.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="From date: YYYY, YYYY-MM or YYYY-MM-DD.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="To date (inclusive): YYYY, YYYY-MM or YYYY-MM-DD.")]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="At most this many hits.")]


def _fail(msg: str) -> typer.Exit:
    Console(stderr=True).print(f"[red]error:[/red] {msg}", highlight=False)
    return typer.Exit(2)


def _open(db: Path, readonly: bool = True):
    from newsmine.store.db import StoreError, connect

    try:
        return connect(db, readonly=readonly)
    except StoreError as exc:
        raise _fail(str(exc)) from None


def _jsonl(objs) -> None:
    for obj in objs:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def index(
    inputs: Annotated[
        list[Path], typer.Argument(help="Crawl archive dirs (catalogue.sqlite) or .jsonl records.")
    ],
    db: DbOpt = DEFAULT_DB,
    force: Annotated[bool, typer.Option("--force", help="Re-analyse even unchanged articles.")] = False,
    classify: Annotated[bool, typer.Option("--classify/--no-classify", help="Store themes.")] = True,
    as_json: JsonOpt = False,
) -> None:
    """Extract and classify what is new or changed in INPUT..., store it in the archive."""
    from newsmine.store.index import index_paths

    conn = _open(db, readonly=False)
    err = Console(stderr=True)

    def progress(stats) -> None:
        if not as_json and sys.stderr.isatty():
            err.print(f"\r{stats.seen} seen, {stats.indexed} indexed ...", end="")

    from newsmine.store.db import StoreError

    try:
        stats = index_paths(conn, inputs, classifier=classify, force=force, progress=progress)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    finally:
        conn.close()
    for rid, msg in stats.errors:
        err.print(f"[red]error[/red] {rid}: {msg}", highlight=False, markup=True, soft_wrap=True)
    if as_json:
        _jsonl([{"db": str(db), **stats.to_dict()}])
    else:
        rate = stats.indexed / stats.seconds if stats.seconds else 0.0
        err.print(
            f"{db}: {stats.seen} seen, {stats.indexed} indexed, {stats.unchanged} unchanged, "
            f"{stats.failed} failed in {stats.seconds:.1f}s ({rate:.1f} docs/s)",
            highlight=False,
        )


def search(
    query: Annotated[
        str, typer.Argument(help='Words, "phrases", AND/OR/NOT, prefix*; accents optional.')
    ] = "",
    theme: Annotated[str | None, typer.Option("--theme", help="Theme id, e.g. thi-hanh-an.")] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    site: Annotated[str | None, typer.Option("--site", help="Site host, e.g. plo.vn.")] = None,
    person: Annotated[str | None, typer.Option("--person", help="Articles mentioning this person.")] = None,
    body: Annotated[str | None, typer.Option("--body", help="Articles naming this body.")] = None,
    limit: LimitOpt = 20,
    db: DbOpt = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """Full-text search over titles and bodies (Vietnamese folding: "tu phap" finds "Tư pháp")."""
    from newsmine.store.render import hits_table
    from newsmine.store.search import QueryError
    from newsmine.store.search import search as run

    conn = _open(db)
    try:
        hits = run(
            conn,
            query,
            theme=theme,
            date_from=date_from,
            date_to=date_to,
            site=site,
            person=person,
            body=body,
            limit=limit,
        )
    except QueryError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        _jsonl(h.to_dict() for h in hits)
    else:
        Console().print(hits_table(hits))


def quotes(
    speaker: Annotated[
        str | None, typer.Option("--speaker", help='Full name or short form ("ông Lực").')
    ] = None,
    contains: Annotated[str | None, typer.Option("--contains", help="Quote text contains this.")] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    limit: LimitOpt = 50,
    db: DbOpt = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """Who said what: statements by a speaker, with title, body, text, date and article."""
    from newsmine.store.quotes import find_quotes
    from newsmine.store.render import quotes_table
    from newsmine.store.search import QueryError

    if not (speaker or contains):
        raise _fail("give --speaker NAME and/or --contains TEXT")
    conn = _open(db)
    try:
        found = find_quotes(
            conn, speaker, contains=contains, date_from=date_from, date_to=date_to, limit=limit
        )
    except QueryError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        _jsonl(q.to_dict() for q in found)
    else:
        Console().print(quotes_table(found))


def _profile(kind: str, name: str, db: Path, as_json: bool, limit: int) -> None:
    from newsmine.store import profiles
    from newsmine.store.render import print_profile

    conn = _open(db)
    build = {
        "person": profiles.person_profile,
        "body": profiles.body_profile,
        "campaign": profiles.campaign_profile,
    }[kind]
    profile = build(conn, name, limit=limit)
    if profile is None:
        raise _fail(f"no {kind} matching {name!r} in {db}")
    if as_json:
        _jsonl([profile])
    else:
        print_profile(Console(), profile)


def person(
    name: Annotated[str, typer.Argument(help='Full name or short form ("Lực", "ông Lực").')],
    limit: LimitOpt = 50,
    db: DbOpt = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """A person's titles and bodies over time, quotes, articles and monthly coverage."""
    _profile("person", name, db, as_json, limit)


def body(
    name: Annotated[str, typer.Argument(help="Body name or part of it (accents optional).")],
    limit: LimitOpt = 50,
    db: DbOpt = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """A body's officials over time, their quotes, its articles and monthly coverage."""
    _profile("body", name, db, as_json, limit)


def campaign(
    name: Annotated[str, typer.Argument(help="Campaign id or (part of) its name.")],
    limit: LimitOpt = 50,
    db: DbOpt = DEFAULT_DB,
    as_json: JsonOpt = False,
) -> None:
    """A campaign's spellings, themes, officials, quotes, articles and monthly coverage timeline."""
    _profile("campaign", name, db, as_json, limit)


def export(
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory, one file per table.")] = Path(
        "export"
    ),
) -> None:
    """Write every table of the archive to OUT/<table>.<format>."""
    from newsmine.store.export import FORMATS, export_db

    if fmt not in FORMATS:
        raise _fail(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    conn = _open(db)
    done = export_db(conn, fmt, out)
    for table, (path, n) in done.items():
        Console(stderr=True).print(f"{table}: {n} rows -> {path}", highlight=False)
