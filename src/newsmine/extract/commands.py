"""CLI commands for the extract stage (placeholder until the stage lands)."""


def extract() -> None:
    """Not built yet."""
    raise NotImplementedError("extract")

