"""Typed records passed between stages: fetch -> parse (Article) -> analyze (Facts) -> classify -> store.

Plain dataclasses with ``to_dict``/``from_dict`` so every stage boundary is also JSON.
All text is NFC; every offset indexes the NFC text it was computed on.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Span = tuple[int, int]


def nfc(text: str | None) -> str:
    """Normalise to NFC at the boundary; offsets downstream refer to this form."""
    return unicodedata.normalize("NFC", text or "")


def _build(cls, data: dict[str, Any]):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Image:
    url: str
    caption: str | None = None


@dataclass
class Article:
    """One news article as parsed from a page (or given as a record)."""

    text: str
    url: str | None = None
    canonical_url: str | None = None
    site: str | None = None
    title: str | None = None
    sapo: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 with UTC offset, or YYYY-MM-DD
    modified: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    language: str | None = "vi"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        art = _build(cls, data)
        art.images = [i if isinstance(i, Image) else _build(Image, i) for i in art.images or []]
        return art

    @property
    def full_text(self) -> str:
        """Title, lead and body as one text: what analysis and classification read."""
        return "\n\n".join(p for p in (self.title, self.sapo, self.text) if p)


@dataclass
class Official:
    name: str
    title: str | None = None
    body: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Entity:
    """A body, place or campaign: a canonical name and where the text names it."""

    name: str
    mentions: list[Span] = field(default_factory=list)
    id: str | None = None  # stable id (campaigns: one id across articles and spellings)
    type: str | None = None  # e.g. place level ("tinh", "huyen", "xa", "quoc-gia") or body kind


@dataclass
class DateFact:
    text: str
    value: str  # YYYY-MM-DD, YYYY-MM, YYYY or XXXX-MM-DD
    start: int
    end: int


@dataclass
class Quote:
    speaker: str | None
    text: str
    kind: Literal["direct", "indirect"]
    start: int
    end: int
    speaker_title: str | None = None
    speaker_body: str | None = None
    cue: str | None = None
    speaker_start: int | None = None  # offsets of the speaker mention that attributes the quote
    speaker_end: int | None = None


@dataclass
class Facts:
    """Everything `analyze` finds in one text."""

    text_length: int
    officials: list[Official] = field(default_factory=list)
    bodies: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    campaigns: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("officials", "bodies", "places", "campaigns"):
            for item in out[key]:
                item["mentions"] = [list(m) for m in item["mentions"]]
        return {"id": out.pop("id"), **out}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Facts:
        return cls(
            id=data.get("id"),
            text_length=data.get("text_length", 0),
            officials=[_build(Official, o) for o in data.get("officials", [])],
            bodies=[_build(Entity, o) for o in data.get("bodies", [])],
            places=[_build(Entity, o) for o in data.get("places", [])],
            dates=[_build(DateFact, o) for o in data.get("dates", [])],
            campaigns=[_build(Entity, o) for o in data.get("campaigns", [])],
            quotes=[_build(Quote, o) for o in data.get("quotes", [])],
        )


@dataclass
class Classification:
    themes: list[str]
    scores: dict[str, float]
    judicial: float
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "themes": self.themes, "scores": self.scores, "judicial": self.judicial}
