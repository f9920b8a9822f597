"""Doc extensions that carry each fact type through the pipeline (one Doc holds everything)."""

from __future__ import annotations

from spacy.tokens import Doc

FACT_FIELDS = ("officials", "bodies", "places", "dates", "campaigns", "quotes")


def register() -> None:
    """Idempotent: every component module calls it before touching `doc._`."""
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)  # ISO date string or None
    for name in FACT_FIELDS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)  # list of newsmine.types records once set
