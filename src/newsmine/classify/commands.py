"""CLI commands for the classify stage (placeholder until the stage lands)."""


def classify() -> None:
    """Not built yet."""
    raise NotImplementedError("classify")


def train() -> None:
    """Not built yet."""
    raise NotImplementedError("train")

