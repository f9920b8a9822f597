"""The judicial-news filter: P(text is VNTC-style "Phap luat" news), for the crawler and `classify`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from newsmine.classify.persist import LinearTextModel
from newsmine.config import MODELS_DIR

JUDICIAL_MODEL_DIR = MODELS_DIR / "judicial"


@lru_cache(maxsize=4)
def load_judicial_model(path: Path | str = JUDICIAL_MODEL_DIR) -> LinearTextModel:
    """Loaded once per process (JSON + .npz, no pickle)."""
    return LinearTextModel.load(path)


def judicial_scores(texts: list[str]) -> list[float]:
    """Calibrated probability that each text is judicial/legal news (0..1)."""
    if not texts:
        return []
    model = load_judicial_model()
    return [round(float(p), 4) for p in model.predict_proba_texts(list(texts))[:, 0]]


def is_judicial(text: str, threshold: float | None = None) -> bool:
    """Keep/drop decision at the model's tuned threshold (or `threshold`)."""
    model = load_judicial_model()
    t = float(model.thresholds[0]) if threshold is None else threshold
    return judicial_scores([text])[0] >= t
