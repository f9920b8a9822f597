"""`newsmine classify` and `newsmine train`: thin typer commands over the classify package."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

BATCH = 256


def run_classify(paths: list[Path], out) -> tuple[int, int]:
    """Classify every record of `paths` (same inputs as `extract`), one JSON line each; (ok, failed)."""
    from newsmine.classify import classify_many
    from newsmine.extract.inputs import InputError, iter_inputs

    ok = failed = 0
    batch: list = []

    def flush() -> None:
        nonlocal ok
        for c in classify_many([r.text for r in batch], [r.id for r in batch]):
            out.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
            ok += 1
        batch.clear()
        out.flush()

    for rec in iter_inputs(paths):
        if isinstance(rec, InputError):
            failed += 1
            print(f"newsmine classify: {rec.id}: {rec.error}", file=sys.stderr)
            continue
        batch.append(rec)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return ok, failed


def classify(
    inputs: list[Path] = typer.Argument(
        ..., help=".txt, .html or .jsonl ({id, text|html, url?, published?})"
    ),
    output: Path | None = typer.Option(None, "-o", "--output", help="write JSON lines here (default stdout)"),
) -> None:
    """Campaign themes and judicial probability, one JSON object per document."""
    if output is None:
        ok, failed = run_classify(inputs, sys.stdout)
    else:
        with open(output, "w", encoding="utf-8") as out:
            ok, failed = run_classify(inputs, out)
    if failed and not ok:
        raise typer.Exit(1)


def train(
    model: str = typer.Argument(..., help="themes or judicial"),
    data: Path | None = typer.Option(None, "--data", help="the shared data folder (default ../shared)"),
    out: Path | None = typer.Option(None, "--out", help="model folder (default models/<model>)"),
    limit: int | None = typer.Option(None, "--limit", help="subsample the training corpus (quick runs)"),
    seed: int = typer.Option(13, "--seed"),
) -> None:
    """Rebuild a model reproducibly from ../shared and print its evaluation as JSON."""
    from newsmine.classify.train import train_judicial, train_themes
    from newsmine.config import MODELS_DIR

    if model not in ("themes", "judicial"):
        raise typer.BadParameter("expected 'themes' or 'judicial'", param_hint="MODEL")
    target = out or MODELS_DIR / model
    fn = train_themes if model == "themes" else train_judicial
    report = fn(shared=data, out=target, seed=seed, limit=limit)
    if report.path:
        from newsmine.classify.cards import write_card

        write_card(report.path)
    typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
