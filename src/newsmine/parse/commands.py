"""CLI for the parse stage: `newsmine parse FILE.html [--url URL] [--site NAME]` prints one JSON object."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsmine.parse import ParseError, parse_html

FIELDS = (
    "url",
    "canonical_url",
    "site",
    "title",
    "sapo",
    "text",
    "authors",
    "published",
    "modified",
    "section",
    "tags",
    "images",
    "language",
)


def parse(
    file: Annotated[
        Path, typer.Argument(help="Saved article page (.html, any charset).", exists=True, dir_okay=False)
    ],
    url: Annotated[str | None, typer.Option("--url", help="The page's URL: picks the site parser.")] = None,
    site: Annotated[
        str | None, typer.Option("--site", help="Force a site parser: plo.vn, vnexpress.net, baophapluat.vn.")
    ] = None,
) -> None:
    """Parse one saved article page and print it as a JSON object."""
    try:
        article = parse_html(file.read_bytes(), url, site=site)
    except ParseError as exc:
        typer.echo(f"error: {file}: {exc}", err=True)
        raise typer.Exit(1) from None
    data = article.to_dict()
    ordered = {key: data[key] for key in FIELDS}
    typer.echo(json.dumps(ordered, ensure_ascii=False, indent=2))
