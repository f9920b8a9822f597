"""Campaign-theme classification: calibrated per-theme probabilities and per-theme thresholds."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from newsmine.classify.persist import LinearTextModel
from newsmine.config import MODELS_DIR

THEMES_MODEL_DIR = MODELS_DIR / "themes"


@lru_cache(maxsize=4)
def load_theme_model(path: Path | str = THEMES_MODEL_DIR) -> LinearTextModel:
    """Loaded once per process (JSON + .npz, no pickle)."""
    return LinearTextModel.load(path)


def decide(model: LinearTextModel, proba: np.ndarray) -> list[list[str]]:
    """Themes whose probability reaches their threshold, most probable first (possibly none)."""
    out = []
    for row in np.atleast_2d(proba):
        hits = [(p, t) for p, t, thr in zip(row, model.classes, model.thresholds, strict=True) if p >= thr]
        out.append([t for _, t in sorted(hits, reverse=True)])
    return out
