"""CLI commands for the api stage: `newsmine serve`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsmine.config import DEFAULT_DB


def serve(
    db: Annotated[Path, typer.Option("--db", help="SQLite archive to serve.")] = DEFAULT_DB,
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Interface; 127.0.0.1 keeps it local.")] = "127.0.0.1",
) -> None:
    """Serve the JSON API (OpenAPI at /docs) and the HTML search and person pages."""
    import uvicorn

    from newsmine.api.app import create_app

    if not db.exists():
        typer.echo(f"error: no database at {db} (run `newsmine index` first or pass --db)", err=True)
        raise typer.Exit(2)
    typer.echo(f"serving {db} on http://{host}:{port}/  (API docs: /docs)", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
