"""`newsmine extract`: documents in, one JSON line of facts per document out (errors as lines too)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from newsmine.extract.inputs import InputError, iter_inputs


def run_extract(paths: list[Path], published: str | None, out) -> tuple[int, int]:
    """Analyse every record of `paths`, writing JSON lines to `out`; (ok, failed) counts.

    A record that cannot be read or analysed gets {"id", "error"} and a one-line message on stderr."""
    from newsmine.extract.pipeline import analyze

    ok = failed = 0
    for rec in iter_inputs(paths):
        if isinstance(rec, InputError):
            line = {"id": rec.id, "error": rec.error}
        else:
            try:
                facts = analyze(rec.text, published=published or rec.published, id=rec.id)
                line = facts.to_dict()
            except Exception as err:  # noqa: BLE001 - one bad document never stops the batch
                line = {"id": rec.id, "error": f"{type(err).__name__}: {err}".splitlines()[0][:300]}
        if "error" in line:
            failed += 1
            print(f"newsmine extract: {line['id']}: {line['error']}", file=sys.stderr)
        else:
            ok += 1
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        out.flush()
    return ok, failed


def extract(
    inputs: list[Path] = typer.Argument(
        ..., help=".txt, .html or .jsonl ({id, text|html, url?, published?}) files"
    ),
    published: str | None = typer.Option(
        None, "--published", help="YYYY-MM-DD: anchor for dates without a year"
    ),
    output: Path | None = typer.Option(None, "-o", "--output", help="write JSON lines here (default stdout)"),
) -> None:
    """Extract officials, bodies, places, dates, campaigns and quotes, one JSON object per document."""
    if published is not None and not (len(published) >= 10 and published[4] == "-" and published[7] == "-"):
        raise typer.BadParameter("expected YYYY-MM-DD", param_hint="--published")
    published = published[:10] if published else None
    if output is None:
        ok, failed = run_extract(inputs, published, sys.stdout)
    else:
        with open(output, "w", encoding="utf-8") as out:
            ok, failed = run_extract(inputs, published, out)
    if failed and not ok:
        raise typer.Exit(1)
