"""CLI commands for the parse stage (placeholder until the stage lands)."""


def parse() -> None:
    """Not built yet."""
    raise NotImplementedError("parse")

