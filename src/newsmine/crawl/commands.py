"""CLI commands of the crawl stage: thin typer wrappers over newsmine.crawl."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from newsmine.config import DEFAULT_ARCHIVE, CrawlConfig


def _since(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as exc:
        raise typer.BadParameter(f"--since wants YYYY-MM-DD, got {value!r}") from exc


def crawl(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Site names (plo.vn, vnexpress.net, baophapluat.vn), "
            "name@origin, or URLs of sitemaps, feeds or listing pages."
        ),
    ],
    since: Annotated[
        str | None, typer.Option(help="Skip articles published before this date (YYYY-MM-DD).")
    ] = None,
    max_articles: Annotated[
        int | None, typer.Option(help="Fetch at most this many article pages this run.")
    ] = None,
    archive: Annotated[
        Path, typer.Option(help="Archive directory (catalogue.sqlite + warc/).")
    ] = DEFAULT_ARCHIVE,
    delay: Annotated[float | None, typer.Option(help="Seconds between requests to one host.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Crawl news sites politely into a WARC archive; re-runs fetch only what is new."""
    from rich.console import Console

    from newsmine.crawl import crawl as run_crawl

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    config = CrawlConfig() if delay is None else CrawlConfig(delay=delay)
    try:
        summary = run_crawl(
            sources,
            archive,
            since=_since(since),
            max_articles=max_articles,
            config=config,
            progress=not quiet,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        console = Console()
        console.print(summary.table())
        for url, reason in summary.failures[:20]:
            console.print(f"[red]failed[/red] {url}: {reason}", markup=True, highlight=False, soft_wrap=True)
        console.print(f"archive: {archive}")
    if summary.interrupted:
        raise typer.Exit(130)


def reparse(
    archive: Annotated[Path, typer.Option(help="Archive directory to rebuild from.")] = DEFAULT_ARCHIVE,
) -> None:
    """Rebuild every article from the WARC archive with no network (after a parser change)."""
    from newsmine.crawl import reparse as run_reparse

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    summary = run_reparse(archive)
    typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
