"""A compact linear text model and its pickle-free persistence (JSON metadata + numpy .npz weights).

Both shipped models are the same shape: hashed syllable n-grams -> sublinear TF-IDF -> L2 norm -> one
linear score per class -> Platt (sigmoid) calibration -> per-class threshold. Training uses scikit-learn
(`train.py`); what ships is only the arrays needed to predict, so loading is a JSON read plus an .npz
read (well under a second) and no code object is ever unpickled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from newsmine.classify.text import SyllableHasher

FORMAT = "newsmine-linear-text-model/1"


@dataclass
class LinearTextModel:
    classes: list[str]
    hasher: dict[str, Any]  # SyllableHasher parameters
    idf: np.ndarray  # (n_features,) float32; 0 drops a feature
    coef: sp.csr_matrix  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    calib_a: np.ndarray  # p = 1 / (1 + exp(a * score + b))
    calib_b: np.ndarray
    thresholds: np.ndarray  # decide class when p >= threshold
    meta: dict[str, Any] = field(default_factory=dict)
    # multi-class mode: one calibrated probability for `target`, from its margin over the best other class
    target: str | None = None
    _dense: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def outputs(self) -> list[str]:
        """Names of the probability columns."""
        return [self.target] if self.target is not None else list(self.classes)

    def make_hasher(self) -> SyllableHasher:
        return SyllableHasher(**self.hasher)

    def weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Raw hashed counts -> sublinear TF-IDF, L2-normalised rows (as sklearn's TfidfTransformer).

        Done on the CSR arrays directly: 5x faster than a diagonal product plus `normalize`."""
        x = counts.astype(np.float32, copy=True)
        x.data = (np.log(x.data) + 1.0) * self.idf[x.indices]
        n = x.shape[0]
        rows = np.repeat(np.arange(n), np.diff(x.indptr))
        norms = np.sqrt(np.bincount(rows, weights=x.data.astype(np.float64) ** 2, minlength=n))
        norms[norms == 0] = 1.0
        x.data /= norms[rows].astype(np.float32)
        return x

    @property
    def dense_weights(self) -> np.ndarray:
        """(n_features, n_classes) float32: sparse x dense is twice as fast as sparse x sparse (~50 MB)."""
        if self._dense is None:
            self._dense = np.ascontiguousarray(self.coef.T.toarray(), dtype=np.float32)
        return self._dense

    def decision(self, counts: sp.csr_matrix) -> np.ndarray:
        return np.asarray(self.weigh(counts) @ self.dense_weights) + self.intercept

    def margin(self, scores: np.ndarray) -> np.ndarray:
        """Score of `target` minus the best other class: > 0 where the target wins the argmax."""
        k = self.classes.index(self.target)
        return (scores[:, k] - np.delete(scores, k, axis=1).max(axis=1))[:, None]

    def proba(self, counts: sp.csr_matrix) -> np.ndarray:
        scores = self.decision(counts)
        if self.target is not None:
            scores = self.margin(scores)
        z = scores * self.calib_a + self.calib_b
        return 1.0 / (1.0 + np.exp(np.clip(z, -50, 50)))

    def predict_proba_texts(self, texts: list[str]) -> np.ndarray:
        return self.proba(self.make_hasher().transform(texts))

    # -- persistence -------------------------------------------------------------------------------
    def save(self, directory: Path | str) -> Path:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        keep = np.flatnonzero(self.idf)
        coef = self.coef.tocsr()
        np.savez_compressed(
            d / "weights.npz",
            idf_index=keep.astype(np.int32),
            idf_value=self.idf[keep].astype(np.float16),
            coef_data=coef.data.astype(np.float16),
            coef_indices=coef.indices.astype(np.int32),
            coef_indptr=coef.indptr.astype(np.int32),
            intercept=self.intercept.astype(np.float64),
        )
        doc = {
            "format": FORMAT,
            "classes": list(self.classes),
            "hasher": self.hasher,
            "n_features": int(self.coef.shape[1]),
            "calibration": {"a": [float(v) for v in self.calib_a], "b": [float(v) for v in self.calib_b]},
            "target": self.target,
            "thresholds": {c: float(t) for c, t in zip(self.outputs, self.thresholds, strict=True)},
            "meta": self.meta,
        }
        (d / "model.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        return d

    @classmethod
    def load(cls, directory: Path | str) -> LinearTextModel:
        d = Path(directory)
        doc = json.loads((d / "model.json").read_text(encoding="utf-8"))
        if doc.get("format") != FORMAT:
            raise ValueError(f"{d}: not a {FORMAT} model")
        n = int(doc["n_features"])
        with np.load(d / "weights.npz", allow_pickle=False) as w:
            idf = np.zeros(n, dtype=np.float32)
            idf[w["idf_index"]] = w["idf_value"].astype(np.float32)
            coef = sp.csr_matrix(
                (w["coef_data"].astype(np.float32), w["coef_indices"], w["coef_indptr"]),
                shape=(len(doc["classes"]), n),
            )
            intercept = w["intercept"]
        classes = doc["classes"]
        return cls(
            classes=classes,
            hasher=doc["hasher"],
            idf=idf,
            coef=coef,
            intercept=intercept,
            calib_a=np.asarray(doc["calibration"]["a"]),
            calib_b=np.asarray(doc["calibration"]["b"]),
            thresholds=np.asarray(
                [doc["thresholds"][c] for c in ([doc["target"]] if doc.get("target") else classes)]
            ),
            meta=doc.get("meta", {}),
            target=doc.get("target"),
        )


def prune(coef: np.ndarray, keep: int) -> sp.csr_matrix:
    """Keep the `keep` largest-|w| weights per row: a model under 20 MB loses almost nothing."""
    coef = np.atleast_2d(np.asarray(coef, dtype=np.float32))
    rows = []
    for r in coef:
        if np.count_nonzero(r) > keep:
            cut = np.partition(np.abs(r), -keep)[-keep]
            r = np.where(np.abs(r) >= cut, r, 0.0)
        rows.append(sp.csr_matrix(r))
    return sp.vstack(rows).tocsr()
