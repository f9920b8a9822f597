"""newsmine: Vietnamese judicial news into a structured, searchable archive.

`newsmine.analyze(text, published=None)` is the one-call entry point to fact extraction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newsmine.types import Facts


def analyze(text: str, published: str | None = None) -> Facts:
    """Extract officials, bodies, places, dates, campaigns and quotes, with offsets into NFC `text`."""
    from newsmine.extract.pipeline import analyze as _analyze

    return _analyze(text, published=published)
