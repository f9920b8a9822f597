"""The `newsmine` command: a thin shell over library functions, one sub-command per stage."""

from __future__ import annotations

import typer

from newsmine.api import commands as api_commands
from newsmine.classify import commands as classify_commands
from newsmine.crawl import commands as crawl_commands
from newsmine.extract import commands as extract_commands
from newsmine.parse import commands as parse_commands
from newsmine.store import commands as store_commands

app = typer.Typer(
    help="Turn Vietnamese judicial news into a structured, searchable archive.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

app.command("crawl")(crawl_commands.crawl)
app.command("reparse")(crawl_commands.reparse)
app.command("parse")(parse_commands.parse)
app.command("extract")(extract_commands.extract)
app.command("classify")(classify_commands.classify)
app.command("train")(classify_commands.train)
app.command("index")(store_commands.index)
app.command("search")(store_commands.search)
app.command("quotes")(store_commands.quotes)
app.command("person")(store_commands.person)
app.command("body")(store_commands.body)
app.command("campaign")(store_commands.campaign)
app.command("export")(store_commands.export)
app.command("serve")(api_commands.serve)

if __name__ == "__main__":
    app()
