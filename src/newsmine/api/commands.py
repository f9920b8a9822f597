"""CLI commands for the api stage (placeholder until the stage lands)."""


def serve() -> None:
    """Not built yet."""
    raise NotImplementedError("serve")

