"""CLI commands for the crawl stage (placeholder until the stage lands)."""


def crawl() -> None:
    """Not built yet."""
    raise NotImplementedError("crawl")


def reparse() -> None:
    """Not built yet."""
    raise NotImplementedError("reparse")

