"""CLI commands for the store stage (placeholder until the stage lands)."""


def index() -> None:
    """Not built yet."""
    raise NotImplementedError("index")


def search() -> None:
    """Not built yet."""
    raise NotImplementedError("search")


def quotes() -> None:
    """Not built yet."""
    raise NotImplementedError("quotes")


def person() -> None:
    """Not built yet."""
    raise NotImplementedError("person")


def body() -> None:
    """Not built yet."""
    raise NotImplementedError("body")


def campaign() -> None:
    """Not built yet."""
    raise NotImplementedError("campaign")


def export() -> None:
    """Not built yet."""
    raise NotImplementedError("export")

