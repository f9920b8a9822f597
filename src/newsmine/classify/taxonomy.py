"""The campaign-theme taxonomy, shipped as data in corpora/taxonomy/themes.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsmine.config import CORPORA_DIR

TAXONOMY_PATH = CORPORA_DIR / "taxonomy" / "themes.json"


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str
    phrases: tuple[str, ...] = field(default_factory=tuple)
    cues: tuple[str, ...] = field(default_factory=tuple)
    # decision rules only (never weak labels, so retraining reproduces the shipped model):
    headline_phrases: tuple[str, ...] = field(default_factory=tuple)  # count in a headline only
    campaign_words: tuple[str, ...] = field(default_factory=tuple)  # a campaign name with one is this theme
    # weak labels only (never decision rules, so the shipped rules stay fixed when labels improve):
    weak_phrases: tuple[str, ...] = field(default_factory=tuple)  # extra precise phrases for weak positives
    weak_stop: tuple[str, ...] = field(default_factory=tuple)  # phrases too broad to count for weak labels


@lru_cache(maxsize=4)
def load_taxonomy(path: Path | str = TAXONOMY_PATH) -> tuple[Theme, ...]:
    """The 12 themes in the guide's order (ids are the label space of every theme model)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(
        Theme(
            t["id"],
            t["name"],
            t["description"],
            tuple(t.get("phrases", ())),
            tuple(t.get("cues", ())),
            tuple(t.get("headline_phrases", ())),
            tuple(t.get("campaign_words", ())),
            tuple(t.get("weak_phrases", ())),
            tuple(t.get("weak_stop", ())),
        )
        for t in data["themes"]
    )


def theme_ids() -> list[str]:
    return [t.id for t in load_taxonomy()]
